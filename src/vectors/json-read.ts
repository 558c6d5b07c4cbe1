/**
 * Reads the KMIP JSON encoding (KMIP Additional Message Encodings 1.0, §4.1.6): each item is an
 * object with `tag`, optional `name`, `type` (default Structure) and `value`. String values use the
 * same text forms as the XML encoding, except that masks separate their components with `|`.
 */
import { ItemType } from "../ttlv/types";
import { childSegments } from "../ttlv";
import { DEFAULT_MAX_DEPTH } from "../ttlv/decode";
import { Tag, tagByName, tagLabel, tagName } from "../kmip";
import { valueNaming } from "./naming";
import { VectorError } from "./errors";
import type { TemplateNode } from "./types";
import { parseLeafValue, type LeafType, type ValueSite } from "./value-parse";
import { PLACEHOLDER, TYPE_NAMES } from "./xml-read";

const ITEM_KEYS = ["tag", "name", "type", "value"];
const HEX64 = /^0x[0-9a-fA-F]{16}$/;

interface JsonSite {
  file: string;
  path: string;
}

/**
 * Parses JSON containing one TTLV object or an array of them. `file` only labels errors. JSON.parse
 * reports no lines, so errors name the item path instead.
 */
export function parseTtlvJson(json: string, file = "<string>"): TemplateNode[] {
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new VectorError("VECTOR_JSON_MALFORMED", `malformed JSON (${detail})`, { file, expected: "well-formed JSON", cause: error });
  }

  const items = Array.isArray(document) ? document : [document];
  return items.map((item) => readJsonItem(item, { file, path: "" }, items));
}

function readJsonItem(item: unknown, parent: JsonSite, siblings: unknown[], segment?: string): TemplateNode {
  const object = asItemObject(item, parent);
  const tag = resolveJsonTag(object.tag, parent);
  const label = segment ?? tagLabel(tag);
  const site = { file: parent.file, path: parent.path === "" ? label : `${parent.path}/${label}` };
  const type = resolveJsonType(object.type, site);

  if (type === ItemType.Structure) {
    return readJsonStructure(tag, object.value, site);
  }
  const attributeName = siblings.map(attributeNameOf).find((name) => name !== undefined);
  const value = readJsonValue(type, object.value, { ...site, ...valueNaming(tag, attributeName) });
  return { tag, type, value } as TemplateNode;
}

function readJsonStructure(tag: number, value: unknown, site: JsonSite): TemplateNode {
  // §4.1.6.2: a Structure's value is an array of items, or null.
  if (value === null || value === undefined) {
    return { tag, type: ItemType.Structure, value: [] };
  }
  if (!Array.isArray(value)) {
    throw new VectorError("VECTOR_BAD_VALUE", "the value of a Structure is not an array", { ...site, value: JSON.stringify(value), expected: "an array of items, or null" });
  }

  // Items are read recursively, so a limit keeps a deep document from overflowing the stack.
  if (site.path.split("/").length > DEFAULT_MAX_DEPTH) {
    throw new VectorError("VECTOR_TOO_DEEP", `structures nest more than ${DEFAULT_MAX_DEPTH} deep`, { ...site, expected: `at most ${DEFAULT_MAX_DEPTH} levels, as the TTLV codec decodes` });
  }

  // Tags are resolved first so that each child's path can number repeated tags, as the codec does.
  const tags = value.map((child) => ({ tag: resolveJsonTag(asItemObject(child, site).tag, site) }));
  const segments = childSegments(tags, tagName);
  const children = value.map((child, i) => readJsonItem(child, site, value, segments[i]));
  return { tag, type: ItemType.Structure, value: children };
}

function readJsonValue(type: LeafType, value: unknown, site: ValueSite): TemplateNode["value"] {
  if (typeof value === "string") {
    return readJsonString(type, value, site);
  }
  if (typeof value === "number") {
    return readJsonNumber(type, value, site);
  }
  if (typeof value === "boolean" && type === ItemType.Boolean) {
    return value;
  }
  throw new VectorError("VECTOR_BAD_VALUE", `invalid ${ItemType[type]} value`, { ...site, value: JSON.stringify(value), expected: expectedFor(type) });
}

function readJsonString(type: LeafType, text: string, site: ValueSite): TemplateNode["value"] {
  if (text.startsWith("$")) {
    if (!PLACEHOLDER.test(text)) {
      throw new VectorError("VECTOR_BAD_PLACEHOLDER", "invalid placeholder", { ...site, value: text, expected: "$ followed by a name and an optional +N or -N, e.g. $NOW-3600" });
    }
    return { placeholder: text };
  }

  // §4.1.6.8 and §4.1.6.11: Boolean and Date-Time values may also be 64-bit hex strings.
  if (type === ItemType.Boolean && HEX64.test(text)) {
    return readHexBoolean(text, site);
  }
  if (type === ItemType.DateTime && HEX64.test(text)) {
    return BigInt.asIntN(64, BigInt(text));
  }

  // §4.1.6.4: JSON separates mask components with "|" where XML uses spaces.
  const xmlText = type === ItemType.Integer && site.mask !== undefined ? text.split("|").join(" ") : text;
  return parseLeafValue(type, xmlText, site);
}

function readHexBoolean(text: string, site: ValueSite): boolean {
  const value = BigInt(text);
  if (value > 1n) {
    throw new VectorError("VECTOR_BAD_VALUE", "a Boolean is 0 or 1", { ...site, value: text, expected: "0x0000000000000000 or 0x0000000000000001" });
  }
  return value === 1n;
}

function readJsonNumber(type: LeafType, value: number, site: ValueSite): number | bigint {
  if (!Number.isSafeInteger(value)) {
    throw new VectorError("VECTOR_BAD_VALUE", "a JSON number must be an integer below 2^53", { ...site, value: String(value), expected: "an integer, or a hex string for larger values" });
  }

  switch (type) {
    case ItemType.Integer:
      return checkRange(value, -(2 ** 31), 2 ** 31 - 1, site);
    case ItemType.Enumeration:
    case ItemType.Interval:
      return checkRange(value, 0, 2 ** 32 - 1, site);
    case ItemType.LongInteger:
    case ItemType.BigInteger:
      return BigInt(value);
    default:
      throw new VectorError("VECTOR_BAD_VALUE", `a ${ItemType[type]} value cannot be a JSON number`, { ...site, value: String(value), expected: expectedFor(type) });
  }
}

function checkRange(value: number, min: number, max: number, site: ValueSite): number {
  if (value < min || value > max) {
    throw new VectorError("VECTOR_BAD_VALUE", "the number is out of range", { ...site, value: String(value), expected: `an integer from ${min} to ${max}` });
  }
  return value;
}

function expectedFor(type: LeafType): string {
  switch (type) {
    case ItemType.Boolean:
      return "true, false or a 64-bit hex string";
    case ItemType.TextString:
      return "a string";
    case ItemType.ByteString:
      return "a string of hex digits";
    case ItemType.DateTime:
      return "an ISO 8601 string or a 64-bit hex string";
    default:
      return "an integer or a hex string";
  }
}

function attributeNameOf(sibling: unknown): string | undefined {
  if (typeof sibling !== "object" || sibling === null) {
    return undefined;
  }
  const { tag, value } = sibling as { tag?: unknown; value?: unknown };
  return typeof tag === "string" && tagByName(tag) === Tag.AttributeName && typeof value === "string" ? value : undefined;
}

function asItemObject(item: unknown, parent: JsonSite): Record<string, unknown> {
  if (typeof item !== "object" || item === null || Array.isArray(item)) {
    throw new VectorError("VECTOR_BAD_VALUE", "a TTLV item is not a JSON object", { file: parent.file, path: parent.path || undefined, value: JSON.stringify(item), expected: '{"tag": ..., "type": ..., "value": ...}' });
  }

  const object = item as Record<string, unknown>;
  const unknownKey = Object.keys(object).find((key) => !ITEM_KEYS.includes(key));
  if (unknownKey !== undefined) {
    throw new VectorError("VECTOR_BAD_ATTRIBUTE", `unknown property ${unknownKey}`, { file: parent.file, path: parent.path || undefined, value: unknownKey, expected: `only the properties ${ITEM_KEYS.join(", ")}` });
  }
  return object;
}

function resolveJsonTag(text: unknown, parent: JsonSite): number {
  // §4.1.6.1: a tag is "0x" and 6 hex digits, or the normalized tag name.
  const tag = typeof text === "string" ? tagByName(text) : undefined;
  if (tag === undefined) {
    throw new VectorError("VECTOR_UNKNOWN_ELEMENT", "unknown or missing tag", {
      file: parent.file,
      path: parent.path || undefined,
      value: JSON.stringify(text),
      expected: "a KMIP 1.4 tag name in CamelCase, or 0x42XXXX or 0x54XXXX",
    });
  }
  return tag;
}

function resolveJsonType(text: unknown, site: JsonSite): ItemType {
  // §4.1.4: without a type the item is a Structure.
  const name = text === undefined ? "Structure" : text;
  const type = typeof name === "string" && Object.hasOwn(TYPE_NAMES, name) ? TYPE_NAMES[name] : undefined;
  if (type === undefined) {
    throw new VectorError("VECTOR_BAD_TYPE", "unknown item type", { ...site, value: JSON.stringify(text), expected: `one of ${Object.keys(TYPE_NAMES).join(", ")}` });
  }
  return type;
}
