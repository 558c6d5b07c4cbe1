/**
 * Checks the names that an OASIS KMIP XML test-case file uses against the dictionary: element
 * names (tags), Enumeration values, bit mask components and Attribute Names. The file is read
 * with a real XML parser (saxes) into a small element tree first, because an Attribute Value's
 * enumeration depends on its sibling Attribute Name.
 */
import { SaxesParser } from "saxes";
import {
  attributeByName,
  enumValue,
  enumerationOfAttribute,
  enumerationOfTag,
  isEnumValueAllowed,
  maskFromNames,
  maskOfAttribute,
  maskOfTag,
  tagByName,
} from "../../src/kmip";

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  line: number;
}

/** Counts of what was checked, so a test can tell a real pass from an empty walk. */
export interface NameCheck {
  tags: number;
  enumerationValues: number;
  maskComponents: number;
  attributeNames: number;
  problems: string[];
}

/** Parses XML text into its root element; throws on malformed XML. */
export function parseXml(text: string): XmlElement {
  const parser = new SaxesParser({ position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;

  parser.on("opentag", (tag) => {
    const element: XmlElement = { name: tag.name, attributes: tag.attributes as Record<string, string>, children: [], line: parser.line };
    stack.at(-1)?.children.push(element);
    root ??= element;
    stack.push(element);
  });
  parser.on("closetag", () => stack.pop());
  parser.on("error", (error) => {
    throw error;
  });
  parser.write(text).close();

  if (!root) {
    throw new Error("the file has no root element");
  }
  return root;
}

/** §3.39: custom attribute names start with "x-" (client) or "y-" (server). */
function isCustomAttribute(name: string): boolean {
  return name.startsWith("x-") || name.startsWith("y-");
}

/** Returns the Attribute Name text of the Attribute structure that contains an Attribute Value. */
function siblingAttributeName(parent: XmlElement | undefined): string | undefined {
  return parent?.children.find((child) => child.name === "AttributeName")?.attributes.value;
}

/** Walks the tree below the test-case root (<KMIP>, which is not a tag) and records each problem. */
export function checkNames(root: XmlElement, file: string): NameCheck {
  const check: NameCheck = { tags: 0, enumerationValues: 0, maskComponents: 0, attributeNames: 0, problems: [] };
  for (const child of root.children) {
    visit(child, undefined, file, check);
  }
  return check;
}

function visit(element: XmlElement, parent: XmlElement | undefined, file: string, check: NameCheck): void {
  const where = `${file}:${element.line} <${element.name}>`;
  const tag = tagByName(element.name);
  check.tags++;
  if (tag === undefined) {
    check.problems.push(`${where}: unknown tag name`);
  }

  const attributeName = element.name === "AttributeValue" ? siblingAttributeName(parent) : undefined;
  if (element.attributes.type === "Enumeration") {
    checkEnumeration(element, tag, attributeName, where, check);
  }
  if (element.attributes.type === "Integer") {
    checkMask(element, tag, attributeName, where, check);
  }
  if (element.name === "AttributeName") {
    checkAttributeName(element.attributes.value ?? "", where, check);
  }

  for (const child of element.children) {
    visit(child, element, file, check);
  }
}

/** Returns the enumeration of an Attribute Value (by its Attribute Name) or of another element (by its tag). */
function enumerationOf(tag: number | undefined, attributeName: string | undefined): string | undefined {
  if (attributeName !== undefined) {
    return enumerationOfAttribute(attributeName);
  }
  return tag === undefined ? undefined : enumerationOfTag(tag);
}

/** Returns the bit mask of an Attribute Value (by its Attribute Name) or of another element (by its tag). */
function maskOf(tag: number | undefined, attributeName: string | undefined): string | undefined {
  if (attributeName !== undefined) {
    return maskOfAttribute(attributeName);
  }
  return tag === undefined ? undefined : maskOfTag(tag);
}

function checkEnumeration(element: XmlElement, tag: number | undefined, attributeName: string | undefined, where: string, check: NameCheck): void {
  const value = element.attributes.value ?? "";
  if (attributeName !== undefined && isCustomAttribute(attributeName)) {
    return;
  }
  const enumeration = enumerationOf(tag, attributeName);
  check.enumerationValues++;
  if (enumeration === undefined) {
    check.problems.push(`${where}: no enumeration known for this ${attributeName !== undefined ? `attribute "${attributeName}"` : "tag"}`);
    return;
  }

  // The XML encoding writes an enumeration value as its normalized name or as 0x and 8 hex digits.
  const hex = /^0x[0-9a-fA-F]{8}$/.test(value);
  const resolves = hex ? isEnumValueAllowed(enumeration, Number.parseInt(value.slice(2), 16)) : enumValue(enumeration, value) !== undefined;
  if (!resolves) {
    check.problems.push(`${where}: "${value}" is not a value of ${enumeration}${hex ? " nor an extension" : ""}`);
  }
}

function checkMask(element: XmlElement, tag: number | undefined, attributeName: string | undefined, where: string, check: NameCheck): void {
  const mask = maskOf(tag, attributeName);
  const value = element.attributes.value ?? "";
  if (mask === undefined || /^-?\d+$/.test(value)) {
    return;
  }
  const components = value.split(/\s+/).filter((component) => component !== "");
  check.maskComponents += components.length;
  try {
    maskFromNames(mask, components);
  } catch (error) {
    check.problems.push(`${where}: ${(error as Error).message}`);
  }
}

function checkAttributeName(name: string, where: string, check: NameCheck): void {
  check.attributeNames++;
  if (!isCustomAttribute(name) && attributeByName(name) === undefined) {
    check.problems.push(`${where}: unknown attribute name "${name}"`);
  }
}
