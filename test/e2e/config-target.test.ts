/**
 * End to end with a target of a configuration file: the bundled server, started by the test with
 * a users table, plays an HSM that binds the client certificate to a user, so the run
 * passes only when the configured credential reaches every request header.
 */
import { expect } from "chai";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startBundledServer, type BundledServer } from "../../bundled-server";
import { createTestPki, writePki } from "../../src/pki";
import type { RunReport } from "../../src/report";
import { REPO_ROOT, runCli } from "../cli/spawn";

const CLIENT_NAME = "hsm-operator";
const PASSWORD = "correct horse";
const VECTORS = join(REPO_ROOT, "vectors", "positive");

describe("kmipcheck run against a configured target", function () {
  this.timeout(120_000);
  let folder: string;
  let server: BundledServer;
  let configFile: string;

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), "kmipcheck-config-target-"));
    const pki = createTestPki({ serverIps: ["127.0.0.1"], clientName: CLIENT_NAME });
    writePki(join(folder, "pki"), pki);
    const users = { [CLIENT_NAME]: { username: "operator", password: PASSWORD } };
    server = await startBundledServer({ host: "127.0.0.1", port: 0, clientCa: pki.ca.cert, cert: pki.server.cert, key: pki.server.key, users });

    // Paths are relative to the configuration file's folder.
    const target = { host: "127.0.0.1", port: server.port, clientCert: "pki/client.pem", clientKey: "pki/client.key", ca: "pki/ca.pem" };
    const config = {
      defaultTarget: "lab",
      targets: {
        lab: { ...target, credential: { username: "operator", password: PASSWORD } },
        "lab-wrong-password": { ...target, credential: { username: "operator", password: "wrong" } },
      },
    };
    configFile = join(folder, "kmipcheck.json");
    await writeFile(configFile, JSON.stringify(config, null, 2));
  });

  after(async () => {
    await server?.close();
    if (folder !== undefined) {
      await rm(folder, { recursive: true, force: true });
    }
  });

  async function run(extra: string[]): Promise<{ code: number | null; output: string; report: RunReport }> {
    const reportDir = await mkdtemp(join(folder, "reports-"));
    const args = ["run", "--config", configFile, "--vectors", VECTORS, "--profile", "symmetric-key-lifecycle", "--report-dir", reportDir, ...extra];
    const result = await runCli(args, { timeoutMs: 100_000 });
    const [runId] = await readdir(reportDir);
    const report = JSON.parse(await readFile(join(reportDir, runId, "report.json"), "utf8")) as RunReport;
    return { code: result.code, output: result.stdout + result.stderr, report };
  }

  it("passes with the right password", async () => {
    const { code, output, report } = await run(["--target", "lab"]);

    expect(code, output).to.equal(0);
    expect(report.target).to.deep.equal({ kind: "remote", host: "127.0.0.1", port: server.port });
    expect(report.vectors.map((vector) => `${vector.name} ${vector.verdict}`)).to.deep.equal(["SKLC-KC-1 pass"]);
  });

  it("puts Authentication in header order", async () => {
    const { report } = await run([]);
    const requestXml = report.vectors[0].steps[0].requestXml ?? "";
    const header = requestXml.slice(requestXml.indexOf("<RequestHeader>"), requestXml.indexOf("</RequestHeader>"));

    expect(header).to.contain('<Username type="TextString" value="operator"/>');
    // §7.2 Table 282: Protocol Version, ..., Authentication, ..., Batch Count.
    expect(header.indexOf("</ProtocolVersion>")).to.be.below(header.indexOf("<Authentication>"));
    expect(header.indexOf("</Authentication>")).to.be.below(header.indexOf("<BatchCount"));
  });

  it("fails with the wrong password", async () => {
    const { code, report } = await run(["--target", "lab-wrong-password"]);
    const [vector] = report.vectors;

    expect(code).to.equal(1);
    expect(vector.verdict).to.equal("fail");
    expect(vector.steps[0].responseXml).to.contain('<ResultReason type="Enumeration" value="AuthenticationNotSuccessful"/>');
  });

  it("lets flags override the file", async () => {
    // runCli passes this process's environment on to kmipcheck.
    process.env.KMIPCHECK_TEST_PASSWORD = PASSWORD;
    try {
      const { code, output } = await run(["--target", "lab-wrong-password", "--password-env", "KMIPCHECK_TEST_PASSWORD"]);

      expect(code, output).to.equal(0);
    } finally {
      delete process.env.KMIPCHECK_TEST_PASSWORD;
    }
  });
});
