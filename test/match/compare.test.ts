import { expect } from "chai";
import { matchMessage } from "../../src/match";
import { actual, freshState, isoAt, response, template } from "./helpers";

const CREATE_OK = `<Operation type="Enumeration" value="Create"/><ResultStatus type="Enumeration" value="Success"/>`;

function payload(fields: string): string {
  return `${CREATE_OK}<ResponsePayload>${fields}</ResponsePayload>`;
}

describe("matchMessage structure", () => {
  it("passes identical messages", () => {
    const xml = response(payload(`<ObjectType type="Enumeration" value="SymmetricKey"/>`), isoAt(0));
    const result = matchMessage(template(xml), actual(xml), freshState());

    expect(result.diffs).to.deep.equal([]);
  });

  it("names the path of a value mismatch", () => {
    const expected = template(response(payload(`<ObjectType type="Enumeration" value="SymmetricKey"/>`)));
    const got = actual(response(payload(`<ObjectType type="Enumeration" value="SecretData"/>`), isoAt(0)));
    const { diffs } = matchMessage(expected, got, freshState());

    expect(diffs).to.have.length(1);
    expect(diffs[0].path).to.equal("ResponseMessage/BatchItem/ResponsePayload/ObjectType");
    expect(diffs[0].kind).to.equal("value");
    expect(diffs[0].expected).to.equal("SymmetricKey");
    expect(diffs[0].actual).to.equal("SecretData");
  });

  it("indexes same-tag siblings from 1", () => {
    const attribute = (value: string) => `<Attribute><AttributeName type="TextString" value="Object Type"/><AttributeValue type="Enumeration" value="${value}"/></Attribute>`;
    const expected = template(response(payload(attribute("SymmetricKey") + attribute("SymmetricKey") + attribute("SymmetricKey"))));
    const got = actual(response(payload(attribute("SymmetricKey") + attribute("SymmetricKey") + attribute("PrivateKey")), isoAt(0)));
    const { diffs } = matchMessage(expected, got, freshState());

    expect(diffs.map((diff) => diff.path)).to.deep.equal(["ResponseMessage/BatchItem/ResponsePayload/Attribute[3]/AttributeValue"]);
    expect(diffs[0].expected).to.equal("SymmetricKey");
    expect(diffs[0].actual).to.equal("PrivateKey");
  });

  it("reports missing and unexpected items", () => {
    const expected = template(response(payload(`<ObjectType type="Enumeration" value="SymmetricKey"/>`)));
    const got = actual(response(payload(`<UniqueIdentifier type="TextString" value="7"/>`), isoAt(0)));
    const { diffs } = matchMessage(expected, got, freshState());

    const kinds = diffs.map((diff) => `${diff.kind} ${diff.path}`);
    expect(kinds).to.deep.equal([
      "missing ResponseMessage/BatchItem/ResponsePayload/ObjectType",
      "unexpected ResponseMessage/BatchItem/ResponsePayload/UniqueIdentifier",
    ]);
    expect(diffs[1].actual).to.equal("TextString 7");
  });

  it("reports a type mismatch", () => {
    const expected = template(response(payload(`<CryptographicLength type="Integer" value="256"/>`)));
    const got = actual(response(payload(`<CryptographicLength type="LongInteger" value="256"/>`), isoAt(0)));
    const { diffs } = matchMessage(expected, got, freshState());

    expect(diffs).to.have.length(1);
    expect(diffs[0]).to.include({ kind: "type", expected: "Integer", actual: "LongInteger" });
  });

  it("reports fields out of order", () => {
    const fields = [`<ObjectType type="Enumeration" value="SymmetricKey"/>`, `<UniqueIdentifier type="TextString" value="7"/>`];
    const expected = template(response(payload(fields.join(""))));
    const got = actual(response(payload([...fields].reverse().join("")), isoAt(0)));
    const { diffs } = matchMessage(expected, got, freshState());

    expect(diffs).to.have.length(1);
    expect(diffs[0]).to.include({ kind: "order", path: "ResponseMessage/BatchItem/ResponsePayload", expected: "ObjectType, UniqueIdentifier", actual: "UniqueIdentifier, ObjectType" });
  });

  it("shows byte strings in hex", () => {
    const expected = template(response(payload(`<Data type="ByteString" value="0102"/>`)));
    const got = actual(response(payload(`<Data type="ByteString" value="0103"/>`), isoAt(0)));
    const { diffs } = matchMessage(expected, got, freshState());

    expect(diffs[0]).to.include({ path: "ResponseMessage/BatchItem/ResponsePayload/Data", expected: "0102", actual: "0103" });
  });

  it("compares the header outside rules literally", () => {
    const expected = template(response(payload("")));
    const got = actual(response(payload(""), isoAt(0)).replace(`ProtocolVersionMinor type="Integer" value="4"`, `ProtocolVersionMinor type="Integer" value="3"`));
    const { diffs } = matchMessage(expected, got, freshState());

    expect(diffs.map((diff) => diff.path)).to.deep.equal(["ResponseMessage/ResponseHeader/ProtocolVersion/ProtocolVersionMinor"]);
  });
});
