/** Request and response messages for the lint tests, built field by field so each test can break one rule. */
import { Operation, QueryFunction, Tag } from "../../src/kmip";
import { bytes, dateTime, encode, enumeration, integer, structure, text } from "../../src/ttlv";
import type { TtlvNode } from "../../src/ttlv/types";

export const NOW = 1_700_000_000;

export function version(major: number, minor: number): TtlvNode {
  return structure(Tag.ProtocolVersion, [integer(Tag.ProtocolVersionMajor, major), integer(Tag.ProtocolVersionMinor, minor)]);
}

export function queryItem(id?: string): TtlvNode {
  const fields = [enumeration(Tag.Operation, Operation.Query)];
  if (id !== undefined) {
    fields.push(bytes(Tag.UniqueBatchItemID, Buffer.from(id, "hex")));
  }
  fields.push(structure(Tag.RequestPayload, [enumeration(Tag.QueryFunction, QueryFunction.QueryOperations)]));
  return structure(Tag.BatchItem, fields);
}

/** Builds a Request Message with the given header fields (Protocol Version 1.4 and Batch Count added unless given) and items. */
export function request(items: TtlvNode[], headerFields: TtlvNode[] = [], options: { batchCount?: number; version?: TtlvNode } = {}): TtlvNode {
  const header = structure(Tag.RequestHeader, [options.version ?? version(1, 4), ...headerFields, integer(Tag.BatchCount, options.batchCount ?? items.length)]);
  return structure(Tag.RequestMessage, [header, ...items]);
}

export function attribute(name: string, value: TtlvNode): TtlvNode {
  return structure(Tag.Attribute, [text(Tag.AttributeName, name), { ...value, tag: Tag.AttributeValue } as TtlvNode]);
}

export function createItem(attributes: TtlvNode[]): TtlvNode {
  const payload = structure(Tag.RequestPayload, [enumeration(Tag.ObjectType, 2), structure(Tag.TemplateAttribute, attributes)]);
  return structure(Tag.BatchItem, [enumeration(Tag.Operation, Operation.Create), payload]);
}

export function responseItem(fields: TtlvNode[]): TtlvNode {
  return structure(Tag.BatchItem, fields);
}

export function response(items: TtlvNode[], headerFields?: TtlvNode[], batchCount = items.length): TtlvNode {
  const header = headerFields ?? [version(1, 4), dateTime(Tag.TimeStamp, BigInt(NOW))];
  return structure(Tag.ResponseMessage, [structure(Tag.ResponseHeader, [...header, integer(Tag.BatchCount, batchCount)]), ...items]);
}

export { encode };
