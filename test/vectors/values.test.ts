import { expect } from "chai";
import fc from "fast-check";
import { ItemType, type TtlvNode } from "../../src/ttlv/types";
import { Tag } from "../../src/kmip";
import { findPlaceholders, formatIsoDateTime, parseIsoDateTime, parseTtlvXml, replacePlaceholders, templateToXml } from "../../src/vectors";
import type { TemplateNode } from "../../src/vectors";
import { parseXmlTree } from "../../src/vectors/xml-tree";
import { compareXmlElements } from "./xml-compare";

/** Parses one leaf element and returns its value. */
function leafValue(element: string): unknown {
  const [node] = parseTtlvXml(element);
  return node.value;
}

/** Parses an Attribute structure and returns the value of its Attribute Value. */
function attributeValue(name: string, type: string, value: string): unknown {
  const [attribute] = parseTtlvXml(`<Attribute><AttributeName type="TextString" value="${name}"/><AttributeValue type="${type}" value="${value}"/></Attribute>`);
  return (attribute.value as TemplateNode[])[1].value;
}

describe("vectors Date-Time text", function () {
  const cases: [string, bigint][] = [
    ["1970-01-01T00:00:06+00:00", 6n],
    ["2001-01-01T10:00:00+10:00", 978307200n],
    ["2008-03-14T11:56:40Z", 1205495800n],
    ["2008-03-14T11:56:40.999Z", 1205495800n],
    ["2008-03-14T06:26:40-05:30", 1205495800n],
    ["1969-12-31T23:59:59Z", -1n],
    ["2000-02-29T00:00:00Z", 951782400n],
    ["2001-01-01T24:00:00Z", 978393600n],
  ];

  for (const [text, seconds] of cases) {
    it(`parses ${text}`, function () {
      expect(parseIsoDateTime(text)).to.equal(seconds);
    });
  }

  it("rejects invalid dates", function () {
    for (const text of ["2001-02-29T00:00:00Z", "2001-13-01T00:00:00Z", "2001-01-01T10:60:00Z", "2001-01-01T10:00:00+15:00", "2001-01-01 10:00:00Z", "2001-01-01T10:00:00"]) {
      expect(parseIsoDateTime(text), text).to.have.property("invalid");
    }
  });

  it("formats UTC as the vectors do", function () {
    expect(formatIsoDateTime(6n)).to.equal("1970-01-01T00:00:06+00:00");
    expect(formatIsoDateTime(-1n)).to.equal("1969-12-31T23:59:59+00:00");
    expect(formatIsoDateTime(1402387648n)).to.equal("2014-06-10T08:07:28+00:00");
  });

  it("round-trips every 64-bit second", function () {
    const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
    fc.assert(fc.property(int64, (seconds) => parseIsoDateTime(formatIsoDateTime(seconds)) === seconds));
  });
});

describe("vectors leaf values", function () {
  it("Integer decimal and hex", function () {
    expect(leafValue('<BatchCount type="Integer" value="-2147483648"/>')).to.equal(-2147483648);
    expect(leafValue('<BatchCount type="Integer" value="0xffffffff"/>')).to.equal(-1);
    expect(leafValue('<BatchCount type="Integer" value="0x0000000A"/>')).to.equal(10);
  });

  it("usage mask names and hex", function () {
    expect(leafValue('<CryptographicUsageMask type="Integer" value="Encrypt Decrypt CertificateSign"/>')).to.equal(0x100c);
    expect(leafValue('<CryptographicUsageMask type="Integer" value="CertificateSign 0x00000004 0x0000008"/>')).to.equal(0x100c);
    expect(leafValue('<CryptographicUsageMask type="Integer" value="0x0000100c"/>')).to.equal(0x100c);
    expect(leafValue('<CryptographicUsageMask type="Integer" value="12"/>')).to.equal(12);
  });

  it("masks named by Attribute Name", function () {
    expect(attributeValue("Cryptographic Usage Mask", "Integer", "Decrypt Encrypt")).to.equal(12);
    expect(() => attributeValue("Cryptographic Length", "Integer", "Decrypt Encrypt")).to.throw(/invalid Integer/);
  });

  it("Storage Status Mask names", function () {
    expect(leafValue('<StorageStatusMask type="Integer" value="OnLineStorage ArchivalStorage"/>')).to.equal(3);
  });

  it("Enumeration by tag, attribute and hex", function () {
    expect(leafValue('<ObjectType type="Enumeration" value="SymmetricKey"/>')).to.equal(2);
    expect(leafValue('<ObjectType type="Enumeration" value="0x00000002"/>')).to.equal(2);
    expect(leafValue('<MaskGeneratorHashingAlgorithm type="Enumeration" value="SHA_256"/>')).to.equal(6);
    expect(leafValue('<OpaqueDataType type="Enumeration" value="0x80000001"/>')).to.equal(0x80000001);
    expect(attributeValue("Cryptographic Algorithm", "Enumeration", "AES")).to.equal(3);
    expect(attributeValue("State", "Enumeration", "PreActive")).to.equal(1);
  });

  it("Long Integer decimal and hex", function () {
    expect(leafValue('<UsageLimitsTotal type="LongInteger" value="1152921504606846976"/>')).to.equal(2n ** 60n);
    expect(leafValue('<UsageLimitsTotal type="LongInteger" value="0xfffffffffffffffe"/>')).to.equal(-2n);
    expect(() => leafValue('<UsageLimitsTotal type="LongInteger" value="9223372036854775808"/>')).to.throw(/signed 64-bit/);
  });

  it("Big Integer two's complement", function () {
    expect(leafValue('<TTLV tag="0x540001" type="BigInteger" value="ffffffffffffffff"/>')).to.equal(-1n);
    expect(leafValue('<TTLV tag="0x540001" type="BigInteger" value="0x0000000000000001"/>')).to.equal(1n);
    expect(leafValue('<TTLV tag="0x540001" type="BigInteger" value="00000000000000008000000000000000"/>')).to.equal(2n ** 63n);
  });

  it("Boolean lexical forms", function () {
    expect(leafValue('<BatchOrderOption type="Boolean" value="true"/>')).to.equal(true);
    expect(leafValue('<BatchOrderOption type="Boolean" value="1"/>')).to.equal(true);
    expect(leafValue('<BatchOrderOption type="Boolean" value="false"/>')).to.equal(false);
    expect(leafValue('<BatchOrderOption type="Boolean" value="0"/>')).to.equal(false);
  });

  it("Byte String any case, empty", function () {
    expect(leafValue('<Data type="ByteString" value="C50F77"/>')).to.deep.equal(Buffer.from([0xc5, 0x0f, 0x77]));
    expect(leafValue('<Data type="ByteString" value=""/>')).to.deep.equal(Buffer.alloc(0));
  });

  it("Interval decimal and hex", function () {
    expect(leafValue('<Offset type="Interval" value="27"/>')).to.equal(27);
    expect(leafValue('<Offset type="Interval" value="0x0000001b"/>')).to.equal(27);
    expect(leafValue('<Offset type="Interval" value="4294967295"/>')).to.equal(4294967295);
    expect(() => leafValue('<Offset type="Interval" value="-1"/>')).to.throw(/invalid Interval/);
  });

  it("placeholders keep their type", function () {
    const [node] = parseTtlvXml('<TimeStamp type="DateTime" value="$NOW-3600"/>');
    expect(node).to.deep.equal({ tag: Tag.TimeStamp, type: ItemType.DateTime, value: { placeholder: "$NOW-3600" } });
  });
});

describe("vectors tag forms", function () {
  it("general TTLV form by hex and name", function () {
    expect(parseTtlvXml('<TTLV tag="0x420001" name="ActivationDate" type="DateTime" value="2001-01-01T10:00:00+10:00"/>')[0]).to.deep.equal({
      tag: Tag.ActivationDate,
      type: ItemType.DateTime,
      value: 978307200n,
    });
    expect(parseTtlvXml('<TTLV tag="BatchCount" type="Integer" value="1"/>')[0].tag).to.equal(Tag.BatchCount);
  });

  it("x-prefixed hex element name", function () {
    expect(parseTtlvXml('<x540001 type="LongInteger" value="-2"/>')[0]).to.deep.equal({ tag: 0x540001, type: ItemType.LongInteger, value: -2n });
  });

  it("namespace attribute", function () {
    expect(parseTtlvXml('<BatchCount xmlns="urn:oasis:tc:kmip:xmlns" type="Integer" value="1"/>')[0].value).to.equal(1);
  });

  it("KMIP root with several messages", function () {
    const nodes = parseTtlvXml("<KMIP><RequestMessage/><ResponseMessage/></KMIP>");
    expect(nodes.map((node) => node.tag)).to.deep.equal([Tag.RequestMessage, Tag.ResponseMessage]);
  });
});

describe("vectors XML writer", function () {
  it("writes the vectors' layout", function () {
    const xml = [
      "<RequestMessage>",
      "  <BatchItem>",
      '    <Operation type="Enumeration" value="Create"/>',
      '    <UniqueBatchItemID type="ByteString" value="0a0b"/>',
      "    <RequestPayload>",
      "    </RequestPayload>",
      "  </BatchItem>",
      "</RequestMessage>",
      "",
    ].join("\n");
    expect(templateToXml(parseTtlvXml(xml)[0])).to.equal(xml);
  });

  it("indents every line", function () {
    const [node] = parseTtlvXml('<ProtocolVersion><ProtocolVersionMajor type="Integer" value="1"/></ProtocolVersion>');
    expect(templateToXml(node, "    ")).to.equal('    <ProtocolVersion>\n      <ProtocolVersionMajor type="Integer" value="1"/>\n    </ProtocolVersion>\n');
  });

  it("names masks in table order", function () {
    const [attribute] = parseTtlvXml('<Attribute><AttributeName type="TextString" value="Cryptographic Usage Mask"/><AttributeValue type="Integer" value="Decrypt Encrypt"/></Attribute>');
    expect(templateToXml(attribute)).to.include('<AttributeValue type="Integer" value="Encrypt Decrypt"/>');
  });

  it("writes unnamed mask bits in hex", function () {
    const node: TtlvNode = { tag: Tag.CryptographicUsageMask, type: ItemType.Integer, value: 0x00100004 };
    expect(templateToXml(node)).to.equal('<CryptographicUsageMask type="Integer" value="Encrypt 0x00100000"/>\n');
  });

  it("writes unknown enumerations in hex", function () {
    const node: TtlvNode = { tag: Tag.OpaqueDataType, type: ItemType.Enumeration, value: 0x80000001 };
    expect(templateToXml(node)).to.equal('<OpaqueDataType type="Enumeration" value="0x80000001"/>\n');
  });

  it("names enumerations by Attribute Name", function () {
    const [attribute] = parseTtlvXml('<Attribute><AttributeName type="TextString" value="State"/><AttributeValue type="Enumeration" value="0x00000002"/></Attribute>');
    expect(templateToXml(attribute)).to.include('<AttributeValue type="Enumeration" value="Active"/>');
  });

  it("writes extension tags in the general form", function () {
    const node: TtlvNode = { tag: 0x540001, type: ItemType.Structure, value: [{ tag: 0x54ffff, type: ItemType.LongInteger, value: -2n }] };
    expect(templateToXml(node)).to.equal('<TTLV tag="0x540001">\n  <TTLV tag="0x54ffff" type="LongInteger" value="-2"/>\n</TTLV>\n');
    expect(parseTtlvXml(templateToXml(node))[0]).to.deep.equal(node);
  });

  it("writes Big Integers sign-extended", function () {
    const node = (value: bigint): TtlvNode => ({ tag: 0x540002, type: ItemType.BigInteger, value });
    expect(templateToXml(node(-1n))).to.include('value="ffffffffffffffff"');
    expect(templateToXml(node(2n ** 64n))).to.include('value="00000000000000010000000000000000"');
    fc.assert(fc.property(fc.bigInt({ min: -(2n ** 200n), max: 2n ** 200n }), (value) => parseTtlvXml(templateToXml(node(value)))[0].value === value));
  });

  it("writes a 512 KiB Big Integer quickly", function () {
    // A response may carry a Big Integer up to the 1 MiB message limit. Sizing it 8 bytes at a time took 20 s here.
    this.timeout(2000);
    const value = BigInt(`0x7${"f".repeat(1024 * 1024 - 1)}`);

    const xml = templateToXml({ tag: 0x540002, type: ItemType.BigInteger, value });

    expect(xml).to.include(`value="7${"f".repeat(1024 * 1024 - 1)}"`);
  });

  it("escapes Text String characters", function () {
    const node: TtlvNode = { tag: Tag.ResultMessage, type: ItemType.TextString, value: 'a "b" & <c>\n\td\r' };
    expect(templateToXml(node)).to.equal('<ResultMessage type="TextString" value="a &quot;b&quot; &amp; &lt;c&gt;&#10;&#9;d&#13;"/>\n');
    expect(parseTtlvXml(templateToXml(node))[0]).to.deep.equal(node);
  });

  it("writes control characters as references", function () {
    const node: TtlvNode = { tag: Tag.ResultMessage, type: ItemType.TextString, value: "a\u001b[2J\u0000\u007f" };

    expect(templateToXml(node)).to.equal('<ResultMessage type="TextString" value="a&#x1b;[2J&#x0;&#x7f;"/>\n');
  });

  it("round-trips any Text String", function () {
    fc.assert(fc.property(fc.string({ unit: "grapheme" }), (text) => {
      // XML 1.0 cannot carry most control characters, even as character references.
      const value = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "");
      if (value.startsWith("$")) {
        return true;
      }
      const node: TtlvNode = { tag: Tag.ResultMessage, type: ItemType.TextString, value };
      return parseTtlvXml(templateToXml(node))[0].value === value;
    }));
  });

  it("writes placeholders back", function () {
    const xml = '<TimeStamp type="DateTime" value="$NOW+3600"/>\n';
    expect(templateToXml(parseTtlvXml(xml)[0])).to.equal(xml);
  });
});

describe("vectors placeholders", function () {
  const xml = `<ResponseMessage>
  <BatchItem><ResponsePayload><UniqueIdentifier type="TextString" value="$UNIQUE_IDENTIFIER_0"/></ResponsePayload></BatchItem>
  <BatchItem><ResponsePayload><UniqueIdentifier type="TextString" value="$UNIQUE_IDENTIFIER_1"/></ResponsePayload></BatchItem>
</ResponseMessage>`;

  it("findPlaceholders lists paths", function () {
    const found = findPlaceholders(parseTtlvXml(xml)[0]);
    expect(found.map((item) => [item.node.value.placeholder, item.path])).to.deep.equal([
      ["$UNIQUE_IDENTIFIER_0", "ResponseMessage/BatchItem[1]/ResponsePayload/UniqueIdentifier"],
      ["$UNIQUE_IDENTIFIER_1", "ResponseMessage/BatchItem[2]/ResponsePayload/UniqueIdentifier"],
    ]);
  });

  it("replacePlaceholders substitutes values", function () {
    const bound = replacePlaceholders(parseTtlvXml(xml)[0], (node) => ({ tag: node.tag, type: ItemType.TextString, value: node.value.placeholder.slice(-1) }));
    expect(findPlaceholders(bound)).to.deep.equal([]);
    expect(templateToXml(bound)).to.include('<UniqueIdentifier type="TextString" value="1"/>');
  });
});

describe("vectors XML comparison helper", function () {
  const base = '<Attribute><AttributeName type="TextString" value="Cryptographic Usage Mask"/><AttributeValue type="Integer" value="Decrypt Encrypt"/></Attribute>';

  function differences(actual: string, placeholders = false): string[] {
    return compareXmlElements(parseXmlTree(base, "expected"), parseXmlTree(actual, "actual"), { placeholdersMatchAnything: placeholders });
  }

  it("accepts reordered mask names", function () {
    expect(differences(base.replace("Decrypt Encrypt", "Encrypt Decrypt"))).to.deep.equal([]);
  });

  it("reports a changed value", function () {
    expect(differences(base.replace("Decrypt Encrypt", "Encrypt"))).to.have.length(1);
  });

  it("reports a changed type", function () {
    expect(differences(base.replace('type="Integer"', 'type="LongInteger"'))).to.have.length(1);
  });

  it("reports a changed element", function () {
    expect(differences(base.replace(/AttributeName/g, "UniqueIdentifier"))).to.have.length(1);
  });

  it("reports a missing child", function () {
    expect(differences('<Attribute><AttributeName type="TextString" value="Cryptographic Usage Mask"/></Attribute>')).to.have.length(1);
  });
});
