/**
 * The report files of real runs: `kmipcheck run` against the bundled server writes report.json,
 * junit.xml and report.html, once clean and once with a fault switch that makes vectors fail.
 */
import { expect } from "chai";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { runCommand } from "../../src/cli/run-command";
import type { RunReport } from "../../src/report";
import { requireOfficialVectorDir } from "../vectors/official-dir";
import { dumpDom, requireChromium } from "./chromium";
import { compileReportSchema } from "./fixtures";
import { parseXml, vectorSections } from "./markup";

interface RunFiles {
  code: number;
  output: string;
  directory: string;
  json: Record<string, unknown>;
  junit: string;
}

async function runSklc(vectorDir: string, reportDir: string, extra: string[]): Promise<RunFiles> {
  const stdout = new PassThrough();
  const io = { stdout, stderr: stdout, stdin: new PassThrough() };
  const args = ["--vectors", join(vectorDir, "mandatory"), "--vectors", join(vectorDir, "optional"), "--profile", "symmetric-key-lifecycle", "--report-dir", reportDir, ...extra];
  const code = await runCommand(args, io);

  const [runId] = await readdir(reportDir);
  const directory = join(reportDir, runId);
  const json = JSON.parse(await readFile(join(directory, "report.json"), "utf8"));
  const junit = await readFile(join(directory, "junit.xml"), "utf8");
  return { code, output: String(stdout.read() ?? ""), directory, json, junit };
}

for (const [title, extra] of [["clean", []], ["faulty", ["--fault", "wrongAttributeValue"]]] as const) {
  describe(`report files of a ${title} run`, function () {
    this.timeout(120_000);
    const validate = compileReportSchema();
    let reportDir: string;
    let run: RunFiles;
    let report: RunReport;

    before(async function () {
      const vectorDir = requireOfficialVectorDir(this);
      reportDir = await mkdtemp(join(tmpdir(), "kmipcheck-run-reports-"));
      run = await runSklc(vectorDir, reportDir, [...extra]);
      report = run.json as unknown as RunReport;
    });

    after(async () => {
      if (reportDir !== undefined) {
        await rm(reportDir, { recursive: true, force: true });
      }
    });

    it("writes all three files", async () => {
      expect((await readdir(run.directory)).sort()).to.deep.equal(["junit.xml", "report.html", "report.json"]);
      expect(run.output).to.contain(`report: ${join(run.directory, "report.html")}`);
    });

    it("matches the verdict and exit code", () => {
      expect(report.totals.vectors).to.equal(4);
      expect(run.code, run.output).to.equal(title === "clean" ? 0 : 1);
      expect(report.verdict).to.equal(title === "clean" ? "pass" : "fail");
    });

    it("writes schema-valid report.json", () => {
      expect(validate(run.json), JSON.stringify(validate.errors, null, 2)).to.equal(true);
    });

    it("keeps the bytes of every step", () => {
      const steps = report.vectors.flatMap((vector) => vector.steps);

      expect(steps.every((step) => /^42007801/.test(String(step.requestBytes)))).to.equal(true);
      expect(steps.every((step) => /^42007b01/.test(String(step.responseBytes)))).to.equal(true);
    });

    it("writes junit.xml with the same counts", () => {
      const root = parseXml(run.junit);
      const cases = root.children.flatMap((suite) => suite.children.filter((child) => child.name === "testcase"));

      expect(root.attributes.tests).to.equal(String(report.totals.vectors));
      expect(root.attributes.failures).to.equal(String(report.totals.fail));
      expect(root.attributes.errors).to.equal(String(report.totals.error));
      expect(cases.map((testCase) => testCase.attributes.name)).to.deep.equal(report.vectors.map((vector) => vector.name));
    });

    if (title === "faulty") {
      it("names the failing path in junit.xml", () => {
        const failures = parseXml(run.junit).children.flatMap((suite) => suite.children.flatMap((testCase) => testCase.children.filter((child) => child.name === "failure")));

        expect(failures).to.have.length.greaterThan(0);
        expect(failures[0].attributes.message).to.match(/value ResponseMessage\/BatchItem\/ResponsePayload\/Attribute(\[\d+\])?\/AttributeValue: expected 256, got 32/);
      });

      // Chromium loads only this run's report, which has passing and failing vectors, to keep the suite fast.
      it("renders the verdicts in Chromium", async function () {
        const chromium = requireChromium(this);
        const dom = await dumpDom(chromium, join(run.directory, "report.html"));
        const counts = [...dom.matchAll(/<span data-count-of="(\w+)">(\d*)<\/span>/g)].map((match) => `${match[1]}=${match[2]}`);
        const { totals } = report;

        expect(dom).to.contain('<footer id="script-status" data-status="ok">');
        expect(counts).to.deep.equal([`all=${totals.vectors}`, `fail=${totals.fail}`, `error=${totals.error}`, `pass=${totals.pass}`]);
        expect([...vectorSections(dom).values()].map((section) => section.split(" ")[0])).to.deep.equal(report.vectors.map((vector) => vector.verdict));
      });
    }
  });
}
