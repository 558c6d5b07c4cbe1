/** Changes to the Request Header of a request message that keep its fields in the order the spec fixes. */
import { ItemType, type StructureNode, type TtlvNode } from "../ttlv/types";
import { Tag } from "./generated";

/** Fields of the Request Header in the order of KMIP 1.4 §7.2 Table 282. */
export const REQUEST_HEADER_FIELD_ORDER: readonly number[] = [
  Tag.ProtocolVersion,
  Tag.MaximumResponseSize,
  Tag.ClientCorrelationValue,
  Tag.ServerCorrelationValue,
  Tag.AsynchronousIndicator,
  Tag.AttestationCapableIndicator,
  Tag.AttestationType,
  Tag.Authentication,
  Tag.BatchErrorContinuationOption,
  Tag.BatchOrderOption,
  Tag.TimeStamp,
  Tag.BatchCount,
];

/**
 * Returns a copy of the request message whose Request Header carries `authentication` (§6.6),
 * placed after Attestation Type and before Batch Error Continuation Option as Table 282 orders
 * them. An Authentication the header already has is replaced. A message without a Request Header
 * structure is returned unchanged, because the server must see such a malformed request as it is.
 */
export function withAuthentication(message: TtlvNode, authentication: TtlvNode): TtlvNode {
  if (message.type !== ItemType.Structure) {
    return message;
  }

  const headerIndex = message.value.findIndex((item) => item.tag === Tag.RequestHeader && item.type === ItemType.Structure);
  if (headerIndex === -1) {
    return message;
  }

  const header = message.value[headerIndex] as StructureNode;
  const fields = header.value.filter((field) => field.tag !== Tag.Authentication);
  fields.splice(insertionIndex(fields, Tag.Authentication), 0, authentication);

  const items = [...message.value];
  items[headerIndex] = { ...header, value: fields };
  return { ...message, value: items };
}

/** Position before the first field that Table 282 puts after `tag`; fields of unknown tags do not move it. */
function insertionIndex(fields: TtlvNode[], tag: number): number {
  const rank = REQUEST_HEADER_FIELD_ORDER.indexOf(tag);
  const after = fields.findIndex((field) => REQUEST_HEADER_FIELD_ORDER.indexOf(field.tag) > rank);
  return after === -1 ? fields.length : after;
}
