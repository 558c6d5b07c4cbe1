import { expect } from "chai";
import { Operation, ResultStatus, Tag } from "../../src/kmip";
import { SessionCapture, type Exchange } from "../../src/lint";
import { dateTime, encode, enumeration, structure, text } from "../../src/ttlv";
import type { TtlvNode } from "../../src/ttlv/types";
import { isPlaceholder, parseVectorXml, type TemplateNode } from "../../src/vectors";
import { attribute, NOW, request, response, responseItem } from "./builders";

function item(operation: number, payload: TtlvNode[]): TtlvNode {
  return structure(Tag.BatchItem, [enumeration(Tag.Operation, operation), structure(Tag.RequestPayload, payload)]);
}

function answer(operation: number, payload: TtlvNode[], at = NOW): TtlvNode {
  const header = [structure(Tag.ProtocolVersion, [{ tag: Tag.ProtocolVersionMajor, type: 2, value: 1 }, { tag: Tag.ProtocolVersionMinor, type: 2, value: 4 }] as TtlvNode[]), dateTime(Tag.TimeStamp, BigInt(at))];
  return response([responseItem([enumeration(Tag.Operation, operation), enumeration(Tag.ResultStatus, ResultStatus.Success), structure(Tag.ResponsePayload, payload)])], header);
}

function exchange(requestNode: TtlvNode, responseNode: TtlvNode | undefined): Exchange {
  return { request: encode(requestNode), response: responseNode === undefined ? undefined : encode(responseNode), client: "CN=test", receivedAt: new Date(NOW * 1000) };
}

/** Returns the placeholder or literal text of every leaf with the tag, in document order. */
function valuesOf(node: TemplateNode, tag: number): string[] {
  if (node.type === 1) {
    return (node.value as TemplateNode[]).flatMap((child) => valuesOf(child, tag));
  }
  if (node.tag !== tag) {
    return [];
  }
  return [isPlaceholder(node.value) ? node.value.placeholder : String(node.value)];
}

describe("lint: session capture", () => {
  it("replaces identifiers and times with placeholders", () => {
    const capture = new SessionCapture();
    const activation = dateTime(Tag.ActivationDate, BigInt(NOW + 3600));
    capture.add(exchange(request([item(Operation.Create, [enumeration(Tag.ObjectType, 2)])]), answer(Operation.Create, [enumeration(Tag.ObjectType, 2), text(Tag.UniqueIdentifier, "key-1")])), 1);
    capture.add(exchange(request([item(Operation.GetAttributes, [text(Tag.UniqueIdentifier, "key-1"), activation])]), answer(Operation.GetAttributes, [text(Tag.UniqueIdentifier, "key-1"), attribute("Unique Identifier", text(0, "key-1")), attribute("Initial Date", dateTime(0, BigInt(NOW - 5)))])), 2);

    const vector = parseVectorXml(capture.toVectorXml("test session"), "captured.xml");

    expect(vector.steps).to.have.length(2);
    expect(valuesOf(vector.steps[0].expected, Tag.UniqueIdentifier)).to.deep.equal(["$UNIQUE_IDENTIFIER_0"]);
    expect(valuesOf(vector.steps[1].request, Tag.UniqueIdentifier)).to.deep.equal(["$UNIQUE_IDENTIFIER_0"]);
    expect(valuesOf(vector.steps[1].request, Tag.ActivationDate)).to.deep.equal(["$NOW+3600"]);
    expect(valuesOf(vector.steps[1].expected, Tag.TimeStamp)).to.deep.equal(["$NOW"]);
    expect(valuesOf(vector.steps[1].expected, Tag.AttributeValue)).to.deep.equal(["$UNIQUE_IDENTIFIER_0", "$NOW-5"]);
  });

  it("keeps identifiers a request sent first", () => {
    const capture = new SessionCapture();
    capture.add(exchange(request([item(Operation.Get, [text(Tag.UniqueIdentifier, "old-key")])]), answer(Operation.Get, [text(Tag.UniqueIdentifier, "old-key")])), 1);

    const vector = parseVectorXml(capture.toVectorXml("test session"), "captured.xml");

    expect(valuesOf(vector.steps[0].request, Tag.UniqueIdentifier)).to.deep.equal(["old-key"]);
    expect(valuesOf(vector.steps[0].expected, Tag.UniqueIdentifier)).to.deep.equal(["old-key"]);
  });

  it("numbers identifiers in order of first response", () => {
    const capture = new SessionCapture();
    capture.add(exchange(request([item(Operation.Create, [])]), answer(Operation.Create, [text(Tag.UniqueIdentifier, "a")])), 1);
    capture.add(exchange(request([item(Operation.Create, [])]), answer(Operation.Create, [text(Tag.UniqueIdentifier, "b")])), 2);
    capture.add(exchange(request([item(Operation.Destroy, [text(Tag.UniqueIdentifier, "b")])]), answer(Operation.Destroy, [text(Tag.UniqueIdentifier, "b")])), 3);

    const vector = parseVectorXml(capture.toVectorXml("test"), "captured.xml");

    expect(valuesOf(vector.steps[1].expected, Tag.UniqueIdentifier)).to.deep.equal(["$UNIQUE_IDENTIFIER_1"]);
    expect(valuesOf(vector.steps[2].request, Tag.UniqueIdentifier)).to.deep.equal(["$UNIQUE_IDENTIFIER_1"]);
  });

  it("leaves out exchanges it cannot write", () => {
    const capture = new SessionCapture();
    capture.add({ request: Buffer.from("not ttlv"), response: Buffer.alloc(0), client: "CN=test", receivedAt: new Date() }, 1);
    capture.add(exchange(request([item(Operation.Query, [])]), undefined), 2);
    capture.add(exchange(request([item(Operation.Query, [])]), answer(Operation.Query, [])), 3);

    expect(capture.stepCount).to.equal(1);
    expect(capture.skippedExchanges).to.have.length(2);
    expect(capture.skippedExchanges[0]).to.match(/^exchange 1: /);
    expect(capture.skippedExchanges[1]).to.equal("exchange 2: no response");
  });

  it("keeps the comment valid XML", () => {
    const capture = new SessionCapture();
    capture.add(exchange(request([item(Operation.Query, [])]), answer(Operation.Query, [])), 1);

    const xml = capture.toVectorXml("a -- b");

    expect(xml).to.include("<!-- a - b -->");
    expect(parseVectorXml(xml, "captured.xml").steps).to.have.length(1);
  });
});
