/**
 * Turns XML elements of the KMIP XML encoding (KMIP Additional Message Encodings 1.0, §6.1.6) into
 * TemplateNodes. An element is either named after its tag (`<ActivationDate .../>`), or the general
 * form `<TTLV tag="0x420001" name="..." .../>`, or `x` and 6 hex digits as in the document's
 * `<x540001 .../>` example.
 */
import { ItemType } from "../ttlv/types";
import { Tag, tagByName } from "../kmip";
import { valueNaming } from "./naming";
import { VectorError } from "./errors";
import type { PlaceholderNode, TemplateNode } from "./types";
import { parseLeafValue, type LeafType } from "./value-parse";
import type { XmlElement } from "./xml-tree";

/** The element of the §6.1.6 general form, which carries its tag in a `tag` attribute. */
export const GENERAL_ELEMENT = "TTLV";

/** Namespace §6.1.6 assigns to the encoding, accepted in an `xmlns` attribute. */
export const KMIP_XML_NAMESPACE = "urn:oasis:tc:kmip:xmlns";

/** Item types by their normalized names (§6.1.4). */
export const TYPE_NAMES: Record<string, ItemType> = {
  Structure: ItemType.Structure,
  Integer: ItemType.Integer,
  LongInteger: ItemType.LongInteger,
  BigInteger: ItemType.BigInteger,
  Enumeration: ItemType.Enumeration,
  Boolean: ItemType.Boolean,
  TextString: ItemType.TextString,
  ByteString: ItemType.ByteString,
  DateTime: ItemType.DateTime,
  Interval: ItemType.Interval,
};

// A placeholder is `$`, a name and an optional signed offset in seconds, e.g. $NOW-3600.
export const PLACEHOLDER = /^\$[A-Za-z_][A-Za-z0-9_]*(?:[+-]\d+)?$/;

/** Reads one TTLV element and its descendants. `siblings` are the elements beside it, which name an Attribute Value's attribute. */
export function readTtlvElement(element: XmlElement, file: string, siblings: XmlElement[] = [element]): TemplateNode {
  checkAttributes(element, file);
  const tag = resolveTag(element, file);
  const type = resolveType(element, file);

  if (type === ItemType.Structure) {
    return readStructure(element, tag, file);
  }
  return readLeaf(element, tag, type, file, siblings);
}

function readStructure(element: XmlElement, tag: number, file: string): TemplateNode {
  if (element.attributes.value !== undefined) {
    throw new VectorError("VECTOR_BAD_VALUE", "a Structure has no value attribute", {
      file,
      line: element.line,
      path: element.path,
      value: element.attributes.value,
      expected: "child elements, or a type attribute naming a leaf type",
    });
  }

  const children = element.children.map((child) => readTtlvElement(child, file, element.children));
  return { tag, type: ItemType.Structure, value: children };
}

function readLeaf(element: XmlElement, tag: number, type: LeafType, file: string, siblings: XmlElement[]): TemplateNode {
  const site = { file, line: element.line, path: element.path };
  if (element.children.length > 0) {
    throw new VectorError("VECTOR_BAD_VALUE", `an item of type ${ItemType[type]} has no child elements`, {
      ...site,
      value: element.children[0].name,
      expected: "a value attribute only, or no type attribute for a Structure",
    });
  }

  const text = element.attributes.value;
  if (text === undefined) {
    throw new VectorError("VECTOR_BAD_VALUE", `the ${ItemType[type]} item has no value attribute`, {
      ...site,
      expected: 'value="..."',
    });
  }

  if (text.startsWith("$")) {
    return readPlaceholder(text, tag, type, site);
  }
  const value = parseLeafValue(type, text, { ...site, ...valueNaming(tag, attributeNameAmongElements(siblings)) });
  return { tag, type, value } as TemplateNode;
}

function readPlaceholder(text: string, tag: number, type: LeafType, site: { file: string; line: number; path: string }): PlaceholderNode {
  if (!PLACEHOLDER.test(text)) {
    throw new VectorError("VECTOR_BAD_PLACEHOLDER", "invalid placeholder", {
      ...site,
      value: text,
      expected: "$ followed by a name of letters, digits and underscores and an optional +N or -N, e.g. $NOW-3600",
    });
  }
  return { tag, type, value: { placeholder: text } };
}

/** Returns the value of the Attribute Name element among `siblings`, if any. */
function attributeNameAmongElements(siblings: XmlElement[]): string | undefined {
  return siblings.find((sibling) => isAttributeName(sibling))?.attributes.value;
}

function isAttributeName(element: XmlElement): boolean {
  if (element.name === GENERAL_ELEMENT) {
    return element.attributes.tag !== undefined && tagByName(element.attributes.tag) === Tag.AttributeName;
  }
  return element.name === "AttributeName";
}

function resolveTag(element: XmlElement, file: string): number {
  const site = { file, line: element.line, path: element.path };
  if (element.name === GENERAL_ELEMENT) {
    return resolveGeneralTag(element, site);
  }

  const hexName = /^x([0-9a-fA-F]{6})$/.exec(element.name);
  const tag = hexName === null ? tagByName(element.name) : checkTagRange(Number.parseInt(hexName[1], 16), element.name, site);
  if (tag === undefined) {
    throw new VectorError("VECTOR_UNKNOWN_ELEMENT", `unknown element <${element.name}>`, {
      ...site,
      value: element.name,
      expected: `a KMIP 1.4 tag name in CamelCase, or <${GENERAL_ELEMENT} tag="0x42XXXX" type="..." value="..."/>`,
    });
  }
  return tag;
}

function resolveGeneralTag(element: XmlElement, site: { file: string; line: number; path: string }): number {
  const text = element.attributes.tag;
  if (text === undefined) {
    throw new VectorError("VECTOR_BAD_ATTRIBUTE", `a <${GENERAL_ELEMENT}> element has no tag attribute`, {
      ...site,
      expected: 'tag="0x42XXXX" or tag="0x54XXXX", or a tag name',
    });
  }

  const tag = /^0x[0-9a-fA-F]{6}$/.test(text) ? checkTagRange(Number.parseInt(text.slice(2), 16), text, site) : tagByName(text);
  if (tag === undefined) {
    throw new VectorError("VECTOR_UNKNOWN_ELEMENT", "unknown tag", {
      ...site,
      value: text,
      expected: "0x and 6 hex digits, or a KMIP 1.4 tag name in CamelCase",
    });
  }
  return tag;
}

// KMIP spec §9.1.1.1: tags 0x42XXXX are defined by the specification and 0x54XXXX are extensions.
function checkTagRange(tag: number, text: string, site: { file: string; line: number; path: string }): number {
  const prefix = tag >>> 16;
  if (prefix !== 0x42 && prefix !== 0x54) {
    throw new VectorError("VECTOR_UNKNOWN_ELEMENT", "a tag must start with 0x42 or 0x54", { ...site, value: text, expected: "0x42XXXX or 0x54XXXX" });
  }
  return tag;
}

function resolveType(element: XmlElement, file: string): ItemType {
  // §6.1.4: without a type attribute the item is a Structure.
  const text = element.attributes.type ?? "Structure";
  const type = Object.hasOwn(TYPE_NAMES, text) ? TYPE_NAMES[text] : undefined;
  if (type === undefined) {
    throw new VectorError("VECTOR_BAD_TYPE", "unknown item type", {
      file,
      line: element.line,
      path: element.path,
      value: text,
      expected: `one of ${Object.keys(TYPE_NAMES).join(", ")}`,
    });
  }
  return type;
}

function checkAttributes(element: XmlElement, file: string): void {
  const allowed = element.name === GENERAL_ELEMENT ? ["tag", "name", "type", "value", "xmlns"] : ["type", "value", "xmlns"];
  for (const [name, value] of Object.entries(element.attributes)) {
    if (!allowed.includes(name)) {
      throw new VectorError("VECTOR_BAD_ATTRIBUTE", `unknown attribute ${name}`, {
        file,
        line: element.line,
        path: element.path,
        value: `${name}="${value}"`,
        expected: `only the attributes ${allowed.join(", ")}`,
      });
    }
  }

  const namespace = element.attributes.xmlns;
  if (namespace !== undefined && namespace !== KMIP_XML_NAMESPACE) {
    throw new VectorError("VECTOR_BAD_ATTRIBUTE", "wrong XML namespace", { file, line: element.line, path: element.path, value: namespace, expected: KMIP_XML_NAMESPACE });
  }
}
