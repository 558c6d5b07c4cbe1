/**
 * The fault kind of steps that did not pass, from their errors, diffs, violations and the response
 * bytes they kept.
 */
import { expect } from "chai";
import { Operation, ResultReason, ResultStatus, Tag, tagName } from "../../src/kmip";
import type { Diff } from "../../src/match";
import { diagnoseStep, type StepOutcome } from "../../src/replay";
import { batchItemIndex } from "../../src/replay/diagnosis";
import { decodeLenient, encode, enumeration, integer, structure, text, type TtlvViolation } from "../../src/ttlv";
import type { TtlvNode } from "../../src/ttlv/types";

function step(overrides: Partial<StepOutcome>): StepOutcome {
  return { index: 0, line: 1, operations: ["Create"], verdict: "fail", diffs: [], rulesApplied: [], violations: [], expectedXml: "", durationMs: 1, ...overrides };
}

function diff(path: string, message: string, kind: Diff["kind"] = "value"): Diff {
  return { path, kind, severity: "fail", message };
}

/** Encodes a response whose batch items have these Result Status, Result Reason and Result Message values. */
function response(...items: Array<{ status: number; reason?: number; message?: string }>): Buffer {
  const header = structure(Tag.ResponseHeader, [integer(Tag.BatchCount, items.length)]);
  const batchItems = items.map((item) => {
    const fields: TtlvNode[] = [enumeration(Tag.Operation, Operation.Create), enumeration(Tag.ResultStatus, item.status)];
    if (item.reason !== undefined) fields.push(enumeration(Tag.ResultReason, item.reason));
    if (item.message !== undefined) fields.push(text(Tag.ResultMessage, item.message));
    return structure(Tag.BatchItem, fields);
  });
  return encode(structure(Tag.ResponseMessage, [header, ...batchItems]));
}

const STATUS_DIFF = diff("ResponseMessage/BatchItem/ResultStatus", "expected Success, got OperationFailed");

describe("step diagnosis", () => {
  it("gives passing steps no fault", () => {
    expect(diagnoseStep(step({ verdict: "pass" }))).to.equal(undefined);
  });

  it("names Operation Not Supported", () => {
    const bytes = response({ status: ResultStatus.OperationFailed, reason: ResultReason.OperationNotSupported, message: "no Hash here" });
    const fault = diagnoseStep(step({ operations: ["Hash"], diffs: [STATUS_DIFF], responseBytes: bytes }));

    expect(fault?.kind).to.equal("operation-not-supported");
    expect(fault?.path).to.equal("ResponseMessage/BatchItem/ResultReason");
    expect(fault?.message).to.equal('the server returned Result Reason Operation Not Supported for Hash: "no Hash here"');
  });

  it("names the batch item that is not supported", () => {
    const bytes = response({ status: ResultStatus.Success }, { status: ResultStatus.OperationFailed, reason: ResultReason.OperationNotSupported });
    const fault = diagnoseStep(step({ operations: ["Create", "Hash"], diffs: [diff("ResponseMessage/BatchItem[2]/ResponsePayload", "ResponsePayload is missing", "missing")], responseBytes: bytes }));

    expect(fault?.kind).to.equal("operation-not-supported");
    expect(fault?.path).to.equal("ResponseMessage/BatchItem[2]/ResultReason");
    expect(fault?.message).to.contain("for Hash");
  });

  it("names a wrong status with the server's reason", () => {
    const bytes = response({ status: ResultStatus.OperationFailed, reason: ResultReason.InvalidField, message: "bad attribute" });
    const fault = diagnoseStep(step({ diffs: [diff("ResponseMessage/BatchItem/ResponsePayload", "ResponsePayload is missing", "missing"), STATUS_DIFF], responseBytes: bytes }));

    expect(fault?.kind).to.equal("wrong-status");
    expect(fault?.path).to.equal("ResponseMessage/BatchItem/ResultStatus");
    expect(fault?.message).to.equal('expected Success, got OperationFailed (Result Reason InvalidField): "bad attribute"');
  });

  it("names a wrong reason", () => {
    const fault = diagnoseStep(step({ diffs: [diff("ResponseMessage/BatchItem/ResultReason", "expected ItemNotFound, got InvalidField")] }));

    expect(fault).to.deep.equal({ kind: "wrong-reason", path: "ResponseMessage/BatchItem/ResultReason", message: "expected ItemNotFound, got InvalidField" });
  });

  it("names wrong content with its path", () => {
    const path = "ResponseMessage/BatchItem/ResponsePayload/Attribute[7]";
    const fault = diagnoseStep(step({ diffs: [{ ...diff(path, "Attribute is missing", "missing") }, { ...diff("ResponseMessage/ResponseHeader/TimeStamp", "old"), severity: "warn" }] }));

    expect(fault).to.deep.equal({ kind: "wrong-content", path, message: "Attribute is missing" });
  });

  it("names the attribute of a content diff", () => {
    const attribute = (name: string) => `<Attribute><AttributeName type="TextString" value="${name}"/><AttributeValue type="Integer" value="1"/></Attribute>`;
    const expectedXml = `<ResponseMessage><BatchItem><ResponsePayload>${attribute("State")}${attribute("Digest")}</ResponsePayload></BatchItem></ResponseMessage>`;
    const path = "ResponseMessage/BatchItem/ResponsePayload/Attribute[2]";

    const fault = diagnoseStep(step({ diffs: [diff(path, "Attribute is missing", "missing")], expectedXml }));

    expect(fault?.message).to.equal('Attribute is missing (Attribute Name "Digest")');
  });

  it("names an encoding violation of a judged response", () => {
    const bytes = response({ status: ResultStatus.Success });
    bytes[bytes.length - 1] = 0x7f;
    const violations: TtlvViolation[] = [{ code: "TTLV_NONZERO_PADDING", message: "padding", tag: Tag.ResultStatus, tagLabel: "ResultStatus", path: "ResponseMessage/BatchItem/ResultStatus", offset: 40, expected: "0", actual: "7f", severity: "fail" }];

    const fault = diagnoseStep(step({ violations, responseBytes: bytes }));

    expect(fault?.kind).to.equal("encoding");
    expect(fault?.path).to.equal("ResponseMessage/BatchItem/ResultStatus");
  });

  it("names an undecodable response as encoding", () => {
    const bytes = response({ status: ResultStatus.Success }).subarray(0, 30);
    const lenient = decodeLenient(bytes, { namer: tagName });
    const error = { code: lenient.violations[0].code, message: lenient.violations[0].message };

    const fault = diagnoseStep(step({ verdict: "error", error, violations: lenient.violations, responseBytes: bytes }));

    expect(fault?.kind).to.equal("encoding");
    expect(fault?.message).to.contain(error.code);
  });

  const errors: Array<[string, string]> = [
    ["TRANSPORT_CLOSED", "transport"],
    ["TRANSPORT_RESPONSE_TIMEOUT", "transport"],
    ["TRANSPORT_TLS_FAILED", "transport"],
    ["REPLAY_VECTOR_TIMEOUT", "transport"],
    ["TRANSPORT_FRAMING", "encoding"],
    ["REPLAY_NOT_RUN", "not-run"],
    ["REPLAY_UNBOUND_PLACEHOLDER", "not-run"],
    ["REPLAY_INTERRUPTED", "not-run"],
    ["TTLV_ENCODE_BAD_VALUE", "harness"],
    ["VECTOR_BAD_VALUE", "harness"],
    ["INTERNAL", "harness"],
  ];
  for (const [code, kind] of errors) {
    it(`names ${code} as ${kind}`, () => {
      const fault = diagnoseStep(step({ verdict: "error", error: { code, message: "what happened" } }));

      expect(fault?.kind).to.equal(kind);
      expect(fault?.message).to.equal(`${code}: what happened`);
    });
  }

  it("reads batch item indexes from paths", () => {
    expect(batchItemIndex("ResponseMessage/BatchItem/ResultStatus")).to.equal(0);
    expect(batchItemIndex("ResponseMessage/BatchItem[3]/ResponsePayload")).to.equal(2);
    expect(batchItemIndex("ResponseMessage/ResponseHeader/BatchCount")).to.equal(-1);
    expect(batchItemIndex("ResponseMessage/BatchItemX")).to.equal(-1);
  });
});
