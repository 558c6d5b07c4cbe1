/**
 * Mutators that change the TTLV tree of a request. The result is encoded as valid TTLV, so the
 * target must parse it and judge its meaning. Each changes the tree in place and returns a
 * description of the change, or undefined when the tree has no item it applies to.
 */
import { encode } from "../ttlv/encode";
import { DEFAULT_MAX_MESSAGE_SIZE } from "../ttlv/framing";
import { ItemType, type TtlvNode } from "../ttlv/types";
import { Prng } from "./prng";
import { cloneTree, isStructure, listNodes, replaceNode, type NodeRef } from "./tree";
import { boundaryLeaf, enumerationCandidate, extensionTag, randomItem, unassignedTag } from "./values";

export interface TreeMutator {
  name: string;
  /** Relative frequency among the tree mutators. */
  weight: number;
  apply(rng: Prng, root: TtlvNode): string | undefined;
}

/** Sizes of oversize strings, in bytes: the last two reach and pass the default maximum message size of 1 MiB. */
const OVERSIZE_LENGTHS = [
  { weight: 4, value: 256 },
  { weight: 4, value: 4096 },
  { weight: 2, value: 65536 },
  { weight: 1, value: DEFAULT_MAX_MESSAGE_SIZE - 4096 },
  { weight: 1, value: DEFAULT_MAX_MESSAGE_SIZE + 1 },
];

/**
 * Bytes one duplication may add: twice the default maximum message size, so copies of an
 * oversize string cannot grow a message to gigabytes.
 */
const DUPLICATION_BUDGET = 2 * DEFAULT_MAX_MESSAGE_SIZE;

export const TREE_MUTATORS: readonly TreeMutator[] = [
  { name: "enumeration-value", weight: 4, apply: swapEnumeration },
  { name: "boundary-value", weight: 3, apply: setBoundaryValue },
  { name: "leaf-type", weight: 3, apply: changeItemType },
  { name: "duplicate-item", weight: 3, apply: duplicateItem },
  { name: "remove-item", weight: 2, apply: removeItem },
  { name: "reorder-items", weight: 2, apply: reorderItems },
  { name: "unknown-tag", weight: 2, apply: (rng, root) => injectItem(rng, root, unassignedTag(rng), "unassigned") },
  { name: "extension-tag", weight: 2, apply: (rng, root) => injectItem(rng, root, extensionTag(rng), "extension") },
  { name: "oversize-string", weight: 1, apply: oversizeString },
];

function pickRef(rng: Prng, root: TtlvNode, accept: (ref: NodeRef) => boolean): NodeRef | undefined {
  const refs = listNodes(root).filter(accept);
  return refs.length === 0 ? undefined : rng.pick(refs);
}

const notTopLevel = (ref: NodeRef): boolean => ref.parent !== undefined;

export function swapEnumeration(rng: Prng, root: TtlvNode): string | undefined {
  const ref = pickRef(rng, root, (candidate) => candidate.node.type === ItemType.Enumeration);
  if (ref === undefined) return undefined;

  const { value, label } = enumerationCandidate(rng, ref);
  (ref.node as { value: number }).value = value;
  return `${ref.path} set to ${label}`;
}

export function setBoundaryValue(rng: Prng, root: TtlvNode): string | undefined {
  const ref = pickRef(rng, root, (candidate) => !isStructure(candidate.node));
  if (ref === undefined) return undefined;

  const replacement = boundaryLeaf(rng, ref.node);
  replaceNode(ref, replacement);
  return `${ref.path} set to ${describeValue(replacement)}`;
}

export function changeItemType(rng: Prng, root: TtlvNode): string | undefined {
  const ref = pickRef(rng, root, notTopLevel);
  if (ref === undefined) return undefined;

  const replacement = randomItem(rng, ref.node.tag, ref.node.type);
  replaceNode(ref, replacement);
  return `${ref.path} changed from ${ItemType[ref.node.type]} to ${ItemType[replacement.type]} ${describeValue(replacement)}`;
}

/** Repeats an item next to itself, at most DUPLICATION_BUDGET bytes of copies in all. */
export function duplicateItem(rng: Prng, root: TtlvNode): string | undefined {
  const ref = pickRef(rng, root, notTopLevel);
  if (ref === undefined || ref.parent === undefined) return undefined;

  const wanted = rng.pickWeighted([
    { weight: 6, value: 1 },
    { weight: 3, value: rng.int(2, 8) },
    { weight: 1, value: rng.int(100, 1000) },
  ]);
  const copies = Math.min(wanted, Math.floor(DUPLICATION_BUDGET / encode(ref.node).length));
  if (copies === 0) return undefined;

  ref.parent.value.splice(ref.index + 1, 0, ...Array.from({ length: copies }, () => cloneTree(ref.node)));
  return `${ref.path} repeated ${copies} more time${copies === 1 ? "" : "s"}`;
}

export function removeItem(rng: Prng, root: TtlvNode): string | undefined {
  const ref = pickRef(rng, root, notTopLevel);
  if (ref === undefined || ref.parent === undefined) return undefined;

  ref.parent.value.splice(ref.index, 1);
  return `${ref.path} removed`;
}

export function reorderItems(rng: Prng, root: TtlvNode): string | undefined {
  const ref = pickRef(rng, root, (candidate) => isStructure(candidate.node) && candidate.node.value.length >= 2);
  if (ref === undefined || !isStructure(ref.node)) return undefined;

  const original: TtlvNode[] = ref.node.value;
  let reordered = rng.shuffle(original);
  if (reordered.every((item, i) => item === original[i])) reordered = [...original].reverse();
  ref.node.value = reordered;
  return `items of ${ref.path} reordered`;
}

export function injectItem(rng: Prng, root: TtlvNode, tag: number, kind: string): string | undefined {
  const ref = pickRef(rng, root, (candidate) => isStructure(candidate.node));
  if (ref === undefined || !isStructure(ref.node)) return undefined;

  const item = randomItem(rng, tag);
  const position = rng.int(0, ref.node.value.length);
  ref.node.value.splice(position, 0, item);
  return `${kind} tag 0x${tag.toString(16).toUpperCase()} (${ItemType[item.type]}) inserted in ${ref.path} at position ${position + 1}`;
}

/** Replaces a Text or Byte String (any leaf when there is none) by a long one of the same tag. */
export function oversizeString(rng: Prng, root: TtlvNode): string | undefined {
  const isString = (ref: NodeRef): boolean => ref.node.type === ItemType.TextString || ref.node.type === ItemType.ByteString;
  const ref = pickRef(rng, root, isString) ?? pickRef(rng, root, (candidate) => notTopLevel(candidate) && !isStructure(candidate.node));
  if (ref === undefined) return undefined;

  const length = rng.pickWeighted(OVERSIZE_LENGTHS);
  const replacement: TtlvNode = ref.node.type === ItemType.ByteString
    ? { tag: ref.node.tag, type: ItemType.ByteString, value: Buffer.alloc(length, rng.int(0, 255)) }
    : { tag: ref.node.tag, type: ItemType.TextString, value: "\u00e9".repeat(length / 2) + (length % 2 === 1 ? "A" : "") };
  replaceNode(ref, replacement);
  return `${ref.path} replaced by a ${length}-byte ${ItemType[replacement.type]}`;
}

function describeValue(node: TtlvNode): string {
  switch (node.type) {
    case ItemType.Structure:
      return `with ${node.value.length} items`;
    case ItemType.ByteString:
      return `of ${node.value.length} bytes`;
    case ItemType.TextString:
      return node.value.length > 40 ? `of ${node.value.length} characters` : JSON.stringify(node.value);
    default:
      return String(node.value);
  }
}
