/** Walking and copying TTLV trees for the tree mutators. */
import { tagLabel } from "../kmip";
import { childSegments } from "../ttlv/path";
import { ItemType, type TtlvNode } from "../ttlv/types";

type StructureNode = Extract<TtlvNode, { type: ItemType.Structure }>;

/** One item of a tree with where it sits: its parent structure, its index there and its path. */
export interface NodeRef {
  node: TtlvNode;
  /** Undefined for the top-level item. */
  parent: StructureNode | undefined;
  index: number;
  path: string;
  /** 1 for the top-level item. */
  depth: number;
}

/** Lists every item of the tree in document order, the top-level item first. */
export function listNodes(root: TtlvNode): NodeRef[] {
  const refs: NodeRef[] = [];
  const visit = (node: TtlvNode, parent: StructureNode | undefined, index: number, path: string, depth: number): void => {
    refs.push({ node, parent, index, path, depth });
    if (node.type !== ItemType.Structure) return;

    const segments = childSegments(node.value, tagLabel);
    node.value.forEach((item, i) => visit(item, node, i, `${path}/${segments[i]}`, depth + 1));
  };

  visit(root, undefined, 0, tagLabel(root.tag), 1);
  return refs;
}

/** Returns a deep copy, Byte String buffers included, so mutating it leaves the original intact. */
export function cloneTree(node: TtlvNode): TtlvNode {
  switch (node.type) {
    case ItemType.Structure:
      return { tag: node.tag, type: node.type, value: node.value.map(cloneTree) };
    case ItemType.ByteString:
      return { tag: node.tag, type: node.type, value: Buffer.from(node.value) };
    default:
      return { ...node } as TtlvNode;
  }
}

/** Replaces the item a reference points at; the top-level item cannot be replaced in place. */
export function replaceNode(ref: NodeRef, replacement: TtlvNode): void {
  if (ref.parent === undefined) throw new RangeError("replaceNode cannot replace the top-level item");
  ref.parent.value[ref.index] = replacement;
}

export function isStructure(node: TtlvNode): node is StructureNode {
  return node.type === ItemType.Structure;
}
