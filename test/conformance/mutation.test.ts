/**
 * The harness checked against known server faults. For each fault switch of the bundled server,
 * the vectors and suite checks that cover the faulty behaviour must flag it with the right check
 * at the right path. Against the clean server they must all pass.
 */
import { expect } from "chai";
import type { FaultName } from "../../bundled-server";
import { describeFindings, findings, MALFORMED_VECTORS, POSITIVE_VECTORS, replay, runBaseline, startServer, type Finding } from "./helpers";

interface MutationCase {
  fault: FaultName;
  /** The harness part that covers the fault: vectors whose name matches, or suite tests whose title matches. */
  run: { vectors: RegExp } | { suite: RegExp };
  /** The check expected to flag it, at this path. */
  check: string;
  path: string;
  /** Verdict of the step that carries the finding; a warning leaves the step passing. */
  verdict: "fail" | "error" | "pass";
  severity?: "fail" | "warn";
}

const CASES: MutationCase[] = [
  { fault: "invalidMessageForMissingData", run: { suite: /without IDs/ }, check: "baseline-unique-batch-item-id-required", path: "ResponseMessage/BatchItem[1]/ResultReason", verdict: "fail" },
  { fault: "omitUniqueBatchItemId", run: { vectors: /^SKLC-KC-1$/ }, check: "kind:missing", path: "ResponseMessage/BatchItem[1]/UniqueBatchItemID", verdict: "fail" },
  { fault: "omitUniqueBatchItemId", run: { suite: /Unique Batch Item ID echoed/ }, check: "baseline-unique-batch-item-id-echo", path: "ResponseMessage/BatchItem[1]/UniqueBatchItemID", verdict: "fail" },
  { fault: "kmip2ResultReason", run: { vectors: /^SKLC-KC-1$/ }, check: "version-gating", path: "ResponseMessage/BatchItem/ResultReason", verdict: "fail" },
  { fault: "kmip2ResultReason", run: { suite: /unknown identifier/ }, check: "version-gating", path: "ResponseMessage/BatchItem/ResultReason", verdict: "fail" },
  { fault: "fieldsOutOfOrder", run: { vectors: /^CS-BC-KC-1$/ }, check: "kind:order", path: "ResponseMessage/BatchItem", verdict: "fail" },
  { fault: "bigIntegerShortPadding", run: { vectors: /^AKLC-KC-1$/ }, check: "TTLV_BIG_INTEGER_LENGTH", path: "ResponseMessage/BatchItem/ResponsePayload/PublicKey/KeyBlock/KeyValue/KeyMaterial/Modulus", verdict: "error" },
  { fault: "nonZeroPadding", run: { vectors: /^CS-BC-KC-1$/ }, check: "TTLV_NONZERO_PADDING", path: "ResponseMessage/BatchItem/Operation", verdict: "pass", severity: "warn" },
  { fault: "extraObjectTypeInRegister", run: { vectors: /^CS-BC-KC-1$/ }, check: "kind:unexpected", path: "ResponseMessage/BatchItem/ResponsePayload/ObjectType", verdict: "fail" },
  { fault: "wrongCiphertextByte", run: { vectors: /^CS-BC-KC-1$/ }, check: "kind:value", path: "ResponseMessage/BatchItem/ResponsePayload/Data", verdict: "fail" },
  { fault: "wrongFailureReason", run: { vectors: /^SKLC-KC-1$/ }, check: "error-oracle", path: "ResponseMessage/BatchItem/ResultReason", verdict: "fail" },
  { fault: "wrongFailureReason", run: { suite: /unknown identifier/ }, check: "baseline-item-not-found", path: "ResponseMessage/BatchItem/ResultReason", verdict: "fail" },
  { fault: "omitTimeStamp", run: { vectors: /^SKLC-KC-1$/ }, check: "kind:missing", path: "ResponseMessage/ResponseHeader/TimeStamp", verdict: "fail" },
  { fault: "omitTimeStamp", run: { suite: /Time Stamp present/ }, check: "baseline-time-stamp", path: "ResponseMessage/ResponseHeader/TimeStamp", verdict: "fail" },
];

async function findingsFor(testCase: MutationCase): Promise<Finding[]> {
  const server = await startServer([testCase.fault]);
  try {
    const outcomes = "vectors" in testCase.run ? await replay(server.connection, [POSITIVE_VECTORS], testCase.run.vectors) : await runBaseline(server.connection, testCase.run.suite);
    expect(outcomes, "outcomes of the selected vectors or tests").to.not.be.empty;
    return findings(outcomes);
  } finally {
    await server.close();
  }
}

describe("harness against server faults", function () {
  this.timeout(60_000);

  for (const testCase of CASES) {
    const part = "vectors" in testCase.run ? `vectors ${testCase.run.vectors.source}` : `suite ${testCase.run.suite.source}`;

    it(`${testCase.fault} flagged by ${part}`, async () => {
      const list = await findingsFor(testCase);
      const severity = testCase.severity ?? "fail";
      const hit = list.find((finding) => finding.check === testCase.check && finding.path === testCase.path && finding.severity === severity);

      expect(hit, `a ${severity} ${testCase.check} at ${testCase.path} among:\n${describeFindings(list)}`).to.not.equal(undefined);
      expect(hit?.verdict, "verdict of the flagged step").to.equal(testCase.verdict);
    });
  }

  it("clean server passes own vectors", async () => {
    const server = await startServer();
    try {
      const outcomes = await replay(server.connection, [POSITIVE_VECTORS, MALFORMED_VECTORS]);
      const failing = findings(outcomes).filter((finding) => finding.severity === "fail");

      expect(outcomes.length, "own vectors replayed").to.be.greaterThan(5);
      expect(outcomes.map((outcome) => `${outcome.name}: ${outcome.verdict}`).filter((line) => !line.endsWith("pass")), describeFindings(failing)).to.deep.equal([]);
    } finally {
      await server.close();
    }
  });

  it("clean server passes the Baseline suite", async () => {
    const server = await startServer();
    try {
      const outcomes = await runBaseline(server.connection);

      expect(outcomes.length, "Baseline suite tests run").to.be.greaterThan(20);
      expect(outcomes.filter((outcome) => outcome.verdict !== "pass").map((outcome) => outcome.name), describeFindings(findings(outcomes))).to.deep.equal([]);
    } finally {
      await server.close();
    }
  });

  it("accepted reason passes with a warning", async () => {
    const server = await startServer(["invalidMessageForMissingData"]);
    try {
      const accepted = new Map([["baseline-unique-batch-item-id-required", new Set(["InvalidMessage"])]]);
      const outcomes = await runBaseline(server.connection, /without IDs/, accepted);
      expect(outcomes, "outcomes of the selected suite test").to.have.length(1);
      const [outcome] = outcomes;
      const warnings = findings([outcome]).filter((finding) => finding.check === "accepted-reason");

      expect(outcome.verdict, "verdict with the reason accepted").to.equal("pass");
      expect(warnings.map((finding) => finding.path)).to.deep.equal(["ResponseMessage/BatchItem[1]/ResultReason", "ResponseMessage/BatchItem[2]/ResultReason"]);
      expect(warnings.every((finding) => finding.severity === "warn"), "accepted reasons are warnings").to.equal(true);
    } finally {
      await server.close();
    }
  });

  it("Missing Data failure explains Invalid Message", async () => {
    const server = await startServer(["invalidMessageForMissingData"]);
    try {
      const outcomes = await runBaseline(server.connection, /without IDs/);
      expect(outcomes, "outcomes of the selected suite test").to.have.length(1);
      const [outcome] = outcomes;
      const diff = outcome.steps.flatMap((step) => step.diffs).find((candidate) => candidate.rule === "baseline-unique-batch-item-id-required");

      expect(outcome.verdict).to.equal("fail");
      expect(diff?.expected).to.equal("MissingData");
      expect(diff?.actual).to.equal("InvalidMessage");
      expect(diff?.message).to.contain("Invalid Message (§11.1) means the message could not be parsed");
    } finally {
      await server.close();
    }
  });
});
