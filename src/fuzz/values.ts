/** Random and boundary values of each TTLV item type, all encodable, for the tree mutators. */
import { ENUMERATIONS, enumerationOfAttribute, enumerationOfTag, enumName, Tag, tagName } from "../kmip";
import { ItemType, type TtlvNode } from "../ttlv/types";
import { Prng } from "./prng";
import type { NodeRef } from "./tree";

export const INT32_MIN = -(2 ** 31);
export const INT32_MAX = 2 ** 31 - 1;
export const UINT32_MAX = 2 ** 32 - 1;
export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

/** §9.1.3.2: enumeration values 0x8XXXXXXX are extensions. */
const EXTENSION_ENUMERATION = 0x80000000;

const LEAF_TYPES: readonly ItemType[] = [
  ItemType.Integer,
  ItemType.LongInteger,
  ItemType.BigInteger,
  ItemType.Enumeration,
  ItemType.Boolean,
  ItemType.TextString,
  ItemType.ByteString,
  ItemType.DateTime,
  ItemType.Interval,
];

/** Returns an item of the given tag with a random type (Structure included) and a random value of it. */
export function randomItem(rng: Prng, tag: number, excludeType?: ItemType): TtlvNode {
  const types = [...LEAF_TYPES, ItemType.Structure].filter((type) => type !== excludeType);
  const type = rng.pick(types);
  if (type === ItemType.Structure) {
    const count = rng.int(0, 2);
    return { tag, type, value: Array.from({ length: count }, () => randomLeaf(rng, tag)) };
  }
  return randomLeaf(rng, tag, type);
}

/** Returns a leaf of the given tag and type (random when not given) with a random valid value. */
export function randomLeaf(rng: Prng, tag: number, type: ItemType = rng.pick(LEAF_TYPES)): TtlvNode {
  switch (type) {
    case ItemType.Integer:
      return { tag, type, value: rng.nextUint32() | 0 };
    case ItemType.Enumeration:
    case ItemType.Interval:
      return { tag, type, value: rng.nextUint32() };
    case ItemType.LongInteger:
    case ItemType.DateTime:
      return { tag, type, value: BigInt.asIntN(64, (BigInt(rng.nextUint32()) << 32n) | BigInt(rng.nextUint32())) };
    case ItemType.BigInteger:
      return { tag, type, value: BigInt(`0x${rng.bytes(rng.int(1, 32)).toString("hex")}`) * (rng.chance(0.5) ? 1n : -1n) };
    case ItemType.Boolean:
      return { tag, type, value: rng.chance(0.5) };
    case ItemType.TextString:
      return { tag, type, value: rng.bytes(rng.int(0, 24)).toString("base64") };
    default:
      return { tag, type: ItemType.ByteString, value: rng.bytes(rng.int(0, 40)) };
  }
}

/** Returns an extreme value of the leaf's own type: 0, -1, the minimum or maximum, empty text... */
export function boundaryLeaf(rng: Prng, node: TtlvNode): TtlvNode {
  const { tag } = node;
  switch (node.type) {
    case ItemType.Integer:
      return { tag, type: node.type, value: rng.pick([0, -1, 1, INT32_MIN, INT32_MAX]) };
    case ItemType.Enumeration:
    case ItemType.Interval:
      return { tag, type: node.type, value: rng.pick([0, 1, EXTENSION_ENUMERATION, UINT32_MAX]) };
    case ItemType.LongInteger:
    case ItemType.DateTime:
      return { tag, type: node.type, value: rng.pick([0n, -1n, INT64_MIN, INT64_MAX]) };
    case ItemType.BigInteger:
      return { tag, type: node.type, value: rng.pick([0n, -1n, 2n ** 1024n, -(2n ** 4095n)]) };
    case ItemType.Boolean:
      return { tag, type: node.type, value: !node.value };
    case ItemType.TextString:
      return { tag, type: node.type, value: rng.pick(["", "\u0000", " ", "\u{1F511}".repeat(3), "%s%n%x"]) };
    case ItemType.ByteString:
      return { tag, type: node.type, value: rng.pick([Buffer.alloc(0), Buffer.alloc(1), Buffer.alloc(4096, 0xff)]) };
    default:
      return { tag, type: node.type, value: [] };
  }
}

/**
 * Returns a replacement for an Enumeration value: most often another value of the same
 * enumeration (from the dictionary), else 0, the maximum, an extension value or a random one.
 */
export function enumerationCandidate(rng: Prng, ref: NodeRef): { value: number; label: string } {
  const enumeration = enumerationAt(ref);
  const defined = enumeration === undefined ? [] : Object.values(ENUMERATIONS[enumeration as keyof typeof ENUMERATIONS].values as Record<string, number>);

  const value = rng.pickWeighted<() => number>([
    { weight: defined.length > 0 ? 5 : 0, value: () => rng.pick(defined) },
    { weight: 1, value: () => 0 },
    { weight: 1, value: () => UINT32_MAX },
    { weight: 1, value: () => EXTENSION_ENUMERATION + rng.int(0, 0xffff) },
    { weight: 1, value: () => rng.nextUint32() },
  ])();

  const name = enumeration === undefined ? undefined : enumName(enumeration, value);
  return { value, label: `0x${value.toString(16).padStart(8, "0")}${name === undefined ? "" : ` (${name})`}` };
}

/** Names the enumeration of an Enumeration item, from its tag or, for an Attribute Value, from the Attribute Name beside it. */
function enumerationAt(ref: NodeRef): string | undefined {
  if (ref.node.tag !== Tag.AttributeValue) return enumerationOfTag(ref.node.tag);

  const name = ref.parent?.value.find((item) => item.tag === Tag.AttributeName);
  return name?.type === ItemType.TextString ? enumerationOfAttribute(name.value) : undefined;
}

/** Returns a tag with first byte 0x42 that Table 288 does not assign. */
export function unassignedTag(rng: Prng): number {
  for (;;) {
    const tag = 0x420000 + rng.int(0x0200, 0xffff);
    if (tagName(tag) === undefined) return tag;
  }
}

/** Returns an extension tag: first byte 0x54 (§9.1.1.1). */
export function extensionTag(rng: Prng): number {
  return 0x540000 + rng.int(0, 0xffff);
}
