/**
 * End to end: every official KMIP 1.4 vector against the bundled server through the kmipcheck
 * command. All vectors of the five vectored server profiles must pass. CS-RNG-O-4 expects RNG Seed
 * to be refused while CS-RNG-O-1..3 expect it accepted, so one server policy fails one side; the
 * default policy accepts seeds, and `--bundled-option rngSeedLimit=reject` passes O-4.
 */
import { expect } from "chai";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunReport } from "../../src/report";
import { runCli } from "../cli/spawn";
import { requireOfficialVectorDir } from "../vectors/official-dir";

const VECTORED_PROFILES = ["symmetric-key-lifecycle", "symmetric-key-foundry", "asymmetric-key-lifecycle", "basic-cryptographic", "advanced-cryptographic"];

async function runOfficial(vectorDir: string, reportDir: string, extra: string[] = []): Promise<{ code: number | null; output: string; report: RunReport }> {
  const args = ["run", "--vectors", join(vectorDir, "mandatory"), "--vectors", join(vectorDir, "optional"), "--report-dir", reportDir, ...extra];
  const result = await runCli(args, { timeoutMs: 240_000 });
  const [runId] = await readdir(reportDir);
  const report = JSON.parse(await readFile(join(reportDir, runId, "report.json"), "utf8")) as RunReport;
  return { code: result.code, output: result.stdout + result.stderr, report };
}

describe("official vectors against the bundled server", function () {
  this.timeout(300_000);
  let vectorDir: string;
  let reportDir: string;

  before(function () {
    vectorDir = requireOfficialVectorDir(this);
  });

  beforeEach(async () => {
    reportDir = await mkdtemp(join(tmpdir(), "kmipcheck-official-"));
  });

  afterEach(async () => {
    await rm(reportDir, { recursive: true, force: true });
  });

  it("passes all 55 vectors of the five profiles", async () => {
    const { code, output, report } = await runOfficial(vectorDir, reportDir);
    const vectored = report.summary.filter((row) => VECTORED_PROFILES.includes(row.profile));
    const failed = report.vectors.filter((vector) => vector.verdict !== "pass").map((vector) => vector.name);

    expect(vectored.map((row) => `${row.profile} ${row.pass}/${row.vectors}`)).to.deep.equal(["symmetric-key-lifecycle 4/4", "symmetric-key-foundry 12/12", "asymmetric-key-lifecycle 4/4", "basic-cryptographic 17/17", "advanced-cryptographic 18/18"]);
    expect(report.totals.vectors).to.equal(75);
    expect(failed, output).to.deep.equal(["CS-RNG-O-4-14"]);
    expect(code).to.equal(1);
    expect(output).to.match(/^74 of 75 passed; wall time \d+\.\d s$/m);
  });

  it("passes CS-RNG-O-4 with seeds refused", async () => {
    const { report } = await runOfficial(vectorDir, reportDir, ["--profile", "rng-cryptographic", "--bundled-option", "rngSeedLimit=reject"]);
    const verdicts = Object.fromEntries(report.vectors.map((vector) => [vector.name, vector.verdict]));

    expect(verdicts["CS-RNG-O-4-14"]).to.equal("pass");
    expect(verdicts["CS-RNG-O-1-14"]).to.equal("fail");
  });
});
