/**
 * Builders of KMIP 1.4 request messages (§7.1 message structure, §6 message contents) for the load
 * mixes and the benchmarks.
 */
import { Tag } from "../kmip";
import { enumeration, integer, structure, text } from "../ttlv/build";
import type { TtlvNode } from "../ttlv/types";

/** Protocol Version 1.4, the version every request of the load mixes carries. */
export function protocolVersion(major = 1, minor = 4): TtlvNode {
  return structure(Tag.ProtocolVersion, [
    integer(Tag.ProtocolVersionMajor, major),
    integer(Tag.ProtocolVersionMinor, minor),
  ]);
}

/** Builds a Request Message containing these batch items, with the Batch Count that §6.14 requires. */
export function requestMessage(items: TtlvNode[]): TtlvNode {
  const header = structure(Tag.RequestHeader, [protocolVersion(), integer(Tag.BatchCount, items.length)]);
  return structure(Tag.RequestMessage, [header, ...items]);
}

/** Builds a request Batch Item: Operation, then Request Payload (no Unique Batch Item ID, as it is alone). */
export function batchItem(operation: number, payload: TtlvNode[]): TtlvNode {
  return structure(Tag.BatchItem, [enumeration(Tag.Operation, operation), structure(Tag.RequestPayload, payload)]);
}

/**
 * Builds an Attribute structure (§2.1.1): Attribute Name, then the value. The value's own tag is replaced
 * by Attribute Value, so callers may build it with any tag (0 in this module's callers).
 */
export function attribute(name: string, value: TtlvNode): TtlvNode {
  return structure(Tag.Attribute, [text(Tag.AttributeName, name), { ...value, tag: Tag.AttributeValue }]);
}

/** Builds a Template-Attribute structure (§2.1.8) containing these attributes and no template names. */
export function templateAttribute(attributes: TtlvNode[]): TtlvNode {
  return structure(Tag.TemplateAttribute, attributes);
}
