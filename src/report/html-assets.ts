/**
 * The inline style sheet and script of report.html. The page loads nothing else: its Content
 * Security Policy forbids every other source.
 */

export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

export const STYLE = `
:root { --pass: #1a7f37; --fail: #cf222e; --error: #9a6700; --line: #d0d7de; --muted: #57606a; }
body { font: 14px/1.45 system-ui, sans-serif; margin: 1.5em; color: #1f2328; }
h1 { font-size: 1.5em; margin: 0 0 0.4em; }
h2 { font-size: 1.2em; border-bottom: 1px solid var(--line); padding-bottom: 0.2em; margin-top: 1.5em; }
h4 { margin: 0.8em 0 0.3em; font-size: 1em; }
code, pre, td.bytes { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
pre { background: #f6f8fa; padding: 0.6em; overflow-x: auto; border: 1px solid var(--line); margin: 0.3em 0; }
table { border-collapse: collapse; margin: 0.3em 0; }
th, td { border: 1px solid var(--line); padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.num { text-align: right; }
dl.run { display: grid; grid-template-columns: max-content auto; gap: 0.1em 1em; margin: 0; }
dl.run dt { color: var(--muted); }
dl.run dd { margin: 0; }
.badge { display: inline-block; min-width: 3.6em; text-align: center; border-radius: 3px; color: #fff; font-weight: 600; font-size: 0.85em; padding: 0 0.4em; }
.badge.pass { background: var(--pass); }
.badge.fail { background: var(--fail); }
.badge.error { background: var(--error); }
a.chip { display: inline-block; margin: 0.1em; padding: 0 0.4em; border-radius: 3px; color: #fff; text-decoration: none; font-size: 0.85em; }
a.chip.pass { background: var(--pass); }
a.chip.fail { background: var(--fail); }
a.chip.error { background: var(--error); }
nav#filters { position: sticky; top: 0; background: #fff; padding: 0.4em 0; border-bottom: 1px solid var(--line); }
nav#filters button { margin-right: 0.3em; }
nav#filters button[aria-pressed="true"] { font-weight: 700; }
section.vector { border: 1px solid var(--line); border-left: 5px solid var(--line); margin: 0.5em 0; padding: 0.3em 0.6em; }
section.vector[data-verdict="pass"] { border-left-color: var(--pass); }
section.vector[data-verdict="fail"] { border-left-color: var(--fail); }
section.vector[data-verdict="error"] { border-left-color: var(--error); }
section.vector > details > summary { font-size: 1.05em; }
.name { font-weight: 600; }
.meta, .path { color: var(--muted); }
details.step { margin: 0.4em 0 0.4em 1em; border-top: 1px dashed var(--line); padding-top: 0.3em; }
details.message, details.dump { margin: 0.3em 0; }
summary { cursor: pointer; }
p.error { color: var(--error); }
span.fault { font-size: 0.85em; border: 1px solid var(--fail); border-radius: 3px; padding: 0 0.3em; }
p.fault { font-weight: 600; }
tr.fail td { background: #ffebe9; }
tr.warn td { background: #fff8c5; }
table.ttlv td.bytes { word-break: break-all; min-width: 26em; max-width: 48em; }
table.ttlv .tag { color: #0550ae; }
table.ttlv .type { color: #8250df; }
table.ttlv .len { color: #953800; }
table.ttlv .pad { background: #ddf4ff; outline: 1px dotted #54aeff; }
table.ttlv .pad.nonzero { background: #ffcecb; outline-color: var(--fail); }
table.ttlv tr.problem td { background: #fff1e5; }
.note { color: var(--fail); font-size: 0.9em; }
#script-status { color: var(--muted); margin-top: 2em; font-size: 0.85em; }
`;

/**
 * Filters by verdict, counts per verdict, expand and collapse, and opening the vector or step a
 * link points at. The counts start empty and the script fills them, so a page whose script did not
 * run shows no numbers in the filter bar.
 */
export const SCRIPT = `
(function () {
  "use strict";
  var status = document.getElementById("script-status");
  window.addEventListener("error", function (event) {
    status.setAttribute("data-status", "error");
    status.textContent = "Script error: " + event.message;
  });

  var vectors = Array.prototype.slice.call(document.querySelectorAll("section.vector"));
  var counts = { all: vectors.length, pass: 0, fail: 0, error: 0 };
  vectors.forEach(function (vector) { counts[vector.getAttribute("data-verdict")] += 1; });
  document.querySelectorAll("[data-count-of]").forEach(function (element) {
    element.textContent = String(counts[element.getAttribute("data-count-of")]);
  });

  var buttons = Array.prototype.slice.call(document.querySelectorAll("button[data-show]"));
  function show(verdict) {
    vectors.forEach(function (vector) { vector.hidden = verdict !== "all" && vector.getAttribute("data-verdict") !== verdict; });
    buttons.forEach(function (button) { button.setAttribute("aria-pressed", String(button.getAttribute("data-show") === verdict)); });
  }
  buttons.forEach(function (button) {
    button.addEventListener("click", function () { show(button.getAttribute("data-show")); });
  });

  function setAllOpen(open) {
    document.querySelectorAll("section.vector details").forEach(function (details) { details.open = open; });
  }
  document.getElementById("expand-all").addEventListener("click", function () { setAllOpen(true); });
  document.getElementById("collapse-all").addEventListener("click", function () { setAllOpen(false); });

  function openLinkTarget() {
    var target = location.hash === "" ? null : document.getElementById(decodeURIComponent(location.hash.slice(1)));
    for (var element = target; element !== null; element = element.parentElement) {
      if (element.tagName === "DETAILS") { element.open = true; }
      if (element.tagName === "SECTION") { element.hidden = false; }
    }
  }
  window.addEventListener("hashchange", openLinkTarget);
  openLinkTarget();
  show("all");

  status.setAttribute("data-status", "ok");
  status.textContent = "Filters ready: " + counts.all + " vectors.";
})();
`;
