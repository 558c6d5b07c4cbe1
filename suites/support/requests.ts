/** Builders of the Request Messages the suites send (§7.1 Table 280, §7.2 Tables 282 and 283). */
import { randomBytes, randomUUID } from "node:crypto";
import { CryptographicAlgorithm, CryptographicUsageMask, ObjectType, Operation, QueryFunction, Tag } from "../../src/kmip";
import { bool, bytes, enumeration, integer, structure, text, type TtlvNode } from "../../src/ttlv";

export interface HeaderOptions {
  version?: [major: number, minor: number];
  maximumResponseSize?: number;
  batchOrderOption?: boolean;
  batchErrorContinuationOption?: number;
  /** Batch Count to write; default the number of items. */
  batchCount?: number;
}

export interface BatchItemSpec {
  operation: number;
  payload: TtlvNode[];
  /** Unique Batch Item ID bytes; undefined leaves the field out. */
  uniqueBatchItemId?: Buffer;
}

export function protocolVersion(major: number, minor: number): TtlvNode {
  return structure(Tag.ProtocolVersion, [integer(Tag.ProtocolVersionMajor, major), integer(Tag.ProtocolVersionMinor, minor)]);
}

/** Builds a Request Message with the header fields in the order of Table 282. */
export function requestMessage(items: BatchItemSpec[], options: HeaderOptions = {}): TtlvNode {
  const [major, minor] = options.version ?? [1, 4];
  const header: TtlvNode[] = [protocolVersion(major, minor)];

  if (options.maximumResponseSize !== undefined) {
    header.push(integer(Tag.MaximumResponseSize, options.maximumResponseSize));
  }
  if (options.batchErrorContinuationOption !== undefined) {
    header.push(enumeration(Tag.BatchErrorContinuationOption, options.batchErrorContinuationOption));
  }
  if (options.batchOrderOption !== undefined) {
    header.push(bool(Tag.BatchOrderOption, options.batchOrderOption));
  }
  header.push(integer(Tag.BatchCount, options.batchCount ?? items.length));

  return structure(Tag.RequestMessage, [structure(Tag.RequestHeader, header), ...items.map(batchItem)]);
}

function batchItem(item: BatchItemSpec): TtlvNode {
  const fields = [enumeration(Tag.Operation, item.operation)];
  if (item.uniqueBatchItemId !== undefined) {
    fields.push(bytes(Tag.UniqueBatchItemID, item.uniqueBatchItemId));
  }
  fields.push(structure(Tag.RequestPayload, item.payload));
  return structure(Tag.BatchItem, fields);
}

/** Gives each item a fresh 4-byte Unique Batch Item ID. */
export function withIds(items: BatchItemSpec[]): BatchItemSpec[] {
  return items.map((item) => ({ ...item, uniqueBatchItemId: randomBytes(4) }));
}

export function query(...functions: number[]): BatchItemSpec {
  return { operation: Operation.Query, payload: functions.map((queryFunction) => enumeration(Tag.QueryFunction, queryFunction)) };
}

export function queryAll(): BatchItemSpec {
  return query(QueryFunction.QueryOperations, QueryFunction.QueryObjects, QueryFunction.QueryServerInformation, QueryFunction.QueryProfiles);
}

export function discoverVersions(...versions: Array<[number, number]>): BatchItemSpec {
  return { operation: Operation.DiscoverVersions, payload: versions.map(([major, minor]) => protocolVersion(major, minor)) };
}

/** Get; without an identifier the server uses the ID Placeholder of the batch. */
export function get(uniqueIdentifier?: string): BatchItemSpec {
  return { operation: Operation.Get, payload: uniqueIdentifier === undefined ? [] : [text(Tag.UniqueIdentifier, uniqueIdentifier)] };
}

/** Get of an identifier that no server has issued: a fresh UUID behind a "kmipcheck-unknown-" prefix. */
export function getUnknown(): BatchItemSpec {
  return get(`kmipcheck-unknown-${randomUUID()}`);
}

/** Create of a 128-bit AES key for Encrypt and Decrypt. */
export function createAesKey(): BatchItemSpec {
  const attribute = (name: string, value: TtlvNode) => structure(Tag.Attribute, [text(Tag.AttributeName, name), value]);
  const templateAttribute = structure(Tag.TemplateAttribute, [
    attribute("Cryptographic Algorithm", enumeration(Tag.AttributeValue, CryptographicAlgorithm.AES)),
    attribute("Cryptographic Length", integer(Tag.AttributeValue, 128)),
    attribute("Cryptographic Usage Mask", integer(Tag.AttributeValue, CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt)),
  ]);
  return { operation: Operation.Create, payload: [enumeration(Tag.ObjectType, ObjectType.SymmetricKey), templateAttribute] };
}

export function destroy(uniqueIdentifier: string): BatchItemSpec {
  return { operation: Operation.Destroy, payload: [text(Tag.UniqueIdentifier, uniqueIdentifier)] };
}
