/**
 * report.html: the whole run as one self-contained page (inline CSS and script, no network): the
 * profile matrix, then each vector with its steps, and the rules the comparison may apply.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { VectorOutcome } from "../replay";
import { cleanupLine } from "./console";
import { CONTENT_SECURITY_POLICY, SCRIPT, STYLE } from "./html-assets";
import { renderStep, verdictBadge } from "./html-step";
import { html, trusted, type SafeHtml } from "./html-template";
import type { Reporter, RunReport } from "./model";

export const HTML_REPORT_FILE = "report.html";

export class HtmlReporter implements Reporter {
  constructor(private readonly directory: string) {}

  get path(): string {
    return join(this.directory, HTML_REPORT_FILE);
  }

  async runFinished(report: RunReport): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    await writeFile(this.path, renderHtml(report));
  }
}

export function renderHtml(report: RunReport): string {
  const ids = vectorIds(report.vectors);

  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>kmipcheck ${report.runId}: ${report.verdict.toUpperCase()}</title>
<style>${trusted(STYLE)}</style>
</head>
<body>
${runHeader(report)}
${profileMatrix(report, ids)}
${filterBar()}
<section id="vectors"><h2>Vectors</h2>
${report.vectors.map((vector, position) => vectorSection(vector, ids[position]))}
</section>
${ruleList(report)}
<footer id="script-status" data-status="not-run">The script of this page did not run: filters and counts are off.</footer>
<script>${trusted(SCRIPT)}</script>
</body>
</html>
`.markup;
}

/** Builds element ids from positions, because vector names may contain any character. */
function vectorIds(vectors: ReadonlyArray<VectorOutcome>): string[] {
  return vectors.map((_, position) => `v${position + 1}`);
}

function runHeader(report: RunReport): SafeHtml {
  const profiles = report.profiles.length === 0 ? "all" : report.profiles.join(", ");
  const facts: Array<[string, string]> = [
    ["Run", report.runId],
    ["Target", `${report.target.kind} ${report.target.host}:${report.target.port}`],
    ["Tool", `${report.tool.name} ${report.tool.version}`],
    ["Started", report.startedAt],
    ["Duration", `${(report.durationMs / 1000).toFixed(1)} s`],
    ["Profiles asked for", profiles],
    ["Vector folders", report.vectorFolders.join(", ")],
    ["Vectors", `${report.totals.vectors}: ${report.totals.pass} pass, ${report.totals.fail} fail, ${report.totals.error} error`],
  ];

  return html`<header>
<h1>kmipcheck report <span id="run-verdict">${verdictBadge(report.verdict)}</span></h1>
<dl class="run">${facts.map(([name, value]) => html`<dt>${name}</dt><dd>${value}</dd>`)}</dl>
</header>`;
}

/** Renders one row per profile: its counts and verdict, and one link per vector coloured by its verdict. */
function profileMatrix(report: RunReport, ids: string[]): SafeHtml {
  const rows = report.summary.map((row) => {
    const chips = report.vectors.flatMap((vector, position) =>
      vector.profile === row.profile ? [html`<a class="chip ${vector.verdict}" href="#${ids[position]}" title="${vector.name}: ${vector.verdict}">${vector.name}</a>`] : [],
    );
    return html`<tr data-profile="${row.profile}"><td><strong>${row.title}</strong><br><code>${row.profile}</code></td><td class="num">${row.vectors}</td><td class="num">${row.pass}</td><td class="num">${row.fail}</td><td class="num">${row.error}</td><td>${verdictBadge(row.verdict)}</td><td>${chips}</td></tr>`;
  });

  const totals = report.totals;
  return html`<section id="matrix"><h2>Profile matrix</h2>
<table><thead><tr><th>Profile</th><th>Vectors</th><th>Pass</th><th>Fail</th><th>Error</th><th>Verdict</th><th>Vectors by verdict</th></tr></thead>
<tbody>${rows}</tbody>
<tfoot><tr><th>Total</th><td class="num">${totals.vectors}</td><td class="num">${totals.pass}</td><td class="num">${totals.fail}</td><td class="num">${totals.error}</td><td>${verdictBadge(report.verdict)}</td><td></td></tr></tfoot>
</table></section>`;
}

function filterBar(): SafeHtml {
  const button = (verdict: string, label: string) => html`<button type="button" data-show="${verdict}">${label} (<span data-count-of="${verdict}"></span>)</button>`;

  return html`<nav id="filters">Show: ${button("all", "All")}${button("fail", "Fail")}${button("error", "Error")}${button("pass", "Pass")}
<button type="button" id="expand-all">Expand all</button><button type="button" id="collapse-all">Collapse all</button></nav>`;
}

/** Renders a vector. One that did not pass starts open, and so do its steps that did not pass. */
function vectorSection(vector: VectorOutcome, id: string): SafeHtml {
  const open = vector.verdict !== "pass";
  const tls = vector.tls === undefined ? "" : ` · ${vector.tls.protocol} ${vector.tls.cipher}`;
  const steps = vector.steps.map((step) => renderStep(step, `${id}-s${step.index}`, open && step.verdict !== "pass" && step.error?.code !== "REPLAY_NOT_RUN"));

  return html`<section class="vector" id="${id}" data-verdict="${vector.verdict}">
<details${open ? html` open` : ""}>
<summary>${verdictBadge(vector.verdict)} <span class="name">${vector.name}</span> <span class="meta">${vector.profile} · ${vector.steps.length} step${vector.steps.length === 1 ? "" : "s"} · ${vector.durationMs} ms${tls}</span></summary>
<div class="path">${vector.path}</div>
${vector.error === undefined ? "" : html`<p class="error"><code>${vector.error.code}</code> ${vector.error.message}</p>`}
${steps}
${vector.cleanup === undefined ? "" : html`<p class="cleanup">${cleanupLine(vector.cleanup)}</p>`}
</details>
</section>`;
}

function ruleList(report: RunReport): SafeHtml {
  const rows = report.rules.map((rule) => html`<tr id="rule-${rule.id}"><td><code>${rule.id}</code></td><td>${rule.description}</td><td>${rule.reference}</td><td>${rule.severity}</td></tr>`);

  return html`<section id="rules"><h2>Rules of the comparison</h2>
<table><thead><tr><th>Rule</th><th>What it tolerates or checks</th><th>Source</th><th>Severity</th></tr></thead>
<tbody>${rows}</tbody></table></section>`;
}
