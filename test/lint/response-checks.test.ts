import { expect } from "chai";
import { Operation, ResultReason, ResultStatus, Tag } from "../../src/kmip";
import { lintResponse, type LintIssue } from "../../src/lint";
import { bytes, dateTime, encode, enumeration, structure, text } from "../../src/ttlv";
import { NOW, queryItem, request, response, responseItem, version } from "./builders";

const success = (id?: string) => responseItem([
  enumeration(Tag.Operation, Operation.Query),
  ...(id === undefined ? [] : [bytes(Tag.UniqueBatchItemID, Buffer.from(id, "hex"))]),
  enumeration(Tag.ResultStatus, ResultStatus.Success),
  structure(Tag.ResponsePayload, []),
]);

function rules(issues: LintIssue[]): string[] {
  return issues.map((issue) => issue.rule);
}

describe("lint: response checks", () => {
  it("conformant responses have no findings", () => {
    expect(lintResponse(encode(response([success()])), request([queryItem()]))).to.deep.equal([]);
    expect(lintResponse(encode(response([success("01"), success("02")])), request([queryItem("01"), queryItem("02")]))).to.deep.equal([]);
  });

  it("finds a missing Time Stamp", () => {
    const issues = lintResponse(encode(response([success()], [version(1, 4)])), request([queryItem()]));

    expect(rules(issues)).to.deep.equal(["response-time-stamp"]);
    expect(issues[0].path).to.equal("ResponseMessage/ResponseHeader/TimeStamp");
  });

  it("finds a wrong Batch Count", () => {
    const issues = lintResponse(encode(response([success()], undefined, 2)), request([queryItem()]));

    expect(rules(issues)).to.deep.equal(["response-batch-count"]);
    expect(issues[0].actual).to.equal("2");
  });

  it("finds a Unique Batch Item ID not echoed", () => {
    const issues = lintResponse(encode(response([success(), success("ff")])), request([queryItem("01"), queryItem("02")]));

    expect(rules(issues)).to.deep.equal(["response-unique-batch-item-id", "response-unique-batch-item-id"]);
    expect(issues[0].path).to.equal("ResponseMessage/BatchItem[1]/UniqueBatchItemID");
    expect(issues[0].actual).to.equal("absent");
    expect(issues[1].expected).to.equal("UniqueBatchItemID = 02");
    expect(issues[1].actual).to.equal("ff");
  });

  it("finds a failure without Result Reason", () => {
    const failed = responseItem([enumeration(Tag.Operation, Operation.Query), enumeration(Tag.ResultStatus, ResultStatus.OperationFailed), text(Tag.ResultMessage, "no")]);
    const withReason = responseItem([enumeration(Tag.Operation, Operation.Query), enumeration(Tag.ResultStatus, ResultStatus.OperationFailed), enumeration(Tag.ResultReason, ResultReason.ItemNotFound)]);

    expect(rules(lintResponse(encode(response([failed])), request([queryItem()])))).to.deep.equal(["response-result-reason"]);
    expect(lintResponse(encode(response([withReason])), request([queryItem()]))).to.deep.equal([]);
  });

  it("finds a version above the request's", () => {
    const issues = lintResponse(encode(response([success()])), request([queryItem()], [], { version: version(1, 2) }));

    expect(rules(issues)).to.deep.equal(["response-protocol-version"]);
    expect(issues[0].actual).to.equal("1.4");
  });

  it("finds a Result Reason newer than the request version", () => {
    const item = responseItem([enumeration(Tag.Operation, Operation.Query), enumeration(Tag.ResultStatus, ResultStatus.OperationFailed), enumeration(Tag.ResultReason, ResultReason.EncodingOptionError)]);
    const issues = lintResponse(encode(response([item], [version(1, 0), dateTime(Tag.TimeStamp, BigInt(NOW))])), request([queryItem()], [], { version: version(1, 0) }));

    expect(rules(issues)).to.deep.equal(["response-version-gating"]);
    expect(issues[0].path).to.equal("ResponseMessage/BatchItem/ResultReason");
  });

  it("finds header fields out of order", () => {
    const issues = lintResponse(encode(response([success()], [dateTime(Tag.TimeStamp, BigInt(NOW)), version(1, 4)])), request([queryItem()]));

    expect(rules(issues)).to.deep.equal(["response-shape"]);
    expect(issues[0].path).to.equal("ResponseMessage/ResponseHeader/ProtocolVersion");
  });

  it("reports a response that is not TTLV", () => {
    const issues = lintResponse(Buffer.from([0x42, 0x00, 0x7b, 0x01, 0x00, 0x00, 0x00, 0x10]), request([queryItem()]));

    expect(issues.length).to.be.greaterThan(0);
    expect(rules(issues)).to.include("response-ttlv-encoding");
  });

  it("checks a response whose request did not decode", () => {
    expect(rules(lintResponse(encode(response([success()], undefined, 3)), undefined))).to.deep.equal(["response-batch-count"]);
  });
});
