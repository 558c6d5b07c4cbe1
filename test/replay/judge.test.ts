import { expect } from "chai";
import { Tag } from "../../src/kmip";
import { Bindings } from "../../src/match";
import { generatedObjectIdentifiers, judgeResponse } from "../../src/replay";
import { encode } from "../../src/ttlv";
import { parseTtlvXml, toTtlv } from "../../src/vectors";

const NOW = 1_700_000_000;
const state = () => ({ bindings: new Bindings(), clock: { vectorStartedAt: NOW, sentAt: NOW, receivedAt: NOW }, timeWindowSeconds: 60, serverCreatedIdentifiers: new Set<string>() });

function item(operation: string, status: string, payloadXml: string): string {
  return `<BatchItem><Operation type="Enumeration" value="${operation}"/><ResultStatus type="Enumeration" value="${status}"/><ResponsePayload>${payloadXml}</ResponsePayload></BatchItem>`;
}

describe("generatedObjectIdentifiers", () => {
  it("lists Create and Create Key Pair results", () => {
    const response = toTtlv(parseTtlvXml(`<ResponseMessage>
      ${item("Create", "Success", `<ObjectType type="Enumeration" value="SymmetricKey"/><UniqueIdentifier type="TextString" value="k1"/>`)}
      ${item("CreateKeyPair", "Success", `<PrivateKeyUniqueIdentifier type="TextString" value="k2"/><PublicKeyUniqueIdentifier type="TextString" value="k3"/>`)}
      ${item("Register", "Success", `<UniqueIdentifier type="TextString" value="k4"/>`)}
      ${item("Create", "OperationFailed", `<UniqueIdentifier type="TextString" value="k5"/>`)}
    </ResponseMessage>`)[0]);

    expect(generatedObjectIdentifiers(response)).to.deep.equal(["k1", "k2", "k3"]);
  });
});

describe("judgeResponse", () => {
  const xml = `<ResponseMessage>${item("Destroy", "Success", `<UniqueIdentifier type="TextString" value="k1"/>`)}</ResponseMessage>`;

  it("passes a matching response", () => {
    const judgement = judgeResponse(parseTtlvXml(xml)[0], encode(toTtlv(parseTtlvXml(xml)[0])), state());

    expect(judgement.verdict).to.equal("pass");
    expect(judgement.violations).to.deep.equal([]);
  });

  it("errors on malformed TTLV", () => {
    const bytes = encode(toTtlv(parseTtlvXml(xml)[0]));
    const truncated = Buffer.from(bytes);
    truncated.writeUInt32BE(bytes.length, 4);
    const judgement = judgeResponse(parseTtlvXml(xml)[0], truncated, state());

    expect(judgement.verdict).to.equal("error");
    expect(judgement.error?.code).to.match(/^TTLV_/);
    expect(judgement.violations.length).to.be.greaterThan(0);
    expect(judgement.response?.tag).to.equal(Tag.ResponseMessage);
  });

  it("warns on non-zero padding", () => {
    const bytes = encode(toTtlv(parseTtlvXml(xml)[0]));
    const padded = Buffer.from(bytes);
    // The Unique Identifier "k1" is the last item: 8-byte header, 2 value bytes, 6 padding bytes.
    padded[padded.length - 1] = 0xff;
    const judgement = judgeResponse(parseTtlvXml(xml)[0], padded, state());

    expect(judgement.verdict).to.equal("pass");
    expect(judgement.violations.map((violation) => `${violation.code} ${violation.severity}`)).to.deep.equal(["TTLV_NONZERO_PADDING warn"]);
  });

  it("fails a mismatching response", () => {
    const judgement = judgeResponse(parseTtlvXml(xml)[0], encode(toTtlv(parseTtlvXml(xml.replace('value="k1"', 'value="k9"'))[0])), state());

    expect(judgement.verdict).to.equal("fail");
    expect(judgement.diffs.map((diff) => diff.path)).to.deep.equal(["ResponseMessage/BatchItem/ResponsePayload/UniqueIdentifier"]);
  });
});

describe("judgeResponse in one batch", () => {
  it("treats a key created earlier in the batch as server-generated", () => {
    const key = (material: string) => `<SymmetricKey><KeyBlock><KeyFormatType type="Enumeration" value="Raw"/><KeyValue><KeyMaterial type="ByteString" value="${material}"/></KeyValue></KeyBlock></SymmetricKey>`;
    const message = (id: string, material: string) => `<ResponseMessage>
      ${item("Create", "Success", `<ObjectType type="Enumeration" value="SymmetricKey"/><UniqueIdentifier type="TextString" value="${id}"/>`)}
      ${item("Get", "Success", `<ObjectType type="Enumeration" value="SymmetricKey"/><UniqueIdentifier type="TextString" value="${id}"/>${key(material)}`)}
    </ResponseMessage>`;
    const judgement = judgeResponse(parseTtlvXml(message("$UNIQUE_IDENTIFIER_0", "2a".repeat(32)))[0], encode(toTtlv(parseTtlvXml(message("k1", "07".repeat(32)))[0])), state());

    expect(judgement.diffs).to.deep.equal([]);
    expect(judgement.rulesApplied.map((applied) => applied.rule)).to.include("server-generated-key-material");
  });

  it("compares a registered key that reuses a generated identifier", () => {
    const key = (material: string) => `<SymmetricKey><KeyBlock><KeyFormatType type="Enumeration" value="Raw"/><KeyValue><KeyMaterial type="ByteString" value="${material}"/></KeyValue></KeyBlock></SymmetricKey>`;
    const message = (id: string, material: string) => `<ResponseMessage>
      ${item("Register", "Success", `<UniqueIdentifier type="TextString" value="${id}"/>`)}
      ${item("Get", "Success", `<ObjectType type="Enumeration" value="SymmetricKey"/><UniqueIdentifier type="TextString" value="${id}"/>${key(material)}`)}
    </ResponseMessage>`;
    const reused = { ...state(), serverCreatedIdentifiers: new Set(["k1"]) };
    const judgement = judgeResponse(parseTtlvXml(message("$UNIQUE_IDENTIFIER_0", "2a".repeat(32)))[0], encode(toTtlv(parseTtlvXml(message("k1", "07".repeat(32)))[0])), reused);

    expect(judgement.diffs.map((diff) => diff.path)).to.deep.equal(["ResponseMessage/BatchItem[2]/ResponsePayload/SymmetricKey/KeyBlock/KeyValue/KeyMaterial"]);
    expect(judgement.rulesApplied.map((applied) => applied.rule)).to.not.include("server-generated-key-material");
  });
});
