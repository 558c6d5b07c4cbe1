/**
 * Writes TemplateNodes (and so decoded TTLV trees) in the KMIP XML encoding, the form the OASIS
 * vectors use: one element per item named after its tag, two-space indentation.
 */
import { ItemType } from "../ttlv/types";
import { tagName } from "../kmip";
import { attributeNameAmong, valueNaming } from "./naming";
import { isPlaceholder, type TemplateNode } from "./types";
import { formatLeafValue } from "./value-format";
import { GENERAL_ELEMENT } from "./xml-read";

const INDENT_STEP = "  ";

/**
 * Writes `node` as XML, each line starting with `indent` and ending with a newline. Tags without a
 * KMIP 1.4 name use the general form `<TTLV tag="0x54XXXX" .../>`.
 */
export function templateToXml(node: TemplateNode, indent = ""): string {
  return writeNode(node, indent, undefined).join("");
}

function writeNode(node: TemplateNode, indent: string, attributeName: string | undefined): string[] {
  const name = tagName(node.tag);
  const element = name ?? GENERAL_ELEMENT;
  const tagAttribute = name === undefined ? ` tag="${tagHex(node.tag)}"` : "";

  if (node.type === ItemType.Structure) {
    return writeStructure(node.value, indent, element, tagAttribute);
  }

  // NOTE: a literal Text String that starts with "$" is written as is, so reading it back yields a
  // placeholder, because the vector format reserves a leading "$" for placeholders.
  const text = isPlaceholder(node.value) ? node.value.placeholder : formatLeafValue(node.type, node.value, valueNaming(node.tag, attributeName));
  return [`${indent}<${element}${tagAttribute} type="${ItemType[node.type]}" value="${escapeAttribute(text)}"/>\n`];
}

/** Writes a structure as start and end tags on their own lines even when it is empty, as the OASIS vectors do. */
function writeStructure(children: TemplateNode[], indent: string, element: string, tagAttribute: string): string[] {
  const attributeName = attributeNameAmong(children);
  const lines = [`${indent}<${element}${tagAttribute}>\n`];
  for (const child of children) {
    lines.push(...writeNode(child, indent + INDENT_STEP, attributeName));
  }
  lines.push(`${indent}</${element}>\n`);
  return lines;
}

function tagHex(tag: number): string {
  return `0x${tag.toString(16).padStart(6, "0")}`;
}

/**
 * Escapes markup characters, and the whitespace characters that XML attribute normalization would
 * turn into spaces. Other C0 controls and DEL become character references too, so that a decoded
 * message cannot send terminal escape sequences.
 */
function escapeAttribute(text: string): string {
  return text.replace(/[&<>"\t\n\r]/g, (char) => ESCAPES[char]).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, characterReference);
}

// NOTE: XML 1.0 forbids these characters even as references, so a parser may reject the output.
// Written raw they would be just as invalid, and unreadable besides.
function characterReference(char: string): string {
  return `&#x${char.charCodeAt(0).toString(16)};`;
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};
