import { expect } from "chai";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { JsonReporter } from "../../src/report";
import { compileReportSchema, syntheticReport } from "./fixtures";

/** Writes the report with JsonReporter and reads back the JSON document it wrote. */
async function writtenReport(): Promise<Record<string, any>> {
  const directory = await mkdtemp(join(tmpdir(), "kmipcheck-schema-"));
  try {
    const reporter = new JsonReporter(directory);
    await reporter.runFinished(syntheticReport());
    return JSON.parse(await readFile(reporter.path, "utf8"));
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

describe("report.json schema", () => {
  const validate = compileReportSchema();

  it("accepts a synthetic report", async () => {
    const report = await writtenReport();

    expect(validate(report), JSON.stringify(validate.errors, null, 2)).to.equal(true);
  });

  it("covers errors, diffs, rules and violations", async () => {
    const report = await writtenReport();
    const steps = report.vectors.flatMap((vector: any) => vector.steps);

    expect(report.vectors.map((vector: any) => vector.verdict)).to.deep.equal(["pass", "fail", "error", "error"]);
    expect(steps.some((step: any) => step.diffs.some((diff: any) => diff.rule !== undefined))).to.equal(true);
    expect(steps.some((step: any) => step.rulesApplied.length > 0)).to.equal(true);
    expect(steps.flatMap((step: any) => step.violations.map((violation: any) => violation.severity))).to.include.members(["warn", "fail"]);
    expect(report.vectors[3].error.code).to.equal("TRANSPORT_CONNECT_REFUSED");
  });

  it("covers faults and clean-up", async () => {
    const report = await writtenReport();
    const faults = report.vectors.flatMap((vector: any) => vector.steps.flatMap((step: any) => (step.fault === undefined ? [] : [step.fault.kind])));

    expect(faults).to.deep.equal(["wrong-reason", "encoding", "not-run"]);
    expect(report.vectors[2].cleanup.objects.map((object: any) => object.destroyed)).to.deep.equal([true, false]);
  });

  it("writes message bytes as hex", async () => {
    const report = await writtenReport();

    expect(report.vectors[0].steps[0].responseBytes).to.match(/^42007b01/);
  });

  const mutations: Array<[string, (report: any) => void]> = [
    ["an unknown top-level field", (report) => (report.extra = 1)],
    ["a missing runId", (report) => delete report.runId],
    ["an unknown verdict", (report) => (report.verdict = "maybe")],
    ["a step field of the wrong type", (report) => (report.vectors[0].steps[0].line = "10")],
    ["bytes that are not hex", (report) => (report.vectors[0].steps[0].responseBytes = "42 00 78")],
    ["an error step without error", (report) => delete report.vectors[2].steps[0].error],
    ["a vector error with a pass verdict", (report) => (report.vectors[3].verdict = "pass")],
    ["an unknown diff kind", (report) => (report.vectors[1].steps[1].diffs[0].kind = "other")],
    ["a violation without offset", (report) => delete report.vectors[1].steps[1].violations[0].offset],
    ["a timestamp that is not ISO 8601", (report) => (report.startedAt = "yesterday")],
    ["an unknown fault kind", (report) => (report.vectors[1].steps[1].fault.kind = "bad-luck")],
    ["a fault without message", (report) => delete report.vectors[1].steps[1].fault.message],
    ["a cleaned object without destroyed", (report) => delete report.vectors[2].cleanup.objects[0].destroyed],
    ["a clean-up without kept", (report) => delete report.vectors[2].cleanup.kept],
  ];

  for (const [name, mutate] of mutations) {
    it(`rejects ${name}`, async () => {
      const report = await writtenReport();
      mutate(report);

      expect(validate(report)).to.equal(false);
    });
  }
});
