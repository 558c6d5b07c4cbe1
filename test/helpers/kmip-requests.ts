/** Minimal KMIP request messages and response readers for interoperability tests. */
import { expect } from "chai";
import { Operation, QueryFunction, Tag } from "../../src/kmip";
import { child, children, decode, encode, enumeration, integer, structure, type TtlvNode } from "../../src/ttlv";

/** Encodes a Request Message with one Batch Item (KMIP 1.4 §7.1); `header` adds items such as Authentication. */
export function requestMessage(operation: number, payload: TtlvNode[], header: TtlvNode[] = []): Buffer {
  const requestHeader = structure(Tag.RequestHeader, [protocolVersion(1, 4), ...header, integer(Tag.BatchCount, 1)]);
  const batchItem = structure(Tag.BatchItem, [enumeration(Tag.Operation, operation), structure(Tag.RequestPayload, payload)]);
  return encode(structure(Tag.RequestMessage, [requestHeader, batchItem]));
}

export function protocolVersion(major: number, minor: number): TtlvNode {
  return structure(Tag.ProtocolVersion, [integer(Tag.ProtocolVersionMajor, major), integer(Tag.ProtocolVersionMinor, minor)]);
}

/** Discover Versions with an empty payload: the server lists every version it supports. */
export function discoverVersionsRequest(): Buffer {
  return requestMessage(Operation.DiscoverVersions, []);
}

/** Query for the operations and object types the server supports. */
export function queryRequest(): Buffer {
  return requestMessage(Operation.Query, [enumeration(Tag.QueryFunction, QueryFunction.QueryOperations), enumeration(Tag.QueryFunction, QueryFunction.QueryObjects)]);
}

/** Strictly decodes a Response Message and returns its only Batch Item. */
export function onlyBatchItem(response: Buffer): TtlvNode {
  const message = decode(response);
  expect(message.tag, "response root tag").to.equal(Tag.ResponseMessage);

  const items = children(message, Tag.BatchItem);
  expect(items, "Batch Items in the response").to.have.length(1);
  return items[0];
}

/** Returns the value of the first item with this tag, failing the test when it is absent. */
export function valueOf(node: TtlvNode, tag: number): unknown {
  const item = child(node, tag);
  expect(item, `item 0x${tag.toString(16).toUpperCase()} in the response`).to.not.equal(undefined);
  return (item as TtlvNode).value;
}

/** Returns the Response Payload of a Batch Item, failing the test when it is absent. */
export function payloadOf(batchItem: TtlvNode): TtlvNode {
  const payload = child(batchItem, Tag.ResponsePayload);
  expect(payload, "Response Payload").to.not.equal(undefined);
  return payload as TtlvNode;
}

/** Returns "major.minor" for each Protocol Version in a Discover Versions response payload. */
export function listedVersions(payload: TtlvNode): string[] {
  return children(payload, Tag.ProtocolVersion).map((version) => `${valueOf(version, Tag.ProtocolVersionMajor)}.${valueOf(version, Tag.ProtocolVersionMinor)}`);
}
