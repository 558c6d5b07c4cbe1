import { expect } from "chai";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestPki, writePki } from "../../src/pki";
import { runCli, type CliResult } from "./spawn";

/** A usage error is one line on standard error, exit code 2 and no stack trace. */
function expectUsageError(result: CliResult, mention: string): void {
  expect(result.code, result.stderr).to.equal(2);
  expect(result.stderr).to.contain(mention);
  expect(result.stderr.trim().split("\n")).to.have.length(1);
  expect(result.stderr).to.not.match(/\n\s+at /);
}

describe("kmipcheck usage errors", function () {
  this.timeout(30_000);
  let folder: string;

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), "kmipcheck-cli-"));
    await writeFile(join(folder, "SKLC-M-1-14.xml"), "<KMIP></KMIP>\n");
  });

  after(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("rejects an unknown flag", async () => {
    expectUsageError(await runCli(["run", "--bogus"]), "--bogus");
  });

  it("rejects an unknown command", async () => {
    expectUsageError(await runCli(["replay"]), "replay");
  });

  it("requires --vectors without a suite", async () => {
    expectUsageError(await runCli(["run", "--profile", "tape-library"]), "--vectors");
  });

  it("rejects a missing vectors folder", async () => {
    expectUsageError(await runCli(["run", "--vectors", join(folder, "absent")]), join(folder, "absent"));
  });

  it("rejects an unknown profile", async () => {
    expectUsageError(await runCli(["run", "--vectors", folder, "--profile", "symmetric-key-lifecyle"]), "symmetric-key-lifecyle");
  });

  it("rejects a profile without vectors", async () => {
    expectUsageError(await runCli(["run", "--vectors", folder, "--profile", "tape-library"]), "tape-library");
  });

  it("rejects a bad HOST:PORT", async () => {
    const files = ["--client-cert", join(folder, "c.pem"), "--client-key", join(folder, "k.pem")];
    expectUsageError(await runCli(["run", "--vectors", folder, "--target", "127.0.0.1:99999", ...files]), "127.0.0.1:99999");
    expectUsageError(await runCli(["run", "--vectors", folder, "--target", "host:port", ...files]), "host:port");
  });

  it("rejects a missing certificate file", async () => {
    const missing = join(folder, "client.pem");
    expectUsageError(await runCli(["run", "--vectors", folder, "--target", "127.0.0.1:5696", "--client-cert", missing, "--client-key", missing]), missing);
  });

  it("rejects a mismatched client key", async () => {
    const pki = createTestPki();
    const other = createTestPki();
    writePki(join(folder, "pki"), pki);
    await writeFile(join(folder, "other.key"), other.client.key);
    const target = ["run", "--vectors", folder, "--target", "127.0.0.1:5696"];
    const cert = join(folder, "pki", "client.pem");

    expectUsageError(await runCli([...target, "--client-cert", cert, "--client-key", cert]), `${cert} (--client-key)`);
    expectUsageError(await runCli([...target, "--client-cert", cert, "--client-key", join(folder, "other.key")]), "does not match");
    expectUsageError(await runCli([...target, "--client-cert", cert, "--client-key", join(folder, "pki", "client.key"), "--ca", join(folder, "other.key")]), "--ca");
  });

  it("requires client credentials remotely", async () => {
    expectUsageError(await runCli(["run", "--vectors", folder, "--target", "127.0.0.1:5696"]), "--client-cert");
  });

  it("rejects client files for bundled", async () => {
    expectUsageError(await runCli(["run", "--vectors", folder, "--ca", join(folder, "ca.pem")]), "--ca");
  });

  it("rejects a report folder under a file", async () => {
    const reportDir = join(folder, "SKLC-M-1-14.xml", "reports");
    expectUsageError(await runCli(["run", "--vectors", folder, "--report-dir", reportDir]), reportDir);
  });

  it("rejects a report folder that is a file", async () => {
    const reportFile = join(folder, "SKLC-M-1-14.xml");
    const result = await runCli(["run", "--vectors", folder, "--report-dir", reportFile]);

    expectUsageError(result, `invalid --report-dir ${reportFile}: it is a file, not a folder`);
    expect(result.stdout).to.equal("");
  });

  it("rejects an unknown fault", async () => {
    expectUsageError(await runCli(["run", "--vectors", folder, "--fault", "everything"]), "everything");
  });

  it("rejects a bad time window", async () => {
    expectUsageError(await runCli(["run", "--vectors", folder, "--time-window", "-5"]), "--time-window");
    expectUsageError(await runCli(["run", "--vectors", folder, "--time-window=-5"]), "-5");
    expectUsageError(await runCli(["run", "--vectors", folder, "--time-window", "1.5"]), "1.5");
  });

  it("rejects decode input that is not hex", async () => {
    expectUsageError(await runCli(["decode", "zz-not-hex"]), "zz-not-hex");
  });

  it("rejects decode of separators only", async () => {
    expectUsageError(await runCli(["decode", " | "]), "no hex digits");
    expectUsageError(await runCli(["decode", "-"], { input: "\n \n" }), "standard input");
  });

  it("rejects decode without an argument", async () => {
    expectUsageError(await runCli(["decode"]), "one argument");
  });

  it("prints help for run", async () => {
    const result = await runCli(["run", "--help"]);

    expect(result.code).to.equal(0);
    expect(result.stdout).to.contain("--target NAME|bundled|HOST:PORT");
    expect(result.stdout).to.contain("symmetric-key-lifecycle");
  });
});
