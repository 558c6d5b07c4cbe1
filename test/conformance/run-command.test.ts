/**
 * `kmipcheck run` with the Baseline suite: suite tests in the same reports as vectors, --grep,
 * --bail, --accept-reason and --profile auto, run as a user runs the command.
 */
import Ajv2020 from "ajv/dist/2020";
import { expect } from "chai";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mapProfileNames } from "../../src/cli/auto-profiles";
import type { RunReport } from "../../src/report";
import { projectPath } from "../../suites/support/project";
import { runCli, type CliResult } from "../cli/spawn";

const REQUIRED_CHECK = "baseline-unique-batch-item-id-required";

describe("kmipcheck run with suites", function () {
  this.timeout(120_000);

  let reportDir: string;

  beforeEach(() => {
    reportDir = mkdtempSync(join(tmpdir(), "kmipcheck-run-"));
  });

  afterEach(() => {
    rmSync(reportDir, { recursive: true, force: true });
  });

  async function run(args: string[]): Promise<{ result: CliResult; report: RunReport | undefined; junit: string }> {
    const result = await runCli(["run", "--report-dir", reportDir, ...args], { timeoutMs: 110_000 });
    const runs = readdirSync(reportDir);
    if (runs.length === 0) {
      return { result, report: undefined, junit: "" };
    }
    const folder = join(reportDir, runs[0]);
    return { result, report: JSON.parse(readFileSync(join(folder, "report.json"), "utf8")) as RunReport, junit: readFileSync(join(folder, "junit.xml"), "utf8") };
  }

  it("baseline suite passes, schema-valid report", async () => {
    const { result, report } = await run(["--profile", "baseline"]);

    expect(result.code, result.stdout + result.stderr).to.equal(0);
    expect(report?.summary.map((row) => [row.profile, row.verdict])).to.deep.equal([["baseline", "pass"]]);
    expect(report?.totals.vectors, "suite tests reported").to.be.greaterThan(20);

    const applied = report?.vectors.flatMap((vector) => vector.steps.flatMap((step) => step.rulesApplied.map((application) => application.rule))) ?? [];
    expect(applied).to.include(REQUIRED_CHECK);
    expect(report?.rules.map((rule) => rule.id)).to.include.members([REQUIRED_CHECK, "accepted-reason", "connection-closed"]);

    const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(JSON.parse(readFileSync(projectPath("docs", "report.schema.json"), "utf8")));
    expect(validate(report), JSON.stringify(validate.errors)).to.equal(true);
  });

  it("grep selects, failure names rule", async () => {
    const { result, report, junit } = await run(["--profile", "baseline", "--grep", "without IDs", "--fault", "invalidMessageForMissingData"]);

    expect(result.code, result.stderr).to.equal(1);
    expect(report?.vectors.map((vector) => vector.name)).to.deep.equal(["Baseline Server: batches Batch Count > 1 without IDs gets Missing Data"]);
    expect(result.stdout).to.contain(`ResponseMessage/BatchItem[1]/ResultReason: expected Result Reason MissingData, got InvalidMessage`);
    expect(junit).to.contain(`[rule ${REQUIRED_CHECK}]`);
    expect(junit).to.contain("<failure");
  });

  it("accept-reason passes and is shown", async () => {
    const { result, report } = await run(["--profile", "baseline", "--grep", "without IDs", "--fault", "invalidMessageForMissingData", "--accept-reason", `${REQUIRED_CHECK}=Invalid Message`]);
    const warnings = report?.vectors.flatMap((vector) => vector.steps.flatMap((step) => step.diffs)).filter((diff) => diff.rule === "accepted-reason") ?? [];

    expect(result.code, result.stdout).to.equal(0);
    expect(result.stdout).to.contain(`ACCEPTED Baseline Server: batches Batch Count > 1 without IDs gets Missing Data: ResponseMessage/BatchItem[1]/ResultReason`);
    expect(warnings.map((diff) => diff.severity)).to.deep.equal(["warn", "warn"]);
  });

  it("bail stops at first failure", async () => {
    const { result, report } = await run(["--profile", "baseline", "--vectors", projectPath("vectors", "positive"), "--fault", "omitTimeStamp", "--bail"]);

    expect(result.code).to.equal(1);
    expect(report?.vectors.map((vector) => vector.verdict)).to.deep.equal(["fail"]);
  });

  it("profile auto runs claimed profiles", async () => {
    const { result, report } = await run(["--profile", "auto", "--vectors", projectPath("vectors", "positive")]);
    const profiles = new Set(report?.vectors.map((vector) => vector.profile));

    expect(result.code, result.stdout).to.equal(0);
    expect(result.stdout).to.contain("the server claims: baseline, symmetric-key-lifecycle");
    expect([...profiles].sort()).to.deep.equal(["baseline", "symmetric-key-lifecycle"]);
    expect(report?.profiles).to.deep.equal(["baseline", "symmetric-key-lifecycle"]);
  });

  it("invalid accept-reason is usage error", async () => {
    const { result } = await run(["--profile", "baseline", "--accept-reason", `${REQUIRED_CHECK}=NoSuchReason`]);

    expect(result.code).to.equal(2);
    expect(result.stderr).to.contain("NoSuchReason is not a KMIP 1.4 Result Reason");
  });

  it("invalid grep is usage error", async () => {
    const { result } = await run(["--profile", "baseline", "--grep", "("]);

    expect(result.code).to.equal(2);
    expect(result.stderr).to.contain("invalid --grep (");
  });
});

describe("Profile Name mapping", () => {
  it("maps server profiles by title", () => {
    const mapped = mapProfileNames(["BaselineServerTLSV1_2KMIPV1_4", "SymmetricKeyLifecycleServerKMIPV1_4", "SuiteBMinLOS_128ServerKMIPV1_2", "JSONServerKMIPV1_4", "TapeLibraryClientKMIPV1_4"]);

    expect(mapped.profiles).to.deep.equal(["baseline", "symmetric-key-lifecycle", "suite-b-minlos-128", "message-encoding"]);
    expect(mapped.unmapped).to.deep.equal(["TapeLibraryClientKMIPV1_4"]);
  });

  it("Complete Server maps to all", () => {
    expect(mapProfileNames(["CompleteServerBasicKMIPV1_4"]).profiles.length).to.equal(14);
  });
});
