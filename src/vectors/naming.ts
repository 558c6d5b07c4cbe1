/**
 * Finds the enumeration or mask whose names an item's value is written with. The item's tag decides,
 * except for an Attribute Value, where the Attribute Name beside it decides.
 */
import { ItemType } from "../ttlv/types";
import { Tag, enumerationOfAttribute, enumerationOfTag, maskOfAttribute, maskOfTag } from "../kmip";
import type { TemplateNode } from "./types";

/** Enumeration or mask that names the value of an item, when known. */
export interface ValueNaming {
  enumeration?: string;
  mask?: string;
}

/** Returns the naming of an item with `tag`. `attributeName` is the Attribute Name beside an Attribute Value. */
export function valueNaming(tag: number, attributeName: string | undefined): ValueNaming {
  if (tag !== Tag.AttributeValue) {
    return { enumeration: enumerationOfTag(tag), mask: maskOfTag(tag) };
  }

  // A placeholder Attribute Name names no attribute yet.
  if (attributeName === undefined || attributeName.startsWith("$")) {
    return {};
  }
  return { enumeration: enumerationOfAttribute(attributeName), mask: maskOfAttribute(attributeName) };
}

/** Finds the literal Attribute Name among an Attribute's children. */
export function attributeNameAmong(children: TemplateNode[]): string | undefined {
  const item = children.find((child) => child.tag === Tag.AttributeName && child.type === ItemType.TextString);
  return item !== undefined && typeof item.value === "string" ? item.value : undefined;
}
