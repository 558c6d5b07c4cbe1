import { expect } from "chai";
import { runCli } from "../cli/spawn";

describe("serve and proxy: command line", () => {
  const cases: Array<{ args: string[]; message: RegExp }> = [
    { args: ["serve", "--port", "70000"], message: /invalid --port 70000/ },
    { args: ["serve", "--cert", "server.pem"], message: /--cert FILE and --key FILE together/ },
    { args: ["serve", "--ca", "/nonexistent/ca.pem"], message: /cannot read --ca \/nonexistent\/ca\.pem: no such file/ },
    { args: ["serve", "--clock-skew", "-1"], message: /--clock-skew/ },
    { args: ["serve", "--max-connections", "0"], message: /invalid --max-connections 0/ },
    { args: ["serve", "--idle-timeout", "soon"], message: /invalid --idle-timeout soon/ },
    { args: ["serve", "--users", "/nonexistent/users.json"], message: /cannot read --users \/nonexistent\/users\.json: no such file/ },
    { args: ["proxy", "--upstream", "127.0.0.1:5696"], message: /--listen HOST:PORT and --upstream HOST:PORT/ },
    { args: ["proxy", "--listen", "127.0.0.1:0", "--upstream", "127.0.0.1:5696"], message: /--client-cert FILE and --client-key FILE/ },
    { args: ["proxy", "--listen", "127.0.0.1", "--upstream", "127.0.0.1:5696", "--client-cert", "a", "--client-key", "b"], message: /invalid --listen 127\.0\.0\.1/ },
    { args: ["proxy", "--bogus"], message: /unknown option --bogus/ },
  ];

  for (const { args, message } of cases) {
    it(`rejects ${args.slice(1).join(" ")}`, async () => {
      const result = await runCli(args);

      expect(result.stderr).to.match(message);
      expect(result.code, result.stderr).to.equal(2);
    });
  }

  it("prints help for both commands", async () => {
    const serve = await runCli(["serve", "--help"]);
    const proxy = await runCli(["proxy", "--help"]);

    expect(serve.code).to.equal(0);
    expect(serve.stdout).to.include("Usage: kmipcheck serve");
    expect(proxy.code).to.equal(0);
    expect(proxy.stdout).to.include("Usage: kmipcheck proxy");
  });
});
