/**
 * Attribute structures (§2.1.1: Attribute Name, optional Attribute Index, Attribute Value) as they
 * travel in requests and responses, and the check of a value against its attribute's definition.
 */
import { attributeByName, enumName, ResultReason, Tag } from "../../src/kmip";
import { integer, structure, text } from "../../src/ttlv";
import { ItemType, StructureNode, TtlvNode } from "../../src/ttlv/types";
import { KmipResultError } from "../errors";
import { optionalInteger, requiredText } from "../payload";
import { attributeRule, isCustomAttributeName } from "./rules";

export interface AttributeInput {
  name: string;
  /** Attribute Index as sent, or undefined when absent. */
  index: number | undefined;
  /** Attribute Value as sent, tagged AttributeValue, or undefined when absent. */
  value: TtlvNode | undefined;
}

/** Reads an Attribute structure; a wrong item type is Invalid Message and a missing name Missing Data. */
export function parseAttribute(node: TtlvNode): AttributeInput {
  if (node.type !== ItemType.Structure) {
    throw new KmipResultError(ResultReason.InvalidMessage, "Attribute must be a Structure");
  }

  const name = requiredText(node, Tag.AttributeName);
  const index = optionalInteger(node, Tag.AttributeIndex);
  const values = node.value.filter((item) => item.tag === Tag.AttributeValue);
  if (values.length > 1) {
    throw new KmipResultError(ResultReason.InvalidMessage, `Attribute "${name}" contains ${values.length} Attribute Values; send exactly one`);
  }
  return { name, index, value: values[0] };
}

/** Like parseAttribute, and the value must be present. */
export function parseAttributeWithValue(node: TtlvNode): AttributeInput & { value: TtlvNode } {
  const attribute = parseAttribute(node);
  if (attribute.value === undefined) {
    throw new KmipResultError(ResultReason.MissingData, `Attribute "${attribute.name}" has no Attribute Value`);
  }
  return { ...attribute, value: attribute.value };
}

/** Raises Invalid Field for a name the spec does not define (custom "x-"/"y-" names aside). */
export function requireKnownAttributeName(name: string): void {
  if (attributeRule(name) === undefined) {
    throw new KmipResultError(ResultReason.InvalidField, `"${name}" is not a KMIP 1.4 attribute name (custom attributes start with "x-" or "y-")`);
  }
}

/**
 * Raises Invalid Field when the value does not have the item type the spec gives the attribute
 * (§3, first table of each attribute), or names no member of its enumeration.
 */
export function checkAttributeValue(name: string, value: TtlvNode): void {
  requireKnownAttributeName(name);
  if (isCustomAttributeName(name)) {
    return; // §3.39: a custom attribute's value may have any item type.
  }

  const definition = attributeByName(name);
  if (definition === undefined) {
    return; // A name in the rules table is always in the dictionary; nothing more to check.
  }
  if (value.type !== definition.type) {
    throw new KmipResultError(
      ResultReason.InvalidField,
      `attribute "${name}" has item type ${ItemType[value.type]}; the spec requires ${ItemType[definition.type]}`,
    );
  }
  if (definition.enumeration !== undefined && enumName(definition.enumeration, value.value as number) === undefined) {
    throw new KmipResultError(ResultReason.InvalidField, `attribute "${name}" value 0x${(value.value as number).toString(16)} is not a ${definition.enumeration} value`);
  }
  // TODO: check the fields of structured values (Name, Link, Cryptographic Parameters...) against their tables in §3.
}

/** Builds an Attribute structure; §2.1.1 lets the index be omitted when it is 0. */
export function attributeNode(name: string, index: number, value: TtlvNode): StructureNode {
  const fields: TtlvNode[] = [text(Tag.AttributeName, name)];
  if (index !== 0) {
    fields.push(integer(Tag.AttributeIndex, index));
  }
  fields.push(value);
  return structure(Tag.Attribute, fields) as StructureNode;
}

/** Returns a copy of a node under the AttributeValue tag (e.g. a Digest built from its fields). */
export function asAttributeValue(node: TtlvNode): TtlvNode {
  return { ...node, tag: Tag.AttributeValue } as TtlvNode;
}
