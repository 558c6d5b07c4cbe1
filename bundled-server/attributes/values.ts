/** Builders and readers for Attribute Value items (tag AttributeValue) of the server-set attributes. */
import { Tag } from "../../src/kmip";
import { bool, dateTime, enumeration, integer, interval, structure, text } from "../../src/ttlv";
import { TtlvNode } from "../../src/ttlv/types";

export const valueOf = {
  text: (value: string): TtlvNode => text(Tag.AttributeValue, value),
  enumeration: (value: number): TtlvNode => enumeration(Tag.AttributeValue, value),
  integer: (value: number): TtlvNode => integer(Tag.AttributeValue, value),
  boolean: (value: boolean): TtlvNode => bool(Tag.AttributeValue, value),
  dateTime: (seconds: bigint): TtlvNode => dateTime(Tag.AttributeValue, seconds),
  interval: (seconds: number): TtlvNode => interval(Tag.AttributeValue, seconds),
  structure: (fields: TtlvNode[]): TtlvNode => structure(Tag.AttributeValue, fields),
};

export function numberValue(node: TtlvNode | undefined): number | undefined {
  return node !== undefined && typeof node.value === "number" ? node.value : undefined;
}

export function bigintValue(node: TtlvNode | undefined): bigint | undefined {
  return node !== undefined && typeof node.value === "bigint" ? node.value : undefined;
}

export function textValue(node: TtlvNode | undefined): string | undefined {
  return node !== undefined && typeof node.value === "string" ? node.value : undefined;
}

export function booleanValue(node: TtlvNode | undefined): boolean | undefined {
  return node !== undefined && typeof node.value === "boolean" ? node.value : undefined;
}
