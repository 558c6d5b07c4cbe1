/** Lookups of the items of a structure by tag. */
import { ItemType, type TtlvNode } from "./types";

/** Returns the first item of `node` with this tag; undefined when none has it or `node` is a leaf. */
export function child(node: TtlvNode, tag: number): TtlvNode | undefined {
  if (node.type !== ItemType.Structure) return undefined;
  return node.value.find((item) => item.tag === tag);
}

/** Returns every item of `node` with this tag, in wire order; empty when `node` is a leaf. */
export function children(node: TtlvNode, tag: number): TtlvNode[] {
  if (node.type !== ItemType.Structure) return [];
  return node.value.filter((item) => item.tag === tag);
}
