import { expect } from "chai";
import fc from "fast-check";
import { ItemType, type TtlvNode } from "../../src/ttlv/types";
import { Tag } from "../../src/kmip";
import { VectorError, parseTtlvJson, parseTtlvXml, templateToJson } from "../../src/vectors";

function item(json: unknown): unknown {
  return parseTtlvJson(JSON.stringify(json))[0].value;
}

function jsonError(json: string): VectorError {
  try {
    parseTtlvJson(json, "input.json");
  } catch (error) {
    expect(error).to.be.instanceOf(VectorError);
    return error as VectorError;
  }
  throw new Error("expected a VectorError, but nothing was thrown");
}

describe("vectors JSON values", function () {
  it("Integer number and hex", function () {
    expect(item({ tag: "BatchCount", type: "Integer", value: 10 })).to.equal(10);
    expect(item({ tag: "BatchCount", type: "Integer", value: "0x0000000A" })).to.equal(10);
  });

  it("masks with | separators", function () {
    expect(item({ tag: "CryptographicUsageMask", type: "Integer", value: "Encrypt|Decrypt|CertificateSign" })).to.equal(0x100c);
    expect(item({ tag: "CryptographicUsageMask", type: "Integer", value: "CertificateSign|0x00000004|0x0000008" })).to.equal(0x100c);
    expect(item({ tag: "CryptographicUsageMask", type: "Integer", value: "0x0000100c" })).to.equal(0x100c);
  });

  it("Long Integer number and hex", function () {
    expect(item({ tag: "0x540001", type: "LongInteger", value: -2 })).to.equal(-2n);
    expect(item({ tag: "0x540001", type: "LongInteger", value: "0xfffffffffffffffe" })).to.equal(-2n);
    expect(item({ tag: "UsageLimitsTotal", type: "LongInteger", value: "0x1000000000000000" })).to.equal(2n ** 60n);
  });

  it("Big Integer number and hex", function () {
    expect(item({ tag: "0x540002", type: "BigInteger", value: 0 })).to.equal(0n);
    expect(item({ tag: "0x540002", type: "BigInteger", value: "0x0000000000000000" })).to.equal(0n);
  });

  it("Enumeration number, hex and name", function () {
    expect(item({ tag: "0x420057", type: "Enumeration", value: 2 })).to.equal(2);
    expect(item({ tag: "ObjectType", type: "Enumeration", value: "0x00000002" })).to.equal(2);
    expect(item({ tag: "ObjectType", type: "Enumeration", value: "SymmetricKey" })).to.equal(2);
  });

  it("Boolean literal and hex", function () {
    expect(item({ tag: "BatchOrderOption", type: "Boolean", value: true })).to.equal(true);
    expect(item({ tag: "BatchOrderOption", type: "Boolean", value: "0x0000000000000001" })).to.equal(true);
    expect(item({ tag: "BatchOrderOption", type: "Boolean", value: "0x0000000000000000" })).to.equal(false);
  });

  it("Date-Time ISO and hex", function () {
    expect(item({ tag: "ArchiveDate", type: "DateTime", value: "0x000000003a505520" })).to.equal(0x3a505520n);
    expect(item({ tag: "ArchiveDate", type: "DateTime", value: "2001-01-01T10:00:00+10:00" })).to.equal(978307200n);
  });

  it("Interval, Text and Byte String", function () {
    expect(item({ tag: "Offset", type: "Interval", value: 27 })).to.equal(27);
    expect(item({ tag: "Offset", type: "Interval", value: "0x0000001b" })).to.equal(27);
    expect(item({ tag: "AttributeName", type: "TextString", value: "Cryptographic Algorithm" })).to.equal("Cryptographic Algorithm");
    expect(item({ tag: "MACSignature", type: "ByteString", value: "C50F77" })).to.deep.equal(Buffer.from("c50f77", "hex"));
  });

  it("structures with and without type", function () {
    const withType = { tag: "ProtocolVersion", type: "Structure", value: [{ tag: "ProtocolVersionMajor", type: "Integer", value: 1 }] };
    const withoutType = { tag: "ProtocolVersion", value: [{ tag: "ProtocolVersionMajor", type: "Integer", value: 1 }] };
    expect(parseTtlvJson(JSON.stringify(withType))).to.deep.equal(parseTtlvJson(JSON.stringify(withoutType)));
    expect(item({ tag: "PrivateKeyTemplateAttribute", type: "Structure", value: null })).to.deep.equal([]);
  });

  it("attribute enumerations and placeholders", function () {
    const attribute = parseTtlvJson(
      JSON.stringify({
        tag: "Attribute",
        value: [
          { tag: "AttributeName", type: "TextString", value: "Cryptographic Algorithm" },
          { tag: "AttributeValue", type: "Enumeration", value: "AES" },
        ],
      }),
    )[0];
    expect(attribute.value).to.deep.equal([
      { tag: Tag.AttributeName, type: ItemType.TextString, value: "Cryptographic Algorithm" },
      { tag: Tag.AttributeValue, type: ItemType.Enumeration, value: 3 },
    ]);
    expect(item({ tag: "TimeStamp", type: "DateTime", value: "$NOW-3600" })).to.deep.equal({ placeholder: "$NOW-3600" });
  });

  it("an array of messages", function () {
    const nodes = parseTtlvJson('[{"tag":"RequestMessage","value":[]},{"tag":"ResponseMessage","value":null}]');
    expect(nodes.map((node) => node.tag)).to.deep.equal([Tag.RequestMessage, Tag.ResponseMessage]);
  });
});

describe("vectors JSON writer", function () {
  it("writes the encodings document's forms", function () {
    const [attribute] = parseTtlvXml('<Attribute><AttributeName type="TextString" value="Cryptographic Usage Mask"/><AttributeValue type="Integer" value="Decrypt Encrypt"/></Attribute>');
    expect(templateToJson(attribute)).to.deep.equal({
      tag: "Attribute",
      value: [
        { tag: "AttributeName", type: "TextString", value: "Cryptographic Usage Mask" },
        { tag: "AttributeValue", type: "Integer", value: "Encrypt|Decrypt" },
      ],
    });
  });

  it("writes large Long Integers in hex", function () {
    const node = (value: bigint): TtlvNode => ({ tag: 0x540001, type: ItemType.LongInteger, value });
    expect(templateToJson(node(-2n)).value).to.equal(-2);
    expect(templateToJson(node(-(2n ** 63n))).value).to.equal("0x8000000000000000");
    fc.assert(fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (value) => parseTtlvJson(JSON.stringify(templateToJson(node(value))))[0].value === value));
  });

  it("writes extension tags in hex", function () {
    const node: TtlvNode = { tag: 0x54ffff, type: ItemType.BigInteger, value: -1n };
    expect(templateToJson(node)).to.deep.equal({ tag: "0x54FFFF", type: "BigInteger", value: "0xffffffffffffffff" });
  });
});

describe("vectors JSON errors", function () {
  it("malformed JSON", function () {
    const error = jsonError('{"tag": "BatchCount", ');
    expect(error.code).to.equal("VECTOR_JSON_MALFORMED");
    expect(error.message).to.match(/^input\.json: malformed JSON/);
  });

  it("deep nesting", function () {
    const nested = (depth: number) => '{"tag":"RequestHeader","value":['.repeat(depth) + "]}".repeat(depth);
    const error = jsonError(nested(100_000));

    expect(error.code).to.equal("VECTOR_TOO_DEEP");
    expect(parseTtlvJson(nested(64))).to.have.length(1);
  });

  it("unknown tag with path", function () {
    const error = jsonError('{"tag":"RequestMessage","value":[{"tag":"BatchItem","value":[]},{"tag":"BatchItem","value":[{"tag":"Frobnicate","type":"Integer","value":1}]}]}');
    expect(error.code).to.equal("VECTOR_UNKNOWN_ELEMENT");
    expect(error.context.path).to.equal("RequestMessage/BatchItem[2]");
    expect(error.context.value).to.equal('"Frobnicate"');
  });

  it("bad enumeration name with path", function () {
    const error = jsonError('{"tag":"RequestMessage","value":[{"tag":"BatchItem","value":[{"tag":"Operation","type":"Enumeration","value":"Creat"}]}]}');
    expect(error.code).to.equal("VECTOR_BAD_ENUMERATION");
    expect(error.context.path).to.equal("RequestMessage/BatchItem/Operation");
  });

  it("wrong JSON type for a value", function () {
    expect(jsonError('{"tag":"ResultMessage","type":"TextString","value":5}').code).to.equal("VECTOR_BAD_VALUE");
    expect(jsonError('{"tag":"BatchCount","type":"Integer","value":1.5}').code).to.equal("VECTOR_BAD_VALUE");
    expect(jsonError('{"tag":"BatchCount","type":"Integer","value":2147483648}').code).to.equal("VECTOR_BAD_VALUE");
    expect(jsonError('{"tag":"ObjectType","type":"Enumeration","value":-1}').code).to.equal("VECTOR_BAD_VALUE");
    expect(jsonError('{"tag":"BatchOrderOption","type":"Boolean","value":"0x0000000000000002"}').code).to.equal("VECTOR_BAD_VALUE");
    expect(jsonError('{"tag":"ProtocolVersion","value":"1"}').code).to.equal("VECTOR_BAD_VALUE");
  });

  it("unknown type and property", function () {
    expect(jsonError('{"tag":"BatchCount","type":"Int","value":1}').code).to.equal("VECTOR_BAD_TYPE");
    expect(jsonError('{"tag":"BatchCount","type":"Integer","valeu":1}').code).to.equal("VECTOR_BAD_ATTRIBUTE");
    expect(jsonError("[1]").code).to.equal("VECTOR_BAD_VALUE");
  });
});
