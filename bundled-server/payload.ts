/**
 * Typed reads of request fields. A field of the wrong item type, or repeated where the spec allows
 * one, is Invalid Message (§11.1: "Error parsing batch item or payload", "The same field is
 * contained in a header/batch item/payload more than once"). A required field that is absent is
 * Missing Data (§6.10: "The operation REQUIRED additional information in the request, which was
 * not present").
 */
import { ResultReason, tagLabel } from "../src/kmip";
import { ItemType, StructureNode, TtlvNode } from "../src/ttlv/types";
import { KmipResultError } from "./errors";

export function fieldsOf(node: TtlvNode, tag: number): TtlvNode[] {
  return node.type === ItemType.Structure ? node.value.filter((item) => item.tag === tag) : [];
}

/** Returns the single field with this tag, or undefined; raises Invalid Message when it repeats or has another type. */
export function optionalField(node: TtlvNode, tag: number, type: ItemType): TtlvNode | undefined {
  const found = fieldsOf(node, tag);
  if (found.length > 1) {
    throw new KmipResultError(ResultReason.InvalidMessage, `${tagLabel(tag)} appears ${found.length} times; it is allowed once`);
  }

  const field = found[0];
  if (field !== undefined && field.type !== type) {
    throw new KmipResultError(
      ResultReason.InvalidMessage,
      `${tagLabel(tag)} has item type ${ItemType[field.type]}; the spec requires ${ItemType[type]}`,
    );
  }
  return field;
}

export function requiredField(node: TtlvNode, tag: number, type: ItemType): TtlvNode {
  const field = optionalField(node, tag, type);
  if (field === undefined) {
    throw new KmipResultError(ResultReason.MissingData, `${tagLabel(tag)} is missing from ${tagLabel(node.tag)}`);
  }
  return field;
}

export function optionalText(node: TtlvNode, tag: number): string | undefined {
  return optionalField(node, tag, ItemType.TextString)?.value as string | undefined;
}

export function optionalEnumeration(node: TtlvNode, tag: number): number | undefined {
  return optionalField(node, tag, ItemType.Enumeration)?.value as number | undefined;
}

export function optionalInteger(node: TtlvNode, tag: number): number | undefined {
  return optionalField(node, tag, ItemType.Integer)?.value as number | undefined;
}

export function optionalBoolean(node: TtlvNode, tag: number): boolean | undefined {
  return optionalField(node, tag, ItemType.Boolean)?.value as boolean | undefined;
}

export function optionalBytes(node: TtlvNode, tag: number): Buffer | undefined {
  return optionalField(node, tag, ItemType.ByteString)?.value as Buffer | undefined;
}

export function optionalDateTime(node: TtlvNode, tag: number): bigint | undefined {
  return optionalField(node, tag, ItemType.DateTime)?.value as bigint | undefined;
}

export function optionalStructure(node: TtlvNode, tag: number): StructureNode | undefined {
  return optionalField(node, tag, ItemType.Structure) as StructureNode | undefined;
}

export function requiredEnumeration(node: TtlvNode, tag: number): number {
  return requiredField(node, tag, ItemType.Enumeration).value as number;
}

export function requiredText(node: TtlvNode, tag: number): string {
  return requiredField(node, tag, ItemType.TextString).value as string;
}

export function requiredStructure(node: TtlvNode, tag: number): StructureNode {
  return requiredField(node, tag, ItemType.Structure) as StructureNode;
}

/** Returns every field with this tag, raising Invalid Message when one has another item type. */
export function repeatedFields(node: TtlvNode, tag: number, type: ItemType): TtlvNode[] {
  const found = fieldsOf(node, tag);
  const wrong = found.find((field) => field.type !== type);
  if (wrong !== undefined) {
    throw new KmipResultError(
      ResultReason.InvalidMessage,
      `${tagLabel(tag)} has item type ${ItemType[wrong.type]}; the spec requires ${ItemType[type]}`,
    );
  }
  return found;
}
