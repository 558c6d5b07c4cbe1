/**
 * Paths of diffs. A segment is the tag name, followed by `[n]` when the expected or the actual
 * structure holds more than one item with that tag; n counts from 1 among the same-tag siblings, as
 * in the codec's decode errors (e.g. `ResponseMessage/BatchItem[2]/ResultStatus`).
 */
import { tagLabel } from "../kmip";

export function childPath(parentPath: string, tag: number, index: number, siblingsWithTag: number): string {
  const label = tagLabel(tag);
  const segment = siblingsWithTag > 1 ? `${label}[${index + 1}]` : label;
  return parentPath === "" ? segment : `${parentPath}/${segment}`;
}

/** Groups items by tag, keeping wire order inside each group. */
export function groupByTag<T extends { tag: number }>(items: ReadonlyArray<T>): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const group = groups.get(item.tag) ?? [];
    group.push(item);
    groups.set(item.tag, group);
  }

  return groups;
}
