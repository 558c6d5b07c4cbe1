import { expect } from "chai";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { JunitReporter, renderJunit } from "../../src/report";
import { syntheticReport } from "./fixtures";
import { parseXml, type XmlTreeElement } from "./markup";

function all(root: XmlTreeElement, name: string): XmlTreeElement[] {
  return root.children.flatMap((element) => [...(element.name === name ? [element] : []), ...all(element, name)]);
}

/** The escaped form of the fixtures' hostile text: unprintable characters shown as \uXXXX. */
const SHOWN_HOSTILE = String.raw`<img src=x onerror="alert(1)"> & 'quoted' ]]> \u0000\u001b end\ud800`;

describe("JUnit report", () => {
  let root: XmlTreeElement;

  before(() => {
    root = parseXml(renderJunit(syntheticReport()));
  });

  it("counts tests, failures and errors", () => {
    expect(root.name).to.equal("testsuites");
    expect(root.attributes.tests).to.equal("4");
    expect(root.attributes.failures).to.equal("1");
    expect(root.attributes.errors).to.equal("2");
    expect(root.attributes.time).to.equal("2.500");
  });

  it("writes one suite per profile", () => {
    const suites = all(root, "testsuite");

    expect(suites.map((suite) => `${suite.attributes.name} ${suite.attributes.tests}/${suite.attributes.failures}/${suite.attributes.errors}`)).to.deep.equal([
      "symmetric-key-lifecycle 2/1/0",
      "asymmetric-key-lifecycle 1/0/1",
      "tape-library 1/0/1",
    ]);
    expect(all(suites[0], "property").map((property) => property.attributes.name)).to.deep.equal(["profile.title", "target", "tool"]);
  });

  it("writes one testcase per vector", () => {
    const cases = all(root, "testcase");

    expect(cases.map((testCase) => testCase.attributes.classname)).to.deep.equal(["symmetric-key-lifecycle", "symmetric-key-lifecycle", "asymmetric-key-lifecycle", "tape-library"]);
    expect(cases[1].attributes.name).to.equal(`SKLC-M-2-14 ${SHOWN_HOSTILE}`);
    expect(cases.map((testCase) => testCase.children.map((child) => child.name).join("+"))).to.deep.equal(["system-out", "failure+system-out", "error+system-out", "error"]);
  });

  it("says what clean-up did", () => {
    const output = all(root, "system-out").map((element) => element.text).join("\n");

    expect(output).to.contain("clean-up (step 0 (Create) did not complete: TTLV_TRUNCATED): revoked 1, destroyed 1 of 2 object(s): key-1");
    expect(output).to.contain("Destroy failed: OperationFailed, PermissionDenied");
  });

  it("reports a mismatch as failure", () => {
    const [failure] = all(root, "failure");

    expect(failure.attributes.type).to.equal("ResponseMismatch");
    expect(failure.attributes.message).to.equal(`1 of 2 steps did not match; step 2 (Get): wrong reason: value ResponseMessage/BatchItem/ResultReason: expected ItemNotFound, got ${SHOWN_HOSTILE}`);
    expect(failure.text).to.contain("fault wrong reason at ResponseMessage/BatchItem/ResultReason: expected ItemNotFound");
    expect(failure.text).to.contain("fail value ResponseMessage/ResponseHeader/TimeStamp: outside the window [rule time-window]");
    expect(failure.text).to.contain(`rule bound-identifier at ResponseMessage/BatchItem/ResponsePayload/UniqueIdentifier: bound $UNIQUE_IDENTIFIER_0 to ${SHOWN_HOSTILE}`);
    expect(failure.text).to.match(/warn TTLV_NONZERO_PADDING at offset \d+ ResponseMessage\/BatchItem\/ResultMessage/);
    expect(failure.text).to.match(/fail TTLV_BAD_BOOLEAN at offset \d+ ResponseMessage\/BatchItem\/AsynchronousIndicator/);
  });

  it("reports exceptions as errors", () => {
    const errors = all(root, "error");

    expect(errors.map((error) => error.attributes.type)).to.deep.equal(["TTLV_TRUNCATED", "TRANSPORT_CONNECT_REFUSED"]);
    expect(errors[1].attributes.message).to.equal("connection to 127.0.0.1:5696 refused");
    expect(errors[0].text).to.contain("step 2 (Create), line 30: error");
    expect(errors[0].text).to.contain("error REPLAY_NOT_RUN: not run because the connection broke at step 0");
  });

  it("lists rules applied of passing vectors", () => {
    const [out] = all(all(root, "testcase")[0], "system-out");

    expect(out.text).to.equal("Rules applied:\nstep 1 (Create): rule time-window at ResponseMessage/ResponseHeader/TimeStamp: 2 s from the local clock\n");
  });

  it("JunitReporter writes junit.xml", async () => {
    const directory = await mkdtemp(join(tmpdir(), "kmipcheck-junit-"));
    try {
      const reporter = new JunitReporter(join(directory, "run"));
      await reporter.runFinished(syntheticReport());

      expect(reporter.path).to.equal(join(directory, "run", "junit.xml"));
      expect(all(parseXml(await readFile(reporter.path, "utf8")), "testcase")).to.have.length(4);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
