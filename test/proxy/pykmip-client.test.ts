/**
 * The PyKMIP session of the serve tests, through `kmipcheck proxy` to the bundled server: it works
 * unchanged, the proxy finds what the server's own checks find, and its capture replays and passes.
 */
import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { startServeSession, type ServeSession } from "../../src/cli/serve-command";
import type { Finding } from "../../src/lint";
import { initPkiDirectory } from "../../src/pki/init";
import { runCli } from "../cli/spawn";
import { startCommand, type RunningCommand } from "../helpers/kmipcheck-process";
import { requirePyKmipClient, runPyKmipSession, stepResult, writeClientConfig, type BatchItemResult, type PyKmipStepResult } from "../helpers/pykmip-client";

/** The parts of a finding that both vantage points must agree on. */
function comparable(findings: Finding[]): Array<Pick<Finding, "rule" | "path" | "client" | "exchange" | "severity" | "section">> {
  return findings.map(({ rule, path, client, exchange, severity, section }) => ({ rule, path, client, exchange, severity, section }));
}

describe("proxy: PyKMIP client to the bundled server", function () {
  this.timeout(120_000);

  let dir: string;
  let upstream: ServeSession | undefined;
  let proxy: RunningCommand | undefined;
  let results: PyKmipStepResult[];
  let exitCode: number | null;
  let proxyOutput: string;
  let proxyFindings: Finding[];

  before(async function () {
    requirePyKmipClient(this);
    dir = mkdtempSync(join(tmpdir(), "kmipcheck-proxy-test-"));
    const { files, pki } = initPkiDirectory(join(dir, "pki"), { serverIps: ["127.0.0.1"] });

    // The server checks the client's side too, so the test can compare the two vantage points.
    upstream = await startServeSession({ host: "127.0.0.1", port: 0, clientCa: pki.ca.cert, cert: pki.server.cert, key: pki.server.key, output: new PassThrough() });
    proxy = await startCommand([
      "proxy", "--listen", "127.0.0.1:0", "--upstream", `127.0.0.1:${upstream.server.port}`,
      "--client-cert", files.clientCert, "--client-key", files.clientKey, "--ca", files.caCert,
      "--cert", files.serverCert, "--key", files.serverKey, "--client-ca", files.caCert,
      "--findings", join(dir, "findings.json"), "--capture", join(dir, "vectors", "pykmip-session.xml"),
    ]);

    const config = writeClientConfig(dir, proxy.port, files);
    results = await runPyKmipSession(config, ["create-get-destroy", "batch"]);

    const running = proxy;
    proxy = undefined;
    exitCode = await running.stop();
    proxyOutput = running.stdout();
    proxyFindings = (JSON.parse(readFileSync(join(dir, "findings.json"), "utf8")) as { findings: Finding[] }).findings;
  });

  after(async () => {
    await proxy?.stop();
    await upstream?.stop();
    if (dir !== undefined) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("serves the session unchanged", () => {
    expect(stepResult(results, "create-get-destroy").keyLength).to.equal(16);

    const items = stepResult(results, "batch").items as BatchItemResult[];
    expect(items.map((item) => item.resultReason)).to.deep.equal(["MISSING_DATA", "MISSING_DATA"]);
  });

  it("finds what the server finds", () => {
    const serverFindings = upstream?.session.findings ?? [];

    expect(serverFindings, "findings of the server's own checks").to.have.length(2);
    expect(comparable(proxyFindings)).to.deep.equal(comparable(serverFindings));
  });

  it("names the missing Unique Batch Item ID", () => {
    expect(proxyFindings.map((finding) => finding.path)).to.deep.equal(["RequestMessage/BatchItem[1]/UniqueBatchItemID", "RequestMessage/BatchItem[2]/UniqueBatchItemID"]);
    expect(proxyFindings.every((finding) => finding.client.includes("CN=kmipcheck"))).to.equal(true);
  });

  it("finds no fault in the bundled server's responses", () => {
    expect(proxyFindings.filter((finding) => finding.side === "server")).to.deep.equal([]);
  });

  it("prints the summary and exits 1", () => {
    expect(proxyOutput).to.match(/kmipcheck proxy: 4 exchanges, 2 findings/);
    expect(proxyOutput).to.match(/capture: .*pykmip-session\.xml \(4 steps\)/);
    expect(exitCode).to.equal(1);
  });

  it("replays its capture as a passing vector", async () => {
    const run = await runCli(["run", "--vectors", join(dir, "vectors"), "--report-dir", join(dir, "reports")], { timeoutMs: 60_000 });

    expect(run.stdout, run.stderr).to.match(/PASS\s+pykmip-session\s/);
    expect(run.code, run.stdout + run.stderr).to.equal(0);
  });
});
