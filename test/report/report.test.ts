import { expect } from "chai";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import type { VectorOutcome, Verdict } from "../../src/replay";
import { buildRunReport, ConsoleReporter, JsonReporter, type RunInfo } from "../../src/report";

const INFO: RunInfo = {
  runId: "test-run",
  tool: { name: "kmipcheck", version: "0.0.0" },
  target: { kind: "bundled", host: "127.0.0.1", port: 5696 },
  startedAt: "2024-01-01T00:00:00.000Z",
  profiles: [],
  vectorFolders: ["vectors"],
};

function vector(name: string, profile: string, verdict: Verdict): VectorOutcome {
  const diffs = verdict === "fail" ? [{ path: "ResponseMessage/BatchItem/Operation", kind: "value" as const, severity: "fail" as const, expected: "Create", actual: "Destroy", message: "expected Create, got Destroy" }] : [];
  const step = { index: 0, line: 1, operations: ["Create"], verdict, diffs, rulesApplied: [], violations: [], expectedXml: "<ResponseMessage/>", durationMs: 3 };
  return { name, path: `${name}.xml`, profile, verdict, steps: [step], startedAt: INFO.startedAt, durationMs: 5 };
}

const VECTORS = [
  vector("SKLC-M-1-14", "symmetric-key-lifecycle", "pass"),
  vector("SKLC-M-2-14", "symmetric-key-lifecycle", "fail"),
  vector("TL-M-1-14", "tape-library", "error"),
];

describe("buildRunReport", () => {
  it("totals verdicts per profile", () => {
    const report = buildRunReport(INFO, VECTORS, new Date("2024-01-01T00:00:02.000Z"));

    expect(report.durationMs).to.equal(2000);
    expect(report.verdict).to.equal("fail");
    expect(report.totals).to.deep.equal({ vectors: 3, pass: 1, fail: 1, error: 1 });
    expect(report.summary.map((row) => `${row.profile} ${row.pass}/${row.fail}/${row.error} ${row.verdict}`)).to.deep.equal([
      "symmetric-key-lifecycle 1/1/0 fail",
      "tape-library 0/0/1 error",
    ]);
  });

  it("lists the rules it may apply", () => {
    const report = buildRunReport(INFO, VECTORS, new Date());

    expect(report.rules.map((rule) => rule.id)).to.include.members(["time-window", "bound-identifier", "usage-mask-bitset", "result-message-text", "server-generated-digest", "carried-response-value"]);
  });

  it("passes when every vector passed", () => {
    expect(buildRunReport(INFO, [VECTORS[0]], new Date()).verdict).to.equal("pass");
  });
});

describe("JsonReporter", () => {
  it("writes report.json once", async () => {
    const directory = await mkdtemp(join(tmpdir(), "kmipcheck-report-"));
    try {
      const reporter = new JsonReporter(join(directory, "run"));
      await reporter.runFinished(buildRunReport(INFO, VECTORS, new Date()));
      const written = JSON.parse(await readFile(join(directory, "run", "report.json"), "utf8"));

      expect(written.runId).to.equal("test-run");
      expect(written.vectors[1].steps[0].diffs[0].path).to.equal("ResponseMessage/BatchItem/Operation");
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe("ConsoleReporter", () => {
  it("prints verdicts, diffs and the table", () => {
    const out = new PassThrough();
    const reporter = new ConsoleReporter(out);
    VECTORS.forEach((outcome) => reporter.vectorFinished(outcome));
    reporter.runFinished(buildRunReport(INFO, VECTORS, new Date()));
    const text = String(out.read());

    expect(text).to.match(/^PASS +SKLC-M-1-14/m);
    expect(text).to.match(/^FAIL +SKLC-M-2-14/m);
    expect(text).to.contain("value ResponseMessage/BatchItem/Operation: expected Create, got Destroy");
    expect(text).to.match(/^ +step 1 \(Create\): /m);
    expect(text).to.not.match(/step 0 /);
    expect(text).to.match(/^symmetric-key-lifecycle +2 +1 +1 +0 +FAIL$/m);
    expect(text).to.match(/^total +3 +1 +1 +1 +FAIL$/m);
  });

  it("shows control characters of server text", () => {
    const forged = "got k1\nPASS  SKLC-M-9-14\u001b[2J\r";
    const failed = vector("SKLC-M-2-14", "symmetric-key-lifecycle", "fail");
    failed.steps[0].diffs[0].message = forged;
    failed.steps[0].rulesApplied = [{ rule: "result-message-text", path: "ResponseMessage/BatchItem/ResultMessage", note: forged }];
    const out = new PassThrough();

    new ConsoleReporter(out, { verbose: true }).vectorFinished(failed);
    const text = String(out.read());

    expect(text).to.not.match(/^PASS/m);
    expect(text).to.not.contain("\u001b");
    expect(text).to.not.contain("\r");
    expect(text).to.contain("got k1\\nPASS  SKLC-M-9-14\\u001b[2J\\r");
  });
});
