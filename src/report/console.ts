/**
 * Console output: one line per vector as it finishes, the diffs and errors of the steps that did
 * not pass, and a per-profile summary table at the end.
 */
import { FAULT_LABELS, type CleanupRecord, type StepOutcome, type VectorOutcome } from "../replay";
import { showUnprintable } from "./escape";
import { stepNumber, type Reporter, type RunInfo, type RunReport } from "./model";

/** Diffs shown per step; the report file has them all. */
const MAX_DIFFS_SHOWN = 5;

export interface ConsoleReporterOptions {
  /** Print the rules applied to each step as well. */
  verbose?: boolean;
}

export class ConsoleReporter implements Reporter {
  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly options: ConsoleReporterOptions = {},
  ) {}

  runStarted(info: RunInfo): void {
    const profiles = info.profiles.length === 0 ? "all profiles" : info.profiles.join(", ");
    this.print(`kmipcheck run ${info.runId}: ${info.target.kind} target ${info.target.host}:${info.target.port}, ${profiles}`);
  }

  vectorFinished(outcome: VectorOutcome): void {
    const steps = `${outcome.steps.length} step${outcome.steps.length === 1 ? "" : "s"}`;
    this.print(`${outcome.verdict.toUpperCase().padEnd(5)} ${outcome.name.padEnd(24)} ${outcome.profile.padEnd(28)} ${steps.padStart(9)} ${String(outcome.durationMs).padStart(6)} ms`);

    if (outcome.error !== undefined) {
      this.print(`      ${outcome.error.code}: ${serverText(outcome.error.message)}`);
    }

    for (const step of outcome.steps) {
      this.printStepDetails(step);
    }

    if (outcome.cleanup !== undefined) {
      this.print(`      ${cleanupLine(outcome.cleanup)}`);
    }
  }

  runFinished(report: RunReport): void {
    const rows = report.summary.map((row) => [row.profile, row.vectors, row.pass, row.fail, row.error, row.verdict.toUpperCase()]);
    rows.push(["total", report.totals.vectors, report.totals.pass, report.totals.fail, report.totals.error, report.verdict.toUpperCase()]);

    this.print("");
    this.print(formatTable(["Profile", "Vectors", "Pass", "Fail", "Error", "Verdict"], rows));
    this.print(`${report.totals.pass} of ${report.totals.vectors} passed; wall time ${(report.durationMs / 1000).toFixed(1)} s`);
  }

  private printStepDetails(step: StepOutcome): void {
    const label = `step ${stepNumber(step)} (${step.operations.join(", ") || "?"})`;

    if (step.fault !== undefined && step.error?.code !== "REPLAY_NOT_RUN") {
      const at = step.fault.path === undefined ? "" : ` at ${step.fault.path}`;
      this.print(`      ${label}: ${FAULT_LABELS[step.fault.kind]}${at}: ${serverText(step.fault.message)}`);
    } else if (step.verdict !== "pass" && step.error !== undefined && step.error.code !== "REPLAY_NOT_RUN") {
      this.print(`      ${label}: ${step.error.code}: ${serverText(step.error.message)}`);
    }

    if (step.verdict === "fail") {
      for (const diff of step.diffs.slice(0, MAX_DIFFS_SHOWN)) {
        this.print(`      ${label}: ${diff.kind} ${diff.path}: ${serverText(diff.message)}${diff.rule === undefined ? "" : ` [${diff.rule}]`}`);
      }

      const hidden = step.diffs.length - MAX_DIFFS_SHOWN;
      if (hidden > 0) {
        this.print(`      ${label}: ${hidden} more diff(s) in the report`);
      }
    }

    if (this.options.verbose === true) {
      for (const applied of step.rulesApplied) {
        this.print(`      ${label}: rule ${applied.rule} at ${applied.path}: ${serverText(applied.note)}`);
      }
    }
  }

  private print(line: string): void {
    this.out.write(`${line}\n`);
  }
}

/** Says what clean-up did: e.g. "clean-up (step 3 ... did not complete): destroyed 2 of 2 objects: 12, 13". */
export function cleanupLine(cleanup: CleanupRecord): string {
  const identifiers = cleanup.objects.map((object) => object.uniqueIdentifier).join(", ");
  if (cleanup.kept) {
    return `clean-up skipped (--no-cleanup): kept ${cleanup.objects.length} object(s) the vector left: ${serverText(identifiers)}`;
  }

  const destroyed = cleanup.objects.filter((object) => object.destroyed).length;
  const revoked = cleanup.objects.filter((object) => object.revoked).length;
  const failures = cleanup.objects.filter((object) => object.error !== undefined).map((object) => `${object.uniqueIdentifier}: ${object.error!.message}`);
  const problems = [...failures, ...(cleanup.error === undefined ? [] : [`${cleanup.error.code}: ${cleanup.error.message}`])];
  const summary = `clean-up (${cleanup.reason}): revoked ${revoked}, destroyed ${destroyed} of ${cleanup.objects.length} object(s): ${identifiers}`;
  return serverText(problems.length === 0 ? summary : `${summary}; ${problems.join("; ")}`);
}

/**
 * Shows control characters of text that may quote the server (Text Strings in diffs and notes) as
 * `\uXXXX`, so that a response cannot send terminal escape sequences or start lines of its own.
 */
function serverText(text: string): string {
  return showUnprintable(text).replace(/[\r\n]/g, (character) => (character === "\n" ? "\\n" : "\\r"));
}

/** Left-aligns text columns and right-aligns numbers. */
export function formatTable(header: string[], rows: Array<Array<string | number>>): string {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
  const numeric = header.map((_, column) => rows.every((row) => typeof row[column] === "number"));

  return cells
    .map((row) => row.map((cell, column) => (numeric[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join("  ").trimEnd())
    .join("\n");
}
