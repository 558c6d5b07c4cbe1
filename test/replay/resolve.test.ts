import { expect } from "chai";
import { Tag } from "../../src/kmip";
import { Bindings } from "../../src/match";
import { resolveRequest, ReplayError } from "../../src/replay";
import { bytes, child, children, text, type TtlvNode } from "../../src/ttlv";
import { parseTtlvXml, toTtlv } from "../../src/vectors";

const NOW = 1_700_000_000;

function request(payloadXml: string): string {
  return `<RequestMessage><RequestHeader><BatchCount type="Integer" value="1"/></RequestHeader>
  <BatchItem><Operation type="Enumeration" value="Decrypt"/><RequestPayload>${payloadXml}</RequestPayload></BatchItem></RequestMessage>`;
}

function payloadOf(message: TtlvNode): TtlvNode {
  return child(child(message, Tag.BatchItem)!, Tag.RequestPayload)!;
}

describe("resolveRequest", () => {
  it("fills $NOW offsets from the send time", () => {
    const [template] = parseTtlvXml(request(`<ActivationDate type="DateTime" value="$NOW-3600"/><DeactivationDate type="DateTime" value="$NOW+60"/>`));
    const { message } = resolveRequest(template, { bindings: new Bindings(), now: NOW, responses: [] });

    expect(child(payloadOf(message), Tag.ActivationDate)?.value).to.equal(BigInt(NOW - 3600));
    expect(child(payloadOf(message), Tag.DeactivationDate)?.value).to.equal(BigInt(NOW + 60));
  });

  it("substitutes bound placeholders", () => {
    const bindings = new Bindings();
    bindings.bind("$UNIQUE_IDENTIFIER_0", text(Tag.UniqueIdentifier, "key-7"));
    bindings.bind("$IV_COUNTER_NONCE", bytes(Tag.IVCounterNonce, Buffer.from("0a0b", "hex")));
    const [template] = parseTtlvXml(request(`<UniqueIdentifier type="TextString" value="$UNIQUE_IDENTIFIER_0"/><IVCounterNonce type="ByteString" value="$IV_COUNTER_NONCE"/>`));
    const { message, rulesApplied } = resolveRequest(template, { bindings, now: NOW, responses: [] });

    expect(child(payloadOf(message), Tag.UniqueIdentifier)?.value).to.equal("key-7");
    expect((child(payloadOf(message), Tag.IVCounterNonce)?.value as Buffer).toString("hex")).to.equal("0a0b");
    expect(rulesApplied).to.deep.equal([]);
  });

  it("carries unbound fields from the latest response", () => {
    const older = toTtlv(parseTtlvXml(`<ResponseMessage><BatchItem><ResponsePayload><Data type="ByteString" value="01"/></ResponsePayload></BatchItem></ResponseMessage>`)[0]);
    const newer = toTtlv(parseTtlvXml(`<ResponseMessage><BatchItem><ResponsePayload><MACData type="ByteString" value="02"/><Data type="ByteString" value="03"/></ResponsePayload></BatchItem></ResponseMessage>`)[0]);
    const [template] = parseTtlvXml(request(`<Data type="ByteString" value="$DATA_0"/><MACData type="ByteString" value="$MAC_DATA"/>`));
    const { message, rulesApplied } = resolveRequest(template, { bindings: new Bindings(), now: NOW, responses: [older, newer] });

    expect((child(payloadOf(message), Tag.Data)?.value as Buffer).toString("hex")).to.equal("03");
    expect((child(payloadOf(message), Tag.MACData)?.value as Buffer).toString("hex")).to.equal("02");
    expect(rulesApplied.map((applied) => applied.rule)).to.deep.equal(["carried-response-value", "carried-response-value"]);
  });

  it("rejects a placeholder without a value", () => {
    const [template] = parseTtlvXml(request(`<UniqueIdentifier type="TextString" value="$UNIQUE_IDENTIFIER_4"/>`));

    expect(() => resolveRequest(template, { bindings: new Bindings(), now: NOW, responses: [] }))
      .to.throw(ReplayError, "$UNIQUE_IDENTIFIER_4")
      .with.property("code", "REPLAY_UNBOUND_PLACEHOLDER");
  });

  it("rejects a bound value of another type", () => {
    const bindings = new Bindings();
    bindings.bind("$UNIQUE_IDENTIFIER_0", bytes(Tag.UniqueIdentifier, Buffer.from("01", "hex")));
    const [template] = parseTtlvXml(request(`<UniqueIdentifier type="TextString" value="$UNIQUE_IDENTIFIER_0"/>`));

    expect(() => resolveRequest(template, { bindings, now: NOW, responses: [] })).to.throw(ReplayError).with.property("code", "REPLAY_PLACEHOLDER_TYPE");
  });

  it("keeps literal fields unchanged", () => {
    const [template] = parseTtlvXml(request(`<UniqueIdentifier type="TextString" value="fixed"/>`));
    const { message } = resolveRequest(template, { bindings: new Bindings(), now: NOW, responses: [] });

    expect(children(payloadOf(message), Tag.UniqueIdentifier).map((item) => item.value)).to.deep.equal(["fixed"]);
  });
});
