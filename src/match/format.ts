/**
 * Display of single TTLV values in diffs and rule notes, in the XML form of the vectors
 * (enumeration and mask names, lowercase hex, ISO 8601 dates) as src/vectors writes them.
 */
import { Tag, enumerationOfAttribute, enumerationOfTag, maskOfAttribute, maskOfTag } from "../kmip";
import { ItemType, type TtlvNode } from "../ttlv/types";
import { formatIsoDateTime } from "../vectors/datetime";
import { isPlaceholder, type TemplateNode } from "../vectors/types";
import { formatLeafValue, type FormatContext } from "../vectors/value-format";

/** Returns the Item Type's name as the XML encoding writes it in the `type` attribute. */
export function typeName(type: ItemType): string {
  return ItemType[type] ?? `0x${Number(type).toString(16).padStart(2, "0")}`;
}

/** Returns the Attribute Name that sits beside an Attribute Value in its parent, if the parent has one. */
export function attributeNameBeside(parent: TemplateNode | TtlvNode | undefined): string | undefined {
  if (parent === undefined || parent.type !== ItemType.Structure) {
    return undefined;
  }

  const name = (parent.value as Array<TemplateNode | TtlvNode>).find((item) => item.tag === Tag.AttributeName);
  return name !== undefined && typeof name.value === "string" ? name.value : undefined;
}

/**
 * Writes one value as the `value` attribute of the XML form would hold it. `attributeName` names the
 * attribute an Attribute Value belongs to, which decides the enumeration or mask its value uses.
 */
export function formatValue(node: TemplateNode | TtlvNode, attributeName?: string): string {
  if (isPlaceholder(node.value)) {
    return node.value.placeholder;
  }

  if (node.type === ItemType.Structure) {
    return `structure of ${node.value.length} item(s)`;
  }

  return formatLeafValue(node.type, node.value as Exclude<TtlvNode["value"], TtlvNode[]>, namingOf(node.tag, attributeName));
}

/** Date-Time values are POSIX seconds, written as ISO 8601 in UTC. */
export function formatDateTime(seconds: number): string {
  return formatIsoDateTime(BigInt(seconds));
}

function namingOf(tag: number, attributeName: string | undefined): FormatContext {
  if (tag !== Tag.AttributeValue) {
    return { enumeration: enumerationOfTag(tag), mask: maskOfTag(tag) };
  }

  if (attributeName === undefined) {
    return {};
  }

  return { enumeration: enumerationOfAttribute(attributeName), mask: maskOfAttribute(attributeName) };
}
