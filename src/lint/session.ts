/**
 * One lint session of `kmipcheck serve` or `kmipcheck proxy`: checks every exchange, prints each
 * finding, and at close writes the findings as JSON, the session as a vector file, and a summary
 * that counts findings by rule.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { SessionCapture } from "./capture";
import { lintRequest } from "./request-checks";
import { lintResponse } from "./response-checks";
import { LINT_RULES, type LintRuleId } from "./rules";
import type { Exchange, Finding, LintIssue } from "./types";

export interface LintSessionOptions {
  /** Name of the command, for the console and the JSON file. */
  mode: "serve" | "proxy";
  /** Also check the server's responses (the proxy does; serve's responses come from the bundled server). */
  checkResponses: boolean;
  /** Stream for the findings and the summary. */
  output: NodeJS.WritableStream;
  /** JSON file of the findings, written at close. */
  findingsFile?: string;
  /** Vector file of the session, written at close. */
  captureFile?: string;
  /** How far a client's Time Stamp may be ahead of this clock, in seconds. */
  clockSkewSeconds?: number;
}

export interface LintSummary {
  exchanges: number;
  findings: number;
  /** Number of findings of each rule that was broken, sorted by rule. */
  byRule: Record<string, number>;
  /** Steps written to the capture file, when there is one. */
  capturedSteps?: number;
}

export class LintSession {
  readonly findings: Finding[] = [];
  private exchanges = 0;
  private readonly capture: SessionCapture | undefined;
  private readonly startedAt = new Date();
  private closed: Promise<LintSummary> | undefined;

  constructor(private readonly options: LintSessionOptions) {
    this.capture = options.captureFile === undefined ? undefined : new SessionCapture();
  }

  /** Checks one exchange, prints its findings and returns them. */
  record(exchange: Exchange): Finding[] {
    this.exchanges += 1;
    const number = this.exchanges;
    const now = Math.floor(exchange.receivedAt.getTime() / 1000);

    const { issues, message } = lintRequest(exchange.request, { now, clockSkewSeconds: this.options.clockSkewSeconds });
    if (this.options.checkResponses && exchange.response !== undefined) {
      issues.push(...lintResponse(exchange.response, message));
    }
    const findings = issues.map((issue) => toFinding(issue, exchange, number));

    this.findings.push(...findings);
    findings.forEach((finding) => this.options.output.write(formatFinding(finding)));
    this.capture?.add(exchange, number);
    return findings;
  }

  summary(): LintSummary {
    const byRule: Record<string, number> = {};
    for (const finding of [...this.findings].sort((a, b) => a.rule.localeCompare(b.rule))) {
      byRule[finding.rule] = (byRule[finding.rule] ?? 0) + 1;
    }
    return { exchanges: this.exchanges, findings: this.findings.length, byRule, capturedSteps: this.capture?.stepCount };
  }

  /** Writes the findings and capture files and prints the summary; later calls return the same summary. */
  close(): Promise<LintSummary> {
    this.closed ??= this.finish();
    return this.closed;
  }

  private async finish(): Promise<LintSummary> {
    const summary = this.summary();
    if (this.options.findingsFile !== undefined) {
      await writeCreatingFolder(this.options.findingsFile, `${JSON.stringify(this.findingsDocument(summary), null, 2)}\n`);
    }
    if (this.capture !== undefined && this.options.captureFile !== undefined) {
      await writeCreatingFolder(this.options.captureFile, this.capture.toVectorXml(this.captureDescription()));
    }

    this.options.output.write(formatSummary(this.options, summary, this.capture?.skippedExchanges ?? []));
    return summary;
  }

  private findingsDocument(summary: LintSummary): object {
    return { tool: "kmipcheck", mode: this.options.mode, startedAt: this.startedAt.toISOString(), finishedAt: new Date().toISOString(), summary, rules: usedRules(summary), findings: this.findings };
  }

  private captureDescription(): string {
    return `Captured by kmipcheck ${this.options.mode} between ${this.startedAt.toISOString()} and ${new Date().toISOString()}: ${this.capture?.stepCount ?? 0} exchanges. Unique Identifiers the server returned are $UNIQUE_IDENTIFIER_n; Date-Time values are $NOW plus or minus their distance in seconds from the request's arrival.`;
  }
}

function toFinding(issue: LintIssue, exchange: Exchange, number: number): Finding {
  const rule = LINT_RULES[issue.rule];
  return { ...issue, side: rule.side, section: rule.section, client: exchange.client, exchange: number, time: exchange.receivedAt.toISOString() };
}

/** Formats one finding as three console lines. */
export function formatFinding(finding: Finding): string {
  const peer = finding.side === "client" ? "client" : "server";
  const actual = finding.actual === undefined ? "" : ` (sent: ${finding.actual})`;
  return [
    `${finding.severity === "warn" ? "warning" : "finding"} ${finding.rule} (${finding.section}) in exchange ${finding.exchange} of client ${finding.client || "without certificate subject"}`,
    `  ${finding.path}: ${finding.message}${actual}`,
    `  a conformant ${peer} sends: ${finding.expected}`,
    "",
  ].join("\n");
}

function formatSummary(options: LintSessionOptions, summary: LintSummary, skipped: readonly string[]): string {
  const lines = [`kmipcheck ${options.mode}: ${summary.exchanges} exchanges, ${summary.findings} findings`];
  for (const [rule, count] of Object.entries(summary.byRule)) {
    lines.push(`  ${rule.padEnd(34)} ${String(count).padStart(5)}  ${LINT_RULES[rule as LintRuleId].section}`);
  }

  if (options.findingsFile !== undefined) {
    lines.push(`findings: ${options.findingsFile}`);
  }
  if (options.captureFile !== undefined) {
    lines.push(`capture: ${options.captureFile} (${summary.capturedSteps ?? 0} steps)`);
    skipped.forEach((reason) => lines.push(`  left out of the capture: ${reason}`));
  }
  return `${lines.join("\n")}\n`;
}

function usedRules(summary: LintSummary): Record<string, (typeof LINT_RULES)[LintRuleId]> {
  return Object.fromEntries(Object.keys(summary.byRule).map((rule) => [rule, LINT_RULES[rule as LintRuleId]]));
}

async function writeCreatingFolder(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}
