/**
 * HTML of one step: its error, structural diffs, encoding violations, rules applied, the request and
 * response in the XML form, and an annotated TTLV dump of the bytes of each message.
 */
import type { Diff, RuleApplication } from "../match";
import { FAULT_LABELS, type StepOutcome, type Verdict } from "../replay";
import type { TtlvViolation } from "../ttlv";
import { annotateTtlv, type DumpRow } from "./hex-dump";
import { html, type SafeHtml } from "./html-template";
import { stepNumber } from "./model";

export function renderStep(step: StepOutcome, id: string, open: boolean): SafeHtml {
  const operations = step.operations.join(", ") || "no operation";
  const counts = [`${step.diffs.length} diff${plural(step.diffs.length)}`, `${step.rulesApplied.length} rule${plural(step.rulesApplied.length)} applied`];

  return html`<details class="step" id="${id}" data-verdict="${step.verdict}"${open ? html` open` : ""}>
<summary>${verdictBadge(step.verdict)} <span class="step-title">Step ${stepNumber(step)}: ${operations}</span>${step.fault === undefined ? "" : html` <span class="fault" data-fault="${step.fault.kind}">${FAULT_LABELS[step.fault.kind]}</span>`} <span class="meta">line ${step.line} · ${step.durationMs} ms · ${counts.join(" · ")}</span></summary>
${step.fault === undefined ? "" : html`<p class="fault">Fault: ${FAULT_LABELS[step.fault.kind]}${step.fault.path === undefined ? "" : html` at <code>${step.fault.path}</code>`}: ${step.fault.message}</p>`}
${step.error === undefined ? "" : html`<p class="error"><code>${step.error.code}</code> ${step.error.message}</p>`}
${diffTable(step.diffs)}
${violationTable(step.violations)}
${ruleTable(step.rulesApplied)}
${messageBlock("Request (XML form)", step.requestXml, true)}
${messageBlock("Response (XML form)", step.responseXml, true)}
${messageBlock("Expected response (vector template)", step.expectedXml, false)}
${dumpBlock("Request bytes", step.requestBytes, [])}
${dumpBlock("Response bytes", step.responseBytes, step.violations)}
</details>`;
}

export function verdictBadge(verdict: Verdict): SafeHtml {
  return html`<span class="badge ${verdict}">${verdict.toUpperCase()}</span>`;
}

function diffTable(diffs: Diff[]): SafeHtml | string {
  if (diffs.length === 0) {
    return "";
  }

  const rows = diffs.map((diff) => html`<tr class="${diff.severity}"><td><code>${diff.path}</code></td><td>${diff.kind}</td><td><code>${diff.expected}</code></td><td><code>${diff.actual}</code></td><td>${diff.rule}</td><td>${diff.severity}</td><td>${diff.message}</td></tr>`);
  return html`<h4>Structural diffs</h4>
<table class="diffs"><thead><tr><th>Path</th><th>Kind</th><th>Expected</th><th>Actual</th><th>Rule</th><th>Severity</th><th>Message</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

function violationTable(violations: TtlvViolation[]): SafeHtml | string {
  if (violations.length === 0) {
    return "";
  }

  const rows = violations.map((violation) => html`<tr class="${violation.severity}"><td><code>${violation.code}</code></td><td>${hexOffset(violation.offset)}</td><td><code>${violation.path}</code></td><td>${violation.severity}</td><td>${violation.message}</td></tr>`);
  return html`<h4>TTLV encoding violations in the response</h4>
<table class="violations"><thead><tr><th>Code</th><th>Offset</th><th>Path</th><th>Severity</th><th>Message</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

function ruleTable(applied: RuleApplication[]): SafeHtml | string {
  if (applied.length === 0) {
    return "";
  }

  const rows = applied.map((entry) => html`<tr><td><a href="#rule-${entry.rule}"><code>${entry.rule}</code></a></td><td><code>${entry.path}</code></td><td>${entry.note}</td></tr>`);
  return html`<h4>Rules applied</h4>
<table class="rules-applied"><thead><tr><th>Rule</th><th>Path</th><th>What the rule accepted</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

function messageBlock(title: string, xml: string | undefined, open: boolean): SafeHtml | string {
  if (xml === undefined) {
    return "";
  }

  return html`<details class="message"${open ? html` open` : ""}><summary>${title}</summary><pre>${xml}</pre></details>`;
}

function dumpBlock(title: string, bytes: Buffer | undefined, violations: TtlvViolation[]): SafeHtml | string {
  if (bytes === undefined) {
    return "";
  }

  const rows = annotateTtlv(bytes).map((row) => dumpRow(row, violations.filter((violation) => violation.offset === row.offset)));
  return html`<details class="dump"><summary>${title}: annotated TTLV dump (${bytes.length} bytes)</summary>
<table class="ttlv"><thead><tr><th>Offset</th><th>Tag</th><th>Type</th><th>Length</th><th>Bytes: tag type length value <span class="pad">padding</span></th><th>Value</th></tr></thead>
<tbody>${rows}</tbody></table></details>`;
}

function dumpRow(row: DumpRow, violations: TtlvViolation[]): SafeHtml {
  // The decoder's violations give more detail (path, expected and actual) than the dump's own notes.
  const problems = violations.length > 0 ? violations.map((violation) => violation.message) : row.problems;
  const indent = `padding-left:${(0.3 + row.depth * 1.2).toFixed(1)}em`;

  return html`<tr${problems.length > 0 ? html` class="problem"` : ""}><td>${hexOffset(row.offset)}</td><td style="${indent}">${row.tagLabel}</td><td>${row.typeName}</td><td>${row.length}</td><td class="bytes">${dumpBytes(row)}</td><td>${row.display}${problems.map((problem) => html`<div class="note">${problem}</div>`)}</td></tr>`;
}

/** Splits the header into its Tag, Type and Length fields, followed by the value and the padding. */
function dumpBytes(row: DumpRow): SafeHtml {
  const header = row.header.toString("hex");

  if (row.length === undefined) {
    return html`<span class="raw">${header}</span>`;
  }

  const padding = row.padding.length === 0 ? "" : html` <span class="${row.padding.some((byte) => byte !== 0) ? "pad nonzero" : "pad"}">${row.padding.toString("hex")}</span>`;
  const value = row.value.length === 0 ? "" : html` <span class="val">${row.value.toString("hex")}</span>`;
  return html`<span class="tag">${header.slice(0, 6)}</span> <span class="type">${header.slice(6, 8)}</span> <span class="len">${header.slice(8)}</span>${value}${padding}`;
}

function hexOffset(offset: number): string {
  return `0x${offset.toString(16).padStart(4, "0")}`;
}

function plural(count: number): string {
  return count === 1 ? "" : "s";
}
