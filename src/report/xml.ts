/**
 * A small XML writer: elements with attributes and either text or child elements, escaped and
 * indented. It writes only what the JUnit report needs (no namespaces, no mixed content).
 */
import { escapeXmlAttribute, escapeXmlText } from "./escape";

export interface XmlElement {
  name: string;
  /** Attributes in order; undefined values are left out. */
  attributes?: Record<string, string | number | undefined>;
  children?: XmlElement[];
  text?: string;
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Writes a whole document: the declaration and the root element. */
export function writeXmlDocument(root: XmlElement): string {
  return `${DECLARATION}\n${writeXmlElement(root, "")}\n`;
}

export function writeXmlElement(element: XmlElement, indent: string): string {
  const open = `${indent}<${checkName(element.name)}${writeAttributes(element.attributes ?? {})}`;
  const children = element.children ?? [];

  if (children.length > 0 && element.text !== undefined) {
    throw new Error(`XML element ${element.name} has both text and children, which this writer does not support`);
  }

  if (children.length > 0) {
    const inner = children.map((child) => writeXmlElement(child, `${indent}  `)).join("\n");
    return `${open}>\n${inner}\n${indent}</${element.name}>`;
  }

  if (element.text !== undefined && element.text !== "") {
    return `${open}>${escapeXmlText(element.text)}</${element.name}>`;
  }

  return `${open}/>`;
}

function writeAttributes(attributes: Record<string, string | number | undefined>): string {
  return Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${checkName(name)}="${escapeXmlAttribute(String(value))}"`)
    .join("");
}

/** Element and attribute names come from this code, never from data; the check catches a slip. */
function checkName(name: string): string {
  if (!NAME.test(name)) {
    throw new Error(`invalid XML name ${JSON.stringify(name)}`);
  }
  return name;
}
