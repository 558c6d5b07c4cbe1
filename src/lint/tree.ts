/** Walking decoded messages with item paths, and the field-order check the message tables need. */
import { Tag, tagLabel, tagName } from "../kmip";
import { childSegments, joinPath } from "../ttlv";
import { ItemType, type StructureNode, type TtlvNode } from "../ttlv/types";
import type { FieldSlot } from "./payload-shapes";
import type { LintRuleId } from "./rules";
import type { LintIssue } from "./types";

/** An item with its path, e.g. `RequestMessage/BatchItem[2]/RequestPayload`. */
export interface PlacedNode {
  node: TtlvNode;
  path: string;
}

/** Returns the children of a structure with their paths, numbered as the codec numbers them. */
export function placedChildren(structure: StructureNode, path: string): PlacedNode[] {
  const segments = childSegments(structure.value, tagName);
  return structure.value.map((node, index) => ({ node, path: joinPath(path, segments[index]) }));
}

/** Calls `visit` on the item and on every item below it, parents first. */
export function walk(placed: PlacedNode, visit: (item: PlacedNode) => void): void {
  visit(placed);
  if (placed.node.type === ItemType.Structure) {
    for (const item of placedChildren(placed.node, placed.path)) {
      walk(item, visit);
    }
  }
}

export function isStructure(node: TtlvNode | undefined): node is StructureNode {
  return node?.type === ItemType.Structure;
}

/** Returns the first child with the tag, with its path. */
export function placedChild(structure: PlacedNode, tag: number): PlacedNode | undefined {
  return isStructure(structure.node) ? placedChildren(structure.node, structure.path).find((item) => item.node.tag === tag) : undefined;
}

/** Returns every child with the tag, with their paths. */
export function placedChildrenWithTag(structure: PlacedNode, tag: number): PlacedNode[] {
  return isStructure(structure.node) ? placedChildren(structure.node, structure.path).filter((item) => item.node.tag === tag) : [];
}

/**
 * Returns one field-order issue for each field of the table that comes after a field the table
 * places later. Fields the table does not list are left to the other checks.
 */
export function fieldOrderIssues(structure: PlacedNode, order: readonly FieldSlot[], table: string, rule: LintRuleId = "field-order"): LintIssue[] {
  if (!isStructure(structure.node)) {
    return [];
  }

  const issues: LintIssue[] = [];
  let latest: PlacedNode | undefined;
  for (const item of placedChildren(structure.node, structure.path)) {
    const position = slotOf(order, item.node.tag);
    if (position < 0) {
      continue;
    }

    if (latest !== undefined && position < slotOf(order, latest.node.tag)) {
      const message = `${tagLabel(item.node.tag)} comes after ${tagLabel(latest.node.tag)} in ${tagLabel(structure.node.tag)}`;
      issues.push({ rule, path: item.path, message, expected: `the fields in the order of ${table}: ${order.map(slotLabel).join(", ")}`, actual: fieldList(structure.node), severity: "fail" });
      continue;
    }
    latest = item;
  }
  return issues;
}

function slotOf(order: readonly FieldSlot[], tag: number): number {
  return order.findIndex((slot) => (typeof slot === "number" ? slot === tag : slot.includes(tag)));
}

function slotLabel(slot: FieldSlot): string {
  return typeof slot === "number" ? tagLabel(slot) : slot.map(tagLabel).join(" or ");
}

/** Lists the tags of a structure's fields in wire order. */
export function fieldList(structure: StructureNode): string {
  return structure.value.map((field) => tagLabel(field.tag)).join(", ");
}

/** Reads "major.minor" from a message's header Protocol Version; undefined when it is missing or malformed. */
export function protocolVersionOf(message: TtlvNode): { major: number; minor: number } | undefined {
  const header = isStructure(message) ? message.value.find((field) => field.tag === Tag.RequestHeader || field.tag === Tag.ResponseHeader) : undefined;
  const version = isStructure(header) ? header.value.find((field) => field.tag === Tag.ProtocolVersion) : undefined;
  if (!isStructure(version)) {
    return undefined;
  }

  const major = version.value.find((field) => field.tag === Tag.ProtocolVersionMajor);
  const minor = version.value.find((field) => field.tag === Tag.ProtocolVersionMinor);
  if (major?.type !== ItemType.Integer || minor?.type !== ItemType.Integer) {
    return undefined;
  }
  return { major: major.value, minor: minor.value };
}
