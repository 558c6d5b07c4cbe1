/**
 * Checks of the Attribute structures a client sends (§2.1.1 Table 2): field order, a known
 * Attribute Name, and an Attribute Value of the type the attribute's table in §3 gives.
 */
import { attributeByName, type AttributeDefinition, enumName, isEnumValueAllowed, Tag } from "../kmip";
import { ItemType } from "../ttlv/types";
import { ATTRIBUTE_FIELDS } from "./shapes";
import { fieldOrderIssues, isStructure, placedChild, walk, type PlacedNode } from "./tree";
import type { LintIssue } from "./types";

/** §3.39: custom attributes a client creates start with "x-"; those a server creates start with "y-". */
const CLIENT_CUSTOM_PREFIX = "x-";
const SERVER_CUSTOM_PREFIX = "y-";

/** Checks every Attribute structure of the message. */
export function attributeIssues(message: PlacedNode): LintIssue[] {
  const issues: LintIssue[] = [];
  walk(message, (item) => {
    if (item.node.tag === Tag.Attribute && isStructure(item.node)) {
      issues.push(...fieldOrderIssues(item, ATTRIBUTE_FIELDS, "Table 2 (Attribute Name, Attribute Index, Attribute Value)"));
      issues.push(...nameAndValueIssues(item));
    }
  });
  return issues;
}

function nameAndValueIssues(attribute: PlacedNode): LintIssue[] {
  const name = placedChild(attribute, Tag.AttributeName);
  if (name === undefined || name.node.type !== ItemType.TextString) {
    return [{ rule: "request-shape", path: `${attribute.path}/AttributeName`, message: "the Attribute has no Attribute Name Text String", expected: "AttributeName (TextString), REQUIRED by Table 2", severity: "fail" }];
  }

  const definition = attributeByName(name.node.value);
  if (definition === undefined) {
    return unknownNameIssues(name, name.node.value);
  }

  const value = placedChild(attribute, Tag.AttributeValue);
  return value === undefined ? [] : valueIssues(value, definition);
}

function unknownNameIssues(name: PlacedNode, text: string): LintIssue[] {
  if (text.startsWith(CLIENT_CUSTOM_PREFIX)) {
    return [];
  }

  if (text.startsWith(SERVER_CUSTOM_PREFIX)) {
    return [{ rule: "attribute-name", path: name.path, message: `"${text}" is a server-created custom attribute name ('y-'), which a client SHALL NOT send`, expected: "an attribute name of §3, or a client custom attribute starting with 'x-'", actual: text, severity: "fail" }];
  }

  return [{ rule: "attribute-name", path: name.path, message: `"${text}" is not an attribute name of KMIP 1.4 §3 nor a custom attribute name ('x-')`, expected: "an attribute name of §3 spelt as the spec writes it (e.g. \"Cryptographic Algorithm\"), or 'x-' and a custom name", actual: text, severity: "fail" }];
}

function valueIssues(value: PlacedNode, definition: AttributeDefinition): LintIssue[] {
  const expectedType = ItemType[definition.type];
  if (value.node.type !== definition.type) {
    const message = `the value of ${definition.name} is a ${ItemType[value.node.type]}, but ${definition.source} defines a ${expectedType}`;
    return [{ rule: "attribute-value-type", path: value.path, message, expected: `AttributeValue (${expectedType})`, actual: ItemType[value.node.type], severity: "fail" }];
  }

  if (definition.enumeration !== undefined && value.node.type === ItemType.Enumeration && !isEnumValueAllowed(definition.enumeration, value.node.value)) {
    const valueHex = `0x${value.node.value.toString(16).padStart(8, "0")}`;
    const message = `${valueHex} is not a value of the ${definition.enumeration} enumeration that ${definition.name} uses`;
    return [{ rule: "attribute-value-type", path: value.path, message, expected: `a ${definition.enumeration} value of §9.1.3.2 (e.g. ${enumName(definition.enumeration, 1) ?? "one of its table"})`, actual: valueHex, severity: "fail" }];
  }
  return [];
}

