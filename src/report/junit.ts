/**
 * junit.xml: the run in the JUnit XML form that CI servers (Jenkins, GitLab, GitHub actions that
 * read test reports) ingest.
 *
 * One <testsuite> per profile and one <testcase> per vector. A vector is the unit that the KMIP
 * profiles name and certify ("SKLC-M-1-14"). Its steps depend on each other (a Get needs the
 * Create before it), so a step is not a test that a CI server could rerun or track alone. With a
 * testcase per vector, the CI history lists the conformance test cases by their official names,
 * and the failure body names the step, the path and the rule.
 *
 * A vector that failed (the server answered wrongly) is a <failure>; one that erred (transport,
 * TLS, decode or load error) is an <error>, as JUnit separates assertion failures from exceptions.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { FAULT_LABELS, type StepOutcome, type VectorOutcome } from "../replay";
import { cleanupLine } from "./console";
import { stepNumber, type Reporter, type RunReport } from "./model";
import { writeXmlDocument, type XmlElement } from "./xml";

export const JUNIT_REPORT_FILE = "junit.xml";

export class JunitReporter implements Reporter {
  constructor(private readonly directory: string) {}

  get path(): string {
    return join(this.directory, JUNIT_REPORT_FILE);
  }

  async runFinished(report: RunReport): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    await writeFile(this.path, renderJunit(report));
  }
}

export function renderJunit(report: RunReport): string {
  const suites = report.summary.map((row) => testSuite(report, row.profile, row.title, suiteIndex(report, row.profile)));

  return writeXmlDocument({
    name: "testsuites",
    attributes: { name: `kmipcheck ${report.runId}`, ...counts(report.vectors), time: seconds(report.durationMs), timestamp: report.startedAt },
    children: suites,
  });
}

function suiteIndex(report: RunReport, profile: string): number {
  return report.summary.findIndex((row) => row.profile === profile);
}

function testSuite(report: RunReport, profile: string, title: string, id: number): XmlElement {
  const vectors = report.vectors.filter((vector) => vector.profile === profile);
  const durationMs = vectors.reduce((total, vector) => total + vector.durationMs, 0);
  const properties = [
    ["profile.title", title],
    ["target", `${report.target.kind} ${report.target.host}:${report.target.port}`],
    ["tool", `${report.tool.name} ${report.tool.version}`],
  ];

  return {
    name: "testsuite",
    attributes: { name: profile, id, ...counts(vectors), time: seconds(durationMs), timestamp: vectors[0]?.startedAt ?? report.startedAt, hostname: report.target.host },
    children: [
      { name: "properties", children: properties.map(([name, value]) => ({ name: "property", attributes: { name, value } })) },
      ...vectors.map(testCase),
    ],
  };
}

function counts(vectors: ReadonlyArray<VectorOutcome>): Record<string, number> {
  const count = (verdict: string) => vectors.filter((vector) => vector.verdict === verdict).length;
  return { tests: vectors.length, failures: count("fail"), errors: count("error"), skipped: 0 };
}

function testCase(vector: VectorOutcome): XmlElement {
  const children: XmlElement[] = [];

  if (vector.verdict === "fail") {
    children.push({ name: "failure", attributes: { message: failureMessage(vector), type: "ResponseMismatch" }, text: problemText(vector) });
  }

  if (vector.verdict === "error") {
    const error = vector.error ?? vector.steps.find((step) => step.verdict === "error")?.error;
    children.push({ name: "error", attributes: { message: error?.message ?? "the vector erred", type: error?.code ?? "INTERNAL" }, text: problemText(vector) });
  }

  const rules = vector.steps.flatMap((step) => step.rulesApplied.map((applied) => `${stepLabel(step)}: rule ${applied.rule} at ${applied.path}: ${applied.note}`));
  const output = [...(rules.length > 0 ? ["Rules applied:", ...rules] : []), ...(vector.cleanup === undefined ? [] : [cleanupLine(vector.cleanup)])];
  if (output.length > 0) {
    children.push({ name: "system-out", text: `${output.join("\n")}\n` });
  }

  return { name: "testcase", attributes: { name: vector.name, classname: vector.profile, file: vector.path, time: seconds(vector.durationMs) }, children };
}

/** Writes one line for the CI summary: the first failing step and its first failing diff. */
function failureMessage(vector: VectorOutcome): string {
  const failed = vector.steps.filter((step) => step.verdict === "fail");
  const first = failed[0];
  if (first === undefined) {
    return "the response did not match";
  }

  const diff = first.diffs.find((candidate) => candidate.severity === "fail");
  const violation = first.violations.find((candidate) => candidate.severity === "fail");
  const detail = diff !== undefined ? `${diff.kind} ${diff.path}: ${diff.message}` : (violation?.message ?? "the response did not match");
  const kind = first.fault === undefined ? "" : `${FAULT_LABELS[first.fault.kind]}: `;
  return `${failed.length} of ${vector.steps.length} steps did not match; ${stepLabel(first)}: ${kind}${detail}`;
}

/** Describes every step that did not pass, with its error, diffs, encoding violations and the rules applied. */
function problemText(vector: VectorOutcome): string {
  const lines: string[] = [];

  if (vector.error !== undefined) {
    lines.push(`${vector.error.code}: ${vector.error.message}`);
  }

  for (const step of vector.steps.filter((candidate) => candidate.verdict !== "pass")) {
    lines.push(...stepProblemLines(step));
  }

  return `${lines.join("\n")}\n`;
}

function stepProblemLines(step: StepOutcome): string[] {
  const lines = [`${stepLabel(step)}, line ${step.line}: ${step.verdict}`];

  if (step.fault !== undefined) {
    lines.push(`  fault ${faultText(step)}`);
  }

  if (step.error !== undefined) {
    lines.push(`  error ${step.error.code}: ${step.error.message}`);
  }

  for (const diff of step.diffs) {
    const rule = diff.rule === undefined ? "" : ` [rule ${diff.rule}]`;
    lines.push(`  ${diff.severity} ${diff.kind} ${diff.path}: ${diff.message}${rule}`);
  }

  for (const violation of step.violations) {
    lines.push(`  ${violation.severity} ${violation.code} at offset ${violation.offset} ${violation.path}: ${violation.message}`);
  }

  for (const applied of step.rulesApplied) {
    lines.push(`  rule ${applied.rule} at ${applied.path}: ${applied.note}`);
  }

  return lines;
}

/** E.g. "wrong status at ResponseMessage/BatchItem/ResultStatus: expected Success, got OperationFailed". */
function faultText(step: StepOutcome): string {
  const fault = step.fault!;
  return `${FAULT_LABELS[fault.kind]}${fault.path === undefined ? "" : ` at ${fault.path}`}: ${fault.message}`;
}

function stepLabel(step: StepOutcome): string {
  return `step ${stepNumber(step)} (${step.operations.join(", ") || "no operation"})`;
}

function seconds(durationMs: number): string {
  return (durationMs / 1000).toFixed(3);
}
