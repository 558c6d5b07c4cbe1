/**
 * Lookups in the KMIP 1.4 dictionary (generated.ts): tag names and values, enumeration values,
 * bit masks and attribute definitions. Names are normalized CamelCase (see normalize.ts) except
 * attribute names, which are the spec names sent in Attribute Name ("Cryptographic Algorithm").
 */
import type { ItemType } from "../ttlv/types";
import { ATTRIBUTES, ENUMERATIONS, MASKS, TAG_ENUMERATIONS, TAG_MASKS, Tag } from "./generated";

/** Name of an enumeration of §9.1.3.2, e.g. "HashingAlgorithm". */
export type EnumerationName = keyof typeof ENUMERATIONS;

/** Name of a bit mask of §9.1.3.3. */
export type MaskName = keyof typeof MASKS;

/** An attribute of spec §3 with its value type. */
export interface AttributeDefinition {
  /** Spec name as sent in Attribute Name, e.g. "Cryptographic Usage Mask". */
  name: string;
  tag: number;
  type: ItemType;
  /** True when the attribute rules permit multiple instances (for at least some object types). */
  multiInstance: boolean;
  /** Enumeration of an Enumeration-typed value. */
  enumeration?: string;
  /** Bit mask of an Integer value that is a mask. */
  mask?: string;
  /** KMIP version that introduced the attribute, e.g. "1.0". */
  since: string;
  /** Section and tables of the specification that define the attribute. */
  source: string;
}

/**
 * §9.1.1.4 and §9.1.3.2: enumeration values with 8 hex in the first nibble (0x80000000-0x8FFFFFFF)
 * are extensions, permitted where the table lists "Extensions | 8XXXXXXX".
 */
const EXTENSION_FIRST = 0x80000000;
const EXTENSION_LAST = 0x8fffffff;

const tagNames = new Map<number, string>(Object.entries(Tag).map(([name, value]) => [value, name]));

const attributesByName = new Map<string, AttributeDefinition>(ATTRIBUTES.map((attribute) => [attribute.name, attribute]));

const enumerationNamesByValue = new Map<string, Map<number, string>>(
  Object.entries(ENUMERATIONS).map(([name, enumeration]) => [name, reverse(enumeration.values)]),
);

function reverse(values: Readonly<Record<string, number>>): Map<number, string> {
  return new Map(Object.entries(values).map(([name, value]) => [value, name]));
}

/** Reads an own property only, so that names such as "constructor" never resolve. */
function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** Returns the normalized name of a tag of Table 288, e.g. tagName(0x420078) === "RequestMessage". */
export function tagName(tag: number): string | undefined {
  return tagNames.get(tag);
}

/**
 * Returns the tag for a normalized name or for a hex string "0x42XXXX" / "0x54XXXX" (6 digits, any
 * case). §9.1.1.1: a tag's first byte is 0x42 for tags of the specification and 0x54 for
 * extensions, so a hex tag with another first byte returns undefined. A hex tag need not be in
 * Table 288: extension tags never are.
 */
export function tagByName(name: string): number | undefined {
  const hex = /^0x([0-9a-fA-F]{6})$/.exec(name);
  if (hex) {
    const tag = Number.parseInt(hex[1], 16);
    const firstByte = tag >>> 16;
    return firstByte === 0x42 || firstByte === 0x54 ? tag : undefined;
  }
  return own<number>(Tag, name);
}

/** Returns the tag's name, or "0x" and 6 upper-case hex digits for a tag not in Table 288. */
export function tagLabel(tag: number): string {
  return tagName(tag) ?? `0x${tag.toString(16).toUpperCase().padStart(6, "0")}`;
}

/** Returns the enumeration that an Enumeration item with this tag uses, e.g. "HashingAlgorithm". */
export function enumerationOfTag(tag: number): string | undefined {
  const name = tagName(tag);
  return name === undefined ? undefined : own(TAG_ENUMERATIONS, name);
}

/** Returns the enumeration of an Attribute Value whose Attribute Name is `attributeName`. */
export function enumerationOfAttribute(attributeName: string): string | undefined {
  return attributeByName(attributeName)?.enumeration;
}

/** Returns the value of a normalized enumeration value name, e.g. enumValue("Operation", "Get") === 0x0A. */
export function enumValue(enumeration: string, name: string): number | undefined {
  const values = own(ENUMERATIONS, enumeration)?.values as Readonly<Record<string, number>> | undefined;
  return values === undefined ? undefined : own(values, name);
}

/** Returns the normalized name of an enumeration value, or undefined for an unknown value. */
export function enumName(enumeration: string, value: number): string | undefined {
  return enumerationNamesByValue.get(enumeration)?.get(value);
}

/**
 * Tells whether `value` is allowed for the enumeration: a value of its table, or an extension
 * value 0x8XXXXXXX where the table permits extensions. Returns false for an unknown enumeration.
 */
export function isEnumValueAllowed(enumeration: string, value: number): boolean {
  const definition = own(ENUMERATIONS, enumeration);
  if (definition === undefined) {
    return false;
  }
  const isExtension = value >= EXTENSION_FIRST && value <= EXTENSION_LAST;
  return enumName(enumeration, value) !== undefined || (definition.extensionsAllowed && isExtension);
}

/** Returns the bit mask that an Integer item with this tag uses. */
export function maskOfTag(tag: number): MaskName | undefined {
  const name = tagName(tag);
  return name === undefined ? undefined : own(TAG_MASKS, name);
}

/** Returns the bit mask of an Attribute Value whose Attribute Name is `attributeName`. */
export function maskOfAttribute(attributeName: string): MaskName | undefined {
  return attributeByName(attributeName)?.mask as MaskName | undefined;
}

/** Returns the definition of an attribute by its spec name; custom "x-"/"y-" attributes return undefined. */
export function attributeByName(name: string): AttributeDefinition | undefined {
  return attributesByName.get(name);
}

/** Returns the spec names of all attributes of §3 that have a fixed value type. */
export function attributeNames(): string[] {
  return [...attributesByName.keys()];
}

/** Returns the normalized names of all enumerations of §9.1.3.2. */
export function enumerationNames(): EnumerationName[] {
  return Object.keys(ENUMERATIONS) as EnumerationName[];
}

export { maskFromNames, maskNames } from "./masks";
