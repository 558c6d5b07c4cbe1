import { expect } from "chai";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ItemType } from "../../src/ttlv/types";
import { Tag } from "../../src/kmip";
import { VectorError, loadVectorFile, parseTtlvXml, parseVectorXml, toTtlv, findVectorFiles } from "../../src/vectors";

const FILE = "sample.xml";

const REQUEST = `  <RequestMessage>
    <RequestHeader>
      <ProtocolVersion>
        <ProtocolVersionMajor type="Integer" value="1"/>
        <ProtocolVersionMinor type="Integer" value="4"/>
      </ProtocolVersion>
      <BatchCount type="Integer" value="1"/>
    </RequestHeader>
  </RequestMessage>`;

const RESPONSE = `  <ResponseMessage>
    <ResponseHeader>
      <TimeStamp type="DateTime" value="$NOW"/>
      <BatchCount type="Integer" value="1"/>
    </ResponseHeader>
  </ResponseMessage>`;

/** Wraps message elements in a <KMIP> root; the first message starts on line 2. */
function vector(...messages: string[]): string {
  return `<KMIP>\n${messages.join("\n")}\n</KMIP>\n`;
}

/** Wraps one leaf element in a request so that it sits on line 3 at KMIP/RequestMessage/RequestHeader/<name>. */
function leafVector(leaf: string): string {
  const request = `  <RequestMessage>\n    <RequestHeader>\n      ${leaf}\n    </RequestHeader>\n  </RequestMessage>`;
  return vector(request, RESPONSE);
}

function catchVectorError(action: () => unknown): VectorError {
  try {
    action();
  } catch (error) {
    expect(error).to.be.instanceOf(VectorError);
    return error as VectorError;
  }
  throw new Error("expected a VectorError, but nothing was thrown");
}

function parseError(xml: string): VectorError {
  return catchVectorError(() => parseVectorXml(xml, FILE));
}

describe("vectors XML errors", function () {
  it("unknown enumeration name", function () {
    const error = parseError(leafVector('<Operation type="Enumeration" value="Creat"/>'));

    expect(error.code).to.equal("VECTOR_BAD_ENUMERATION");
    expect(error.context.line).to.equal(4);
    expect(error.context.path).to.equal("KMIP/RequestMessage/RequestHeader/Operation");
    expect(error.context.value).to.equal("Creat");
    expect(error.message).to.match(/^sample\.xml:4: /);
    expect(error.message).to.include("Creat");
    expect(error.message).to.include("Create");
  });

  it("enumeration name without enumeration", function () {
    const error = parseError(leafVector('<Attribute><AttributeName type="TextString" value="x-custom"/><AttributeValue type="Enumeration" value="AES"/></Attribute>'));

    expect(error.code).to.equal("VECTOR_BAD_ENUMERATION");
    expect(error.context.path).to.equal("KMIP/RequestMessage/RequestHeader/Attribute/AttributeValue");
    expect(error.context.expected).to.include("hex");
  });

  it("bad hex digit in Byte String", function () {
    const error = parseError(leafVector('<UniqueBatchItemID type="ByteString" value="0g12"/>'));

    expect(error.code).to.equal("VECTOR_BAD_HEX");
    expect(error.context.line).to.equal(4);
    expect(error.context.value).to.equal("0g12");
    expect(error.message).to.include('"g" at position 1');
  });

  it("odd hex length in Byte String", function () {
    const error = parseError(leafVector('<UniqueBatchItemID type="ByteString" value="abc"/>'));

    expect(error.code).to.equal("VECTOR_BAD_HEX");
    expect(error.message).to.include("odd number of hex digits");
  });

  it("Big Integer without sign extension", function () {
    const error = parseError(leafVector('<X type="BigInteger" value="00ff"/>'.replace("X", "TTLV tag=\"0x540001\"")));

    expect(error.code).to.equal("VECTOR_BAD_HEX");
    expect(error.context.expected).to.equal("a multiple of 16 hex digits");
  });

  it("unknown element", function () {
    const error = parseError(leafVector('<Frobnicate type="Integer" value="1"/>'));

    expect(error.code).to.equal("VECTOR_UNKNOWN_ELEMENT");
    expect(error.context.line).to.equal(4);
    expect(error.context.path).to.equal("KMIP/RequestMessage/RequestHeader/Frobnicate");
    expect(error.message).to.include("<Frobnicate>");
  });

  it("hex tag outside 0x42 and 0x54", function () {
    const error = parseError(leafVector('<TTLV tag="0x430001" type="Integer" value="1"/>'));

    expect(error.code).to.equal("VECTOR_UNKNOWN_ELEMENT");
    expect(error.context.value).to.equal("0x430001");
  });

  it("request without response", function () {
    const error = parseError(vector(REQUEST, RESPONSE, REQUEST));

    expect(error.code).to.equal("VECTOR_MESSAGE_ORDER");
    expect(error.context.line).to.equal(17);
    expect(error.context.path).to.equal("KMIP/RequestMessage[2]");
    expect(error.message).to.match(/^sample\.xml:17: /);
  });

  it("two requests in a row", function () {
    const error = parseError(vector(REQUEST, REQUEST, RESPONSE));

    expect(error.code).to.equal("VECTOR_MESSAGE_ORDER");
    expect(error.context.line).to.equal(11);
    expect(error.message).to.include("line 2");
  });

  it("response first", function () {
    const error = parseError(vector(RESPONSE, REQUEST));

    expect(error.code).to.equal("VECTOR_MESSAGE_ORDER");
    expect(error.context.line).to.equal(2);
    expect(error.context.value).to.equal("ResponseMessage");
  });

  it("empty KMIP root", function () {
    expect(parseError("<KMIP>\n<!-- nothing -->\n</KMIP>").code).to.equal("VECTOR_MESSAGE_ORDER");
  });

  it("malformed XML", function () {
    const error = parseError("<KMIP>\n  <RequestMessage>\n    <RequestHeader>\n  </RequestMessage>\n</KMIP>\n");

    expect(error.code).to.equal("VECTOR_XML_MALFORMED");
    expect(error.context.line).to.equal(4);
    expect(error.message).to.match(/^sample\.xml:4: malformed XML/);
  });

  it("unescaped ampersand", function () {
    const error = parseError(leafVector('<ResultMessage type="TextString" value="a & b"/>'));

    // NOTE: saxes 6.0 reads the rest of the document as an entity name after a bare "&" in an
    // attribute, so it reports the error at the end of the document instead of on line 4.
    expect(error.code).to.equal("VECTOR_XML_MALFORMED");
  });

  it("wrong root element", function () {
    const error = parseError(`<Vectors>\n${REQUEST}\n</Vectors>`);

    expect(error.code).to.equal("VECTOR_BAD_ROOT");
    expect(error.context.value).to.equal("Vectors");
  });

  it("text content between elements", function () {
    const error = parseError(leafVector('<BatchCount type="Integer">1</BatchCount>'));

    expect(error.code).to.equal("VECTOR_XML_MALFORMED");
    expect(error.context.value).to.equal("1");
    expect(error.context.line).to.equal(4);
  });

  it("unknown type", function () {
    const error = parseError(leafVector('<BatchCount type="Int" value="1"/>'));

    expect(error.code).to.equal("VECTOR_BAD_TYPE");
    expect(error.context.value).to.equal("Int");
    expect(error.context.expected).to.include("Integer");
  });

  it("unknown attribute", function () {
    const error = parseError(leafVector('<BatchCount type="Integer" value="1" valeu="2"/>'));

    expect(error.code).to.equal("VECTOR_BAD_ATTRIBUTE");
    expect(error.context.value).to.equal('valeu="2"');
  });

  it("leaf without value", function () {
    const error = parseError(leafVector('<BatchCount type="Integer"/>'));

    expect(error.code).to.equal("VECTOR_BAD_VALUE");
    expect(error.context.expected).to.equal('value="..."');
  });

  it("structure with value", function () {
    const error = parseError(leafVector('<ProtocolVersion value="1"/>'));

    expect(error.code).to.equal("VECTOR_BAD_VALUE");
    expect(error.context.path).to.equal("KMIP/RequestMessage/RequestHeader/ProtocolVersion");
  });

  it("leaf with children", function () {
    const error = parseError(leafVector('<BatchCount type="Integer" value="1"><BatchCount type="Integer" value="1"/></BatchCount>'));

    expect(error.code).to.equal("VECTOR_BAD_VALUE");
  });

  it("invalid placeholder", function () {
    const error = parseError(leafVector('<TimeStamp type="DateTime" value="$NOW - 3600"/>'));

    expect(error.code).to.equal("VECTOR_BAD_PLACEHOLDER");
    expect(error.context.value).to.equal("$NOW - 3600");
  });

  it("Integer out of range", function () {
    const error = parseError(leafVector('<BatchCount type="Integer" value="2147483648"/>'));

    expect(error.code).to.equal("VECTOR_BAD_VALUE");
    expect(error.context.value).to.equal("2147483648");
  });

  it("unknown usage mask bit", function () {
    const error = parseError(leafVector('<CryptographicUsageMask type="Integer" value="Encrypt Decrpyt"/>'));

    expect(error.code).to.equal("VECTOR_BAD_VALUE");
    expect(error.context.value).to.equal("Decrpyt");
    expect(error.context.expected).to.include("Decrypt");
  });

  it("Date-Time without zone", function () {
    const error = parseError(leafVector('<TimeStamp type="DateTime" value="2001-01-01T10:00:00"/>'));

    expect(error.code).to.equal("VECTOR_BAD_VALUE");
    expect(error.context.expected).to.include("ISO 8601");
  });

  it("Date-Time on February 30", function () {
    const error = parseError(leafVector('<TimeStamp type="DateTime" value="2001-02-30T10:00:00Z"/>'));

    expect(error.code).to.equal("VECTOR_BAD_VALUE");
    expect(error.message).to.include("day 30");
  });

  it("invalid Boolean", function () {
    expect(parseError(leafVector('<BatchOrderOption type="Boolean" value="yes"/>')).code).to.equal("VECTOR_BAD_VALUE");
  });

  it("deep nesting", function () {
    const nested = (depth: number) => "<RequestHeader>".repeat(depth) + "</RequestHeader>".repeat(depth);
    const error = catchVectorError(() => parseTtlvXml(nested(100_000), "deep.xml"));

    expect(error.code).to.equal("VECTOR_TOO_DEEP");
    expect(error.context.line).to.equal(1);
    expect(parseTtlvXml(`<KMIP>${nested(64)}</KMIP>`)).to.have.length(1);
  });

  it("wrong namespace", function () {
    expect(parseError(leafVector('<BatchCount xmlns="urn:example" type="Integer" value="1"/>')).code).to.equal("VECTOR_BAD_ATTRIBUTE");
  });

  it("error in parseTtlvXml names the label", function () {
    const error = catchVectorError(() => parseTtlvXml('<RequestMessage>\n  <Operation type="Enumeration" value="Nope"/>\n</RequestMessage>', "input.xml"));

    expect(error.message).to.match(/^input\.xml:2: /);
    expect(error.context.path).to.equal("RequestMessage/Operation");
  });

  it("toTtlv rejects unbound placeholders", function () {
    const [message] = parseTtlvXml(RESPONSE);
    const error = catchVectorError(() => toTtlv(message));

    expect(error.code).to.equal("VECTOR_UNBOUND_PLACEHOLDER");
    expect(error.context.path).to.equal("ResponseMessage/ResponseHeader/TimeStamp");
    expect(error.context.value).to.equal("$NOW");
  });

  it("toTtlv keeps literal trees", function () {
    const [message] = parseTtlvXml(REQUEST);
    const ttlv = toTtlv(message);

    expect(ttlv.tag).to.equal(Tag.RequestMessage);
    expect(ttlv.type).to.equal(ItemType.Structure);
  });
});

describe("vectors files", function () {
  let dir = "";

  before(async function () {
    dir = await mkdtemp(join(tmpdir(), "kmipcheck-vectors-"));
    await writeFile(join(dir, "B-2.xml"), vector(REQUEST, RESPONSE));
    await writeFile(join(dir, "A-1.xml"), vector(REQUEST, RESPONSE, REQUEST, RESPONSE));
    await writeFile(join(dir, "notes.txt"), "not a vector");
    await mkdir(join(dir, "old.xml"));
  });

  after(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it("findVectorFiles lists sorted XML", async function () {
    expect(await findVectorFiles(dir)).to.deep.equal([join(dir, "A-1.xml"), join(dir, "B-2.xml")]);
  });

  it("loadVectorFile reads steps", async function () {
    const vector = await loadVectorFile(join(dir, "A-1.xml"));

    expect(vector.name).to.equal("A-1");
    expect(vector.path).to.equal(join(dir, "A-1.xml"));
    expect(vector.steps.map((step) => step.line)).to.deep.equal([2, 17]);
    expect(vector.steps.map((step) => step.index)).to.deep.equal([0, 1]);
    expect(vector.steps[1].expected.tag).to.equal(Tag.ResponseMessage);
  });

  it("missing file", async function () {
    const error = await loadVectorFile(join(dir, "absent.xml")).catch((caught: unknown) => caught);

    expect(error).to.be.instanceOf(VectorError);
    expect((error as VectorError).code).to.equal("VECTOR_FILE_UNREADABLE");
    expect((error as VectorError).message).to.include("absent.xml");
  });

  it("missing directory", async function () {
    const error = await findVectorFiles(join(dir, "absent")).catch((caught: unknown) => caught);

    expect((error as VectorError).code).to.equal("VECTOR_FILE_UNREADABLE");
  });
});
