/**
 * Pairing of the same-tag items of a structure: by position, or by a key a rule supplies. Keyed
 * pairing matches each expected item with the first unused actual item of the same key, so the
 * order of the items does not matter and duplicates pair in wire order.
 */
import type { PairKey, SiblingGroup } from "./types";

export interface SiblingPairing {
  /** Each expected item with its actual counterpart; actualIndex is undefined when none exists. */
  pairs: Array<{ expectedIndex: number; actualIndex: number | undefined }>;
  /** Indexes of actual items that no expected item took. */
  unpaired: number[];
}

export function pairSiblings(group: SiblingGroup, pairKey: PairKey | undefined): SiblingPairing {
  return pairKey === undefined ? pairByPosition(group) : pairByKey(group, pairKey);
}

function pairByPosition(group: SiblingGroup): SiblingPairing {
  const pairs = group.expectedItems.map((_, index) => ({ expectedIndex: index, actualIndex: index < group.actualItems.length ? index : undefined }));
  const unpaired = group.actualItems.map((_, index) => index).filter((index) => index >= group.expectedItems.length);
  return { pairs, unpaired };
}

function pairByKey(group: SiblingGroup, pairKey: PairKey): SiblingPairing {
  const free = new Map<string, number[]>();
  group.actualItems.forEach((item, index) => {
    const key = pairKey.key(item);
    free.set(key, [...(free.get(key) ?? []), index]);
  });

  const pairs = group.expectedItems.map((item, expectedIndex) => ({ expectedIndex, actualIndex: free.get(pairKey.key(item))?.shift() }));
  const unpaired = [...free.values()].flat().sort((a, b) => a - b);
  return { pairs, unpaired };
}
