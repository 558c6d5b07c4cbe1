import { expect } from "chai";
import { matchMessage } from "../../src/match";
import { actual, attributeXml, call, freshState, isoAt, request, response, rulesOf, success, template, uid } from "./helpers";

const failure = (operation: string, reason: string) => `<Operation type="Enumeration" value="${operation}"/><ResultStatus type="Enumeration" value="OperationFailed"/><ResultReason type="Enumeration" value="${reason}"/>`;

function failed(operation: string, expectedReason: string, actualReason: string) {
  const state = freshState({ request: request(call(operation, uid("k1"))) });
  return matchMessage(template(response(failure(operation, expectedReason))), actual(response(failure(operation, actualReason), isoAt(0))), state);
}

describe("rule error-oracle", () => {
  it("records the section 11 row of a matching reason", () => {
    const result = failed("Destroy", "PermissionDenied", "PermissionDenied");

    expect(result.diffs).to.deep.equal([]);
    expect(result.rulesApplied.find((applied) => applied.rule === "error-oracle")?.note).to.contain("§11.22");
  });

  it("fails a wrong Result Reason", () => {
    const result = failed("Destroy", "PermissionDenied", "ItemNotFound");

    expect(result.diffs).to.have.length(1);
    expect(result.diffs[0]).to.include({ rule: "error-oracle", path: "ResponseMessage/BatchItem/ResultReason", expected: "PermissionDenied", actual: "ItemNotFound" });
    expect(result.diffs[0].message).to.contain("§11.22");
  });

  it("fails a reason no table lists", () => {
    const result = failed("Sign", "PermissionDenied", "IndexOutOfBounds");

    expect(result.diffs[0].message).to.contain("§11 does not list IndexOutOfBounds for Sign");
  });

  it("accepts and records a spec alternative", () => {
    const result = failed("Decrypt", "InvalidMessage", "MissingData");

    expect(result.diffs).to.deep.equal([]);
    const note = result.rulesApplied.find((applied) => applied.rule === "error-oracle")?.note;
    expect(note).to.contain("accepted MissingData in place of InvalidMessage");
  });

  it("warns about a vector reason outside section 11", () => {
    const result = failed("RNGRetrieve", "IndexOutOfBounds", "IndexOutOfBounds");

    expect(result.diffs).to.have.length(1);
    expect(result.diffs[0]).to.include({ rule: "error-oracle", severity: "warn" });
  });

  it("leaves successful items alone", () => {
    const state = freshState({ request: request(call("Destroy", uid("k1"))) });
    const result = matchMessage(template(response(success("Destroy", uid("k1")))), actual(response(success("Destroy", uid("k1")), isoAt(0))), state);

    expect(rulesOf(result)).to.not.include("error-oracle");
  });
});

describe("rule version-gating", () => {
  function answer(minor: number, batchItemXml: string) {
    const state = freshState({ request: request(call("Destroy", uid("k1")), minor) });
    return matchMessage(template(response(batchItemXml)), actual(response(batchItemXml, isoAt(0))), state);
  }

  it("passes a KMIP 1.4 response to a 1.4 request", () => {
    const result = answer(4, failure("Destroy", "PermissionDenied"));

    expect(result.diffs).to.deep.equal([]);
    expect(rulesOf(result)).to.include("version-gating");
  });

  it("fails a KMIP 2.0 Result Reason", () => {
    const batchItem = failure("Destroy", "PermissionDenied").replace('value="PermissionDenied"', 'value="0x00000029"');
    const result = answer(4, batchItem);
    const gated = result.diffs.filter((diff) => diff.rule === "version-gating");

    expect(gated).to.have.length(1);
    expect(gated[0]).to.include({ path: "ResponseMessage/BatchItem/ResultReason", actual: "0x00000029" });
  });

  it("fails a 1.4 Result Reason in a 1.0 exchange", () => {
    const result = answer(0, failure("Destroy", "ObjectAlreadyExists"));

    expect(result.diffs.filter((diff) => diff.rule === "version-gating")[0].message).to.contain("defined since KMIP 1.4");
  });

  it("fails a 1.2 field in a 1.1 exchange", () => {
    const result = answer(1, success("Destroy", uid("k1") + `<Data type="ByteString" value="00"/>`));

    expect(result.diffs.filter((diff) => diff.rule === "version-gating").map((diff) => diff.path)).to.deep.equal(["ResponseMessage/BatchItem/ResponsePayload/Data"]);
  });

  it("fails an attribute newer than the request", () => {
    const attribute = attributeXml("Original Creation Date", `<AttributeValue type="DateTime" value="${isoAt(0)}"/>`);
    const result = answer(1, success("GetAttributes", uid("k1") + attribute));

    expect(result.diffs.filter((diff) => diff.rule === "version-gating")[0].message).to.contain("Original Creation Date");
  });
});
