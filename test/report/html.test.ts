import { expect } from "chai";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HtmlReporter, renderHtml } from "../../src/report";
import { dumpDom, requireChromium } from "./chromium";
import { syntheticReport } from "./fixtures";
import { vectorSections } from "./markup";

/** The fixtures' hostile text as it must appear in the markup. */
const ESCAPED_HOSTILE = String.raw`&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;quoted&#39; ]]&gt; \u0000\u001b end\ud800`;

describe("HTML report", () => {
  const markup = renderHtml(syntheticReport());

  it("loads nothing from elsewhere", () => {
    expect(markup).to.contain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; script-src &#39;unsafe-inline&#39;">`);
    expect(markup).not.to.match(/<(link|img|iframe|object|embed)\b/i);
    expect(markup).not.to.match(/\b(src|href)\s*=\s*["']?(https?:|\/\/)/i);
    expect(markup.match(/<script\b/g)).to.have.length(1);
    expect(markup.match(/<style\b/g)).to.have.length(1);
  });

  it("escapes server text", () => {
    expect(markup).to.contain(`got ${ESCAPED_HOSTILE}</td>`);
    expect(markup).to.contain(`<span class="name">SKLC-M-2-14 ${ESCAPED_HOSTILE}</span>`);
    expect(markup).to.contain(`&lt;ResultMessage value=&quot;${ESCAPED_HOSTILE}&quot;/&gt;`);
    expect(markup).not.to.match(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  it("numbers steps from 1", () => {
    const titles = [...markup.matchAll(/<span class="step-title">Step (\d+):/g)].map((match) => Number(match[1]));

    expect(titles).to.include(1);
    expect(titles).to.not.include(0);
  });

  it("shows the profile matrix", () => {
    const rows = [...markup.matchAll(/<tr data-profile="([^"]+)">[\s\S]*?<span class="badge (\w+)">/g)].map((match) => `${match[1]} ${match[2]}`);

    expect(rows).to.deep.equal(["symmetric-key-lifecycle fail", "asymmetric-key-lifecycle error", "tape-library error"]);
    expect(markup).to.contain('<a class="chip pass" href="#v1" title="SKLC-M-1-14: pass">SKLC-M-1-14</a>');
  });

  it("opens the vectors that did not pass", () => {
    const sections = vectorSections(markup);

    expect([...sections.values()].map((section) => section.split(" ")[0])).to.deep.equal(["pass", "fail", "error", "error"]);
    expect(sections.get("v1")).to.match(/^pass \s*<details>/);
    expect(sections.get("v2")).to.match(/^fail \s*<details open>/);
    expect(sections.get("v2")).to.contain('<details class="step" id="v2-s1" data-verdict="fail" open>');
    expect(sections.get("v3")).to.contain('<details class="step" id="v3-s1" data-verdict="error">');
  });

  it("lists diffs, rules and violations", () => {
    const failing = vectorSections(markup).get("v2") ?? "";

    expect(failing).to.contain("<td><code>ResponseMessage/ResponseHeader/TimeStamp</code></td><td>value</td><td><code>$NOW</code></td><td><code>1999-01-01T00:00:00+00:00</code></td><td>time-window</td>");
    expect(failing).to.contain('<td><a href="#rule-bound-identifier"><code>bound-identifier</code></a></td>');
    expect(failing).to.match(/<td><code>TTLV_NONZERO_PADDING<\/code><\/td><td>0x0070<\/td>/);
    expect(failing).to.match(/<td><code>TTLV_BAD_BOOLEAN<\/code><\/td><td>0x0080<\/td>/);
    expect(markup).to.contain('<tr id="rule-time-window"><td><code>time-window</code></td>');
  });

  it("annotates the message bytes", () => {
    const failing = vectorSections(markup).get("v2") ?? "";

    expect(failing).to.contain("Response bytes: annotated TTLV dump (144 bytes)");
    expect(failing).to.contain('<td>0x0070</td><td style="padding-left:2.7em">ResultMessage</td><td>TextString</td><td>3</td><td class="bytes"><span class="tag">42007d</span> <span class="type">07</span> <span class="len">00000003</span> <span class="val">616263</span> <span class="pad nonzero">7f00000000</span></td>');
    expect(failing).to.contain('<div class="note">ResultMessage at ResponseMessage/BatchItem/ResultMessage (offset 0x70): padding bytes at offset 0x7b should be zero, got 0x7f00000000</div>');
    expect(failing).to.contain('<tr class="problem"><td>0x0080</td>');
    expect(vectorSections(markup).get("v3")).to.contain('<div class="note">ResponseMessage (offset 0x0): the item needs 144 bytes (header and Length 136), but the input has 40</div>');
  });

  it("HtmlReporter writes report.html", async () => {
    const directory = await mkdtemp(join(tmpdir(), "kmipcheck-html-"));
    try {
      const reporter = new HtmlReporter(join(directory, "run"));
      await reporter.runFinished(syntheticReport());

      expect(await readFile(reporter.path, "utf8")).to.equal(markup);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe("HTML report in Chromium", function () {
  this.timeout(60_000);
  let chromium: string;
  let directory: string;
  let dom: string;

  before(async function () {
    chromium = requireChromium(this);
    directory = await mkdtemp(join(tmpdir(), "kmipcheck-html-"));
    const reporter = new HtmlReporter(directory);
    await reporter.runFinished(syntheticReport());
    dom = await dumpDom(chromium, reporter.path);
  });

  after(async () => {
    if (directory !== undefined) {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it("runs the page script", () => {
    expect(dom).to.contain('<footer id="script-status" data-status="ok">Filters ready: 4 vectors.</footer>');
  });

  it("renders the verdict counts", () => {
    const counts = [...dom.matchAll(/<span data-count-of="(\w+)">(\d*)<\/span>/g)].map((match) => `${match[1]}=${match[2]}`);

    expect(counts).to.deep.equal(["all=4", "fail=1", "error=2", "pass=1"]);
  });

  it("renders each vector verdict", () => {
    const sections = vectorSections(dom);
    const badges = [...sections.values()].map((section) => `${section.split(" ")[0]} ${/<span class="badge \w+">(\w+)<\/span>/.exec(section)?.[1]}`);

    expect(badges).to.deep.equal(["pass PASS", "fail FAIL", "error ERROR", "error ERROR"]);
    expect(dom).to.contain('<span id="run-verdict"><span class="badge fail">FAIL</span></span>');
  });

  it("keeps server text as text", () => {
    expect(dom).not.to.match(/<img\b/i);
    expect(dom).to.contain("SKLC-M-2-14 &lt;img src=x");
  });
});
