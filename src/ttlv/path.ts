/**
 * Tag labels and item paths used in codec messages, e.g. `ResponseMessage/BatchItem[2]/ResultStatus`.
 *
 * A path segment is the tag label, followed by `[n]` when the parent contains more than one item with
 * that tag. The index n counts among the same-tag siblings only, from 1, in wire order. A segment
 * without an index is thus the only item with its tag in its parent.
 */
import type { TagNamer } from "./types";

/** Returns the namer's name for the tag, else the tag as six hex digits (`0x420020`). */
export function tagLabel(tag: number, namer?: TagNamer): string {
  return namer?.(tag) ?? formatTag(tag);
}

export function formatTag(tag: number): string {
  return `0x${tag.toString(16).toUpperCase().padStart(6, "0")}`;
}

export function joinPath(parentPath: string, segment: string): string {
  return parentPath === "" ? segment : `${parentPath}/${segment}`;
}

/**
 * Numbers the items of one structure for their path segments. Built from the tags of all the
 * siblings, then asked for each item in wire order.
 */
export class SiblingCounter {
  private readonly totals = new Map<number, number>();
  private readonly seen = new Map<number, number>();

  constructor(siblingTags: Iterable<number>) {
    for (const tag of siblingTags) {
      this.totals.set(tag, (this.totals.get(tag) ?? 0) + 1);
    }
  }

  /** Returns the segment of the next item with this tag. */
  nextSegment(tag: number, label: string): string {
    const index = (this.seen.get(tag) ?? 0) + 1;
    this.seen.set(tag, index);

    const total = Math.max(this.totals.get(tag) ?? 0, index);
    return total > 1 ? `${label}[${index}]` : label;
  }
}

/** Returns the path segment of each child, in order, by the rule at the top of this file. */
export function childSegments(children: ReadonlyArray<{ tag: number }>, namer?: TagNamer): string[] {
  const counter = new SiblingCounter(children.map((child) => child.tag));
  return children.map((child) => counter.nextSegment(child.tag, tagLabel(child.tag, namer)));
}
