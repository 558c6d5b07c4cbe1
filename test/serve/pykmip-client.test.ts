/**
 * PyKMIP's real client against `kmipcheck serve`: ordinary requests pass without findings, and its
 * batch mode, which never sets Unique Batch Item ID, gets Missing Data and a finding per item.
 */
import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Finding } from "../../src/lint";
import { startCommand, type RunningCommand } from "../helpers/kmipcheck-process";
import { requirePyKmipClient, runPyKmipSession, stepResult, writeClientConfig, type BatchItemResult, type PyKmipStepResult } from "../helpers/pykmip-client";

interface FindingsFile {
  mode: string;
  summary: { exchanges: number; findings: number; byRule: Record<string, number> };
  findings: Finding[];
}

describe("serve: PyKMIP client", function () {
  this.timeout(120_000);

  let dir: string;
  let serve: RunningCommand | undefined;
  let results: PyKmipStepResult[];
  let exitCode: number | null;
  let consoleOutput: string;
  let findingsFile: FindingsFile;

  before(async function () {
    requirePyKmipClient(this);
    dir = mkdtempSync(join(tmpdir(), "kmipcheck-serve-test-"));
    const pkiDir = join(dir, "pki");
    serve = await startCommand(["serve", "--port", "0", "--pki-dir", pkiDir, "--findings", join(dir, "findings.json"), "--capture", join(dir, "vectors", "session.xml")]);

    const config = writeClientConfig(dir, serve.port, { clientCert: join(pkiDir, "client.pem"), clientKey: join(pkiDir, "client.key"), caCert: join(pkiDir, "ca.pem") });
    results = await runPyKmipSession(config, ["create-get-destroy", "batch"]);

    const running = serve;
    serve = undefined;
    exitCode = await running.stop();
    consoleOutput = running.stdout();
    findingsFile = JSON.parse(readFileSync(join(dir, "findings.json"), "utf8")) as FindingsFile;
  });

  after(async () => {
    await serve?.stop();
    if (dir !== undefined) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("serves Create, Get and Destroy", () => {
    const result = stepResult(results, "create-get-destroy");

    expect(result.uid).to.be.a("string").and.not.equal("");
    expect(result.keyLength, "AES-128 key bytes returned by Get").to.equal(16);
  });

  it("finds nothing in Create, Get and Destroy", () => {
    const early = findingsFile.findings.filter((finding) => finding.exchange <= 3);

    expect(early, JSON.stringify(early, null, 2)).to.deep.equal([]);
    expect(findingsFile.summary.exchanges).to.equal(4);
  });

  it("answers the 2-item batch with Missing Data", () => {
    const items = stepResult(results, "batch").items as BatchItemResult[];

    expect(items).to.have.length(2);
    for (const item of items) {
      expect(item.operation).to.equal("QUERY");
      expect(item.resultStatus).to.equal("OPERATION_FAILED");
      expect(item.resultReason).to.equal("MISSING_DATA");
    }
  });

  it("names the missing Unique Batch Item ID", () => {
    const findings = findingsFile.findings;

    expect(findings.map((finding) => finding.rule)).to.deep.equal(["unique-batch-item-id-missing", "unique-batch-item-id-missing"]);
    expect(findings.map((finding) => finding.path)).to.deep.equal(["RequestMessage/BatchItem[1]/UniqueBatchItemID", "RequestMessage/BatchItem[2]/UniqueBatchItemID"]);
    for (const finding of findings) {
      expect(finding.exchange).to.equal(4);
      expect(finding.client).to.include("CN=kmipcheck");
      expect(finding.section).to.include("§7.2 Table 283");
      expect(finding.expected).to.include("UniqueBatchItemID");
      expect(finding.side).to.equal("client");
    }
  });

  it("prints findings and a summary by rule", () => {
    expect(consoleOutput).to.include("finding unique-batch-item-id-missing");
    expect(consoleOutput).to.include("RequestMessage/BatchItem[1]/UniqueBatchItemID");
    expect(consoleOutput).to.match(/4 exchanges, 2 findings/);
    expect(consoleOutput).to.match(/unique-batch-item-id-missing\s+2\s+KMIP 1.4 §7.2 Table 283/);
    expect(findingsFile.summary.byRule).to.deep.equal({ "unique-batch-item-id-missing": 2 });
  });

  it("exits 1 after failing findings", () => {
    expect(exitCode).to.equal(1);
  });
});
