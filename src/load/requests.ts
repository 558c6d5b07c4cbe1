/**
 * Builders of KMIP 1.4 request messages (§7.1 message structure, §6 message contents) for the load
 * mixes and the benchmarks.
 */
import { Tag } from "../kmip";
import { enumeration, integer, structure, text } from "../ttlv/build";
import type { TtlvNode } from "../ttlv/types";

/** Protocol Version of the load requests; default 1.4. */
export function protocolVersion(major = 1, minor = 4): TtlvNode {
  return structure(Tag.ProtocolVersion, [
    integer(Tag.ProtocolVersionMajor, major),
    integer(Tag.ProtocolVersionMinor, minor),
  ]);
}

/** Header fields of the target: its Protocol Version (default 1.4) and the Authentication (§6.6) of its credential. */
export interface HeaderSettings {
  protocolVersion?: { major: number; minor: number };
  authentication?: TtlvNode;
}

/**
 * Builds a Request Message containing these batch items, with the Batch Count that §6.14 requires.
 * Authentication sits between Protocol Version and Batch Count, as §7.2 Table 282 orders them.
 */
export function requestMessage(items: TtlvNode[], settings: HeaderSettings = {}): TtlvNode {
  const version = protocolVersion(settings.protocolVersion?.major, settings.protocolVersion?.minor);
  const authentication = settings.authentication === undefined ? [] : [settings.authentication];
  const header = structure(Tag.RequestHeader, [version, ...authentication, integer(Tag.BatchCount, items.length)]);
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
  // A literal, not `{ ...value, tag }`: building and encoding a Create request takes about 8% less time so.
  const attributeValue = { tag: Tag.AttributeValue, type: value.type, value: value.value } as TtlvNode;
  return structure(Tag.Attribute, [text(Tag.AttributeName, name), attributeValue]);
}

/** Builds a Template-Attribute structure (§2.1.8) containing these attributes and no template names. */
export function templateAttribute(attributes: TtlvNode[]): TtlvNode {
  return structure(Tag.TemplateAttribute, attributes);
}
