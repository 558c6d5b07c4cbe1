/**
 * End to end: the kmipcheck command replays the official Symmetric Key Lifecycle vectors over
 * mutual TLS against the bundled server, as the README tells a new user to run it.
 */
import { expect } from "chai";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunReport } from "../../src/report";
import { runCli } from "../cli/spawn";
import { requireOfficialVectorDir } from "../vectors/official-dir";

const SKLC_VECTORS = ["SKLC-M-1-14", "SKLC-M-2-14", "SKLC-M-3-14", "SKLC-O-1-14"];

async function runSklc(vectorDir: string, reportDir: string, extra: string[] = []): Promise<{ code: number | null; stdout: string; report: RunReport }> {
  const args = ["run", "--vectors", join(vectorDir, "mandatory"), "--vectors", join(vectorDir, "optional"), "--profile", "symmetric-key-lifecycle", "--report-dir", reportDir, ...extra];
  const result = await runCli(args, { timeoutMs: 120_000 });
  const [runId] = await readdir(reportDir);
  const report = JSON.parse(await readFile(join(reportDir, runId, "report.json"), "utf8")) as RunReport;
  return { code: result.code, stdout: result.stdout + result.stderr, report };
}

describe("kmipcheck run against the bundled server", function () {
  this.timeout(180_000);
  let vectorDir: string;
  let reportDir: string;

  before(function () {
    vectorDir = requireOfficialVectorDir(this);
  });

  beforeEach(async () => {
    reportDir = await mkdtemp(join(tmpdir(), "kmipcheck-e2e-"));
  });

  afterEach(async () => {
    await rm(reportDir, { recursive: true, force: true });
  });

  it("passes the SKLC vectors over TLS", async () => {
    const { code, stdout, report } = await runSklc(vectorDir, reportDir);

    expect(code, stdout).to.equal(0);
    expect(report.target.kind).to.equal("bundled");
    expect(report.vectors.map((vector) => `${vector.name} ${vector.verdict}`)).to.deep.equal(SKLC_VECTORS.map((name) => `${name} pass`));
    expect(report.summary).to.deep.include({ profile: "symmetric-key-lifecycle", title: "Symmetric Key Lifecycle Server", vectors: 4, pass: 4, fail: 0, error: 0, verdict: "pass" });
    for (const name of SKLC_VECTORS) {
      expect(stdout).to.match(new RegExp(`^PASS +${name} `, "m"));
    }
    for (const vector of report.vectors) {
      expect(vector.tls?.protocol, vector.name).to.match(/^TLSv1\.[23]$/);
    }
  });

  it("records the rules it applied", async () => {
    const { report } = await runSklc(vectorDir, reportDir);
    const applied = new Set(report.vectors.flatMap((vector) => vector.steps.flatMap((step) => step.rulesApplied.map((rule) => rule.rule))));

    expect([...applied]).to.include.members(["time-window", "bound-identifier", "usage-mask-bitset", "result-message-text", "server-generated-digest"]);
  });

  it("fails a server that answers one field wrong", async () => {
    const { code, stdout, report } = await runSklc(vectorDir, reportDir, ["--fault", "wrongOperationEcho"]);
    const firstVector = report.vectors[0];
    const failedStep = firstVector.steps.find((step) => step.verdict === "fail");

    expect(code, stdout).to.equal(1);
    expect(report.verdict).to.equal("fail");
    expect(firstVector.verdict).to.equal("fail");
    expect(failedStep?.operations).to.deep.equal(["GetAttributes"]);
    expect(failedStep?.diffs).to.deep.include({
      path: "ResponseMessage/BatchItem/Operation",
      kind: "value",
      severity: "fail",
      expected: "GetAttributes",
      actual: "GetAttributeList",
      message: "expected GetAttributes, got GetAttributeList",
    });
    expect(stdout).to.contain("value ResponseMessage/BatchItem/Operation: expected GetAttributes, got GetAttributeList");
  });
});
