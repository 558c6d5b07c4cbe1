/**
 * End to end with a HOST:PORT target: the bundled server started by the test stands in for a
 * real server, and kmipcheck reaches it with client credentials from PEM files.
 */
import { expect } from "chai";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startBundledServer, type BundledServer } from "../../bundled-server";
import { createTestPki, writePki, type PkiFiles } from "../../src/pki";
import type { RunReport } from "../../src/report";
import { runCli } from "../cli/spawn";
import { requireOfficialVectorDir } from "../vectors/official-dir";

describe("kmipcheck run against HOST:PORT", function () {
  this.timeout(180_000);
  let vectorDir: string;
  let folder: string;
  let files: PkiFiles;
  let server: BundledServer;

  before(async function () {
    vectorDir = requireOfficialVectorDir(this);
    folder = await mkdtemp(join(tmpdir(), "kmipcheck-remote-"));
    const pki = createTestPki({ serverIps: ["127.0.0.1"] });
    files = writePki(join(folder, "pki"), pki);
    server = await startBundledServer({ host: "127.0.0.1", port: 0, clientCa: pki.ca.cert, cert: pki.server.cert, key: pki.server.key });
  });

  // When the vectors are missing, before() skips the suite before it creates anything.
  after(async () => {
    await server?.close();
    if (folder !== undefined) {
      await rm(folder, { recursive: true, force: true });
    }
  });

  async function run(trust: string[]): Promise<{ code: number | null; output: string; report: RunReport }> {
    const reportDir = await mkdtemp(join(folder, "reports-"));
    const args = ["run", "--target", `127.0.0.1:${server.port}`, "--client-cert", files.clientCert, "--client-key", files.clientKey, ...trust,
      "--vectors", join(vectorDir, "mandatory"), "--profile", "symmetric-key-lifecycle", "--report-dir", reportDir];
    const result = await runCli(args, { timeoutMs: 120_000 });
    const [runId] = await readdir(reportDir);
    const report = JSON.parse(await readFile(join(reportDir, runId, "report.json"), "utf8")) as RunReport;
    return { code: result.code, output: result.stdout + result.stderr, report };
  }

  it("passes with the CA file", async () => {
    const { code, output, report } = await run(["--ca", files.caCert]);

    expect(code, output).to.equal(0);
    expect(report.target).to.deep.equal({ kind: "remote", host: "127.0.0.1", port: server.port });
    expect(report.vectors.map((vector) => vector.verdict)).to.deep.equal(["pass", "pass", "pass"]);
  });

  it("passes with a pinned certificate", async () => {
    const { code, output } = await run(["--server-cert", files.serverCert]);

    expect(code, output).to.equal(0);
  });

  it("errs on a pin that does not match", async () => {
    const other = join(folder, "other.pem");
    await writeFile(other, createTestPki().server.cert);
    const { code, report } = await run(["--server-cert", other]);

    expect(code).to.equal(1);
    expect(report.verdict).to.equal("error");
    expect(report.vectors[0].error?.code).to.match(/^TRANSPORT_/);
  });
});
