import { expect } from "chai";
import { matchMessage } from "../../src/match";
import { actual, attributeXml, call, freshState, isoAt, request, response, rulesOf, success, template, uid } from "./helpers";

const text = (name: string, value: string) => attributeXml(name, `<AttributeValue type="TextString" value="${value}"/>`);
const integer = (name: string, value: number) => attributeXml(name, `<AttributeValue type="Integer" value="${value}"/>`);
const names = (...list: string[]) => list.map((name) => `<AttributeName type="TextString" value="${name}"/>`).join("");

function getAttributes(expectedAttributes: string, actualAttributes: string, requested: string[] = []) {
  const state = freshState({ request: request(call("GetAttributes", uid("k1") + names(...requested))) });
  return matchMessage(template(response(success("GetAttributes", uid("k1") + expectedAttributes))), actual(response(success("GetAttributes", uid("k1") + actualAttributes), isoAt(0))), state);
}

describe("rule attribute-by-name", () => {
  it("pairs reordered attributes by name", () => {
    const result = getAttributes(text("x-ID", "a") + integer("Cryptographic Length", 128), integer("Cryptographic Length", 128) + text("x-ID", "a"));

    expect(result.diffs).to.deep.equal([]);
    expect(rulesOf(result)).to.include("attribute-by-name");
  });

  it("fails a missing expected attribute", () => {
    const result = getAttributes(text("x-ID", "a") + integer("Cryptographic Length", 128), integer("Cryptographic Length", 128) + text("x-Other", "a"));

    expect(result.diffs.map((diff) => diff.kind)).to.include("missing");
    expect(result.diffs.find((diff) => diff.kind === "missing")?.expected).to.contain("structure");
  });

  it("fails a changed value of a paired attribute", () => {
    const result = getAttributes(text("x-ID", "a") + integer("Cryptographic Length", 128), integer("Cryptographic Length", 256) + text("x-ID", "a"));

    expect(result.diffs).to.have.length(1);
    expect(result.diffs[0]).to.include({ kind: "value", path: "ResponseMessage/BatchItem/ResponsePayload/Attribute[1]/AttributeValue", expected: "128", actual: "256" });
  });

  it("pairs by Attribute Index", () => {
    const indexed = (index: number, value: string) => `<Attribute><AttributeName type="TextString" value="Name"/><AttributeIndex type="Integer" value="${index}"/><AttributeValue><NameValue type="TextString" value="${value}"/><NameType type="Enumeration" value="UninterpretedTextString"/></AttributeValue></Attribute>`;
    const result = getAttributes(indexed(0, "a") + indexed(1, "b"), indexed(1, "b") + indexed(0, "a"));

    expect(result.diffs).to.deep.equal([]);
  });
});

describe("rule extra-attributes", () => {
  it("accepts extra and vendor attributes when all were requested", () => {
    const result = getAttributes(text("x-ID", "a"), text("x-ID", "a") + text("y-ServerTag", "z") + integer("Cryptographic Length", 128));

    expect(result.diffs).to.deep.equal([]);
    expect(rulesOf(result).filter((rule) => rule === "extra-attributes")).to.have.length(2);
    expect(result.rulesApplied.map((applied) => applied.note).join()).to.contain("vendor attribute y-ServerTag");
  });

  it("accepts a requested attribute the vector lacks", () => {
    const result = getAttributes(text("x-ID", "a"), text("x-ID", "a") + integer("Cryptographic Length", 128), ["x-ID", "Cryptographic Length"]);

    expect(result.diffs).to.deep.equal([]);
    expect(rulesOf(result)).to.include("extra-attributes");
  });

  it("fails an attribute the request did not name", () => {
    const result = getAttributes(text("x-ID", "a"), text("x-ID", "a") + integer("Cryptographic Length", 128), ["x-ID"]);

    expect(result.diffs).to.have.length(1);
    expect(result.diffs[0]).to.include({ rule: "extra-attributes", kind: "unexpected", actual: "Cryptographic Length" });
  });

  it("fails a repeated name and index", () => {
    for (const requested of [[], ["Cryptographic Length"]]) {
      const result = getAttributes(integer("Cryptographic Length", 256), integer("Cryptographic Length", 256) + integer("Cryptographic Length", 128), requested);

      expect(result.diffs, requested.join()).to.have.length(1);
      expect(result.diffs[0]).to.include({ rule: "extra-attributes", kind: "unexpected", path: "ResponseMessage/BatchItem/ResponsePayload/Attribute[2]" });
    }
  });

  it("does not apply outside Get Attributes", () => {
    const state = freshState({ request: request(call("AddAttribute", uid("k1") + text("x-ID", "a"))) });
    const result = matchMessage(template(response(success("AddAttribute", uid("k1") + text("x-ID", "a")))), actual(response(success("AddAttribute", uid("k1") + text("x-ID", "a") + text("x-B", "b")), isoAt(0))), state);

    expect(result.diffs.map((diff) => diff.kind)).to.deep.equal(["unexpected"]);
    expect(result.diffs[0].rule).to.equal(undefined);
  });
});

describe("rule attribute-list-set", () => {
  function getAttributeList(expectedNames: string[], actualNames: string[]) {
    const state = freshState({ request: request(call("GetAttributeList", uid("k1"))) });
    return matchMessage(template(response(success("GetAttributeList", uid("k1") + names(...expectedNames)))), actual(response(success("GetAttributeList", uid("k1") + names(...actualNames)), isoAt(0))), state);
  }

  it("ignores order and accepts extra names", () => {
    const result = getAttributeList(["x-ID", "State"], ["State", "Digest", "x-ID", "y-Vendor"]);

    expect(result.diffs).to.deep.equal([]);
    expect(rulesOf(result)).to.include.members(["attribute-list-set", "extra-attributes"]);
  });

  it("fails a missing name", () => {
    const result = getAttributeList(["x-ID", "State"], ["State", "Digest"]);

    expect(result.diffs).to.have.length(1);
    expect(result.diffs[0]).to.include({ kind: "missing" });
    expect(result.diffs[0].expected).to.contain("x-ID");
  });
});
