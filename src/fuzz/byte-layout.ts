/**
 * Item positions in the bytes of a valid TTLV message, and edits that keep the enclosing Lengths
 * consistent. The byte mutators use them to change one field of one item.
 */
import { alignedLength } from "../ttlv/reader";
import { HEADER_SIZE, ItemType } from "../ttlv/types";

/** Offset of the Length field inside an item header: after the 3-byte tag and the type byte. */
export const LENGTH_FIELD_OFFSET = 4;

/** Offset of the type byte inside an item header. */
export const TYPE_FIELD_OFFSET = 3;

/** One item of an encoded message. */
export interface ItemSpan {
  /** Offset of the item header. */
  offset: number;
  tag: number;
  type: number;
  /** Item Length: bytes of the value without padding. */
  length: number;
  /** Offset after the value and its padding. */
  end: number;
  /** Index in the span list of the enclosing structure; -1 for the top-level item. */
  parent: number;
  /** 1 for the top-level item. */
  depth: number;
}

/**
 * Lists the items of a valid TTLV message in document order. Walks without recursion, because
 * mutated messages nest thousands of structures deep. Raises RangeError on bytes it cannot walk.
 */
export function layoutItems(bytes: Buffer): ItemSpan[] {
  const spans: ItemSpan[] = [];
  /** Structures still being walked, innermost last. */
  const open: number[] = [];
  let offset = 0;

  do {
    while (open.length > 0 && offset >= spans[open[open.length - 1]].end) open.pop();

    const parent = open.length > 0 ? open[open.length - 1] : -1;
    const limit = parent >= 0 ? spans[parent].end : bytes.length;
    if (limit - offset < HEADER_SIZE) throw new RangeError(`no whole item header at offset ${offset}`);

    const span = readSpan(bytes, offset, parent, open.length + 1);
    const index = spans.push(span) - 1;
    if (span.type === ItemType.Structure && span.length > 0) {
      open.push(index);
      offset += HEADER_SIZE;
    } else {
      offset = span.end;
    }
  } while (offset < spans[0].end);
  return spans;
}

function readSpan(bytes: Buffer, offset: number, parent: number, depth: number): ItemSpan {
  const length = bytes.readUInt32BE(offset + LENGTH_FIELD_OFFSET);
  const type = bytes[offset + TYPE_FIELD_OFFSET];
  const end = offset + HEADER_SIZE + alignedLength(length);
  return { offset, tag: bytes.readUIntBE(offset, 3), type, length, end, parent, depth };
}

/** Returns the indexes of the structures that enclose item `index`, innermost first. */
export function ancestorsOf(spans: readonly ItemSpan[], index: number): number[] {
  const ancestors: number[] = [];
  for (let current = spans[index].parent; current >= 0; current = spans[current].parent) {
    ancestors.push(current);
  }
  return ancestors;
}

/**
 * Replaces bytes [start, end) by `insert`. The change in size is added to the Length of
 * `container`, the innermost structure holding the edit, and of every structure around it up to
 * the top-level item, so the framing stays whole.
 */
export function spliceWithin(bytes: Buffer, spans: readonly ItemSpan[], container: number, start: number, end: number, insert: Buffer): Buffer {
  const delta = insert.length - (end - start);
  const result = Buffer.concat([bytes.subarray(0, start), insert, bytes.subarray(end)]);

  for (const ancestor of [container, ...ancestorsOf(spans, container)]) {
    const field = spans[ancestor].offset + LENGTH_FIELD_OFFSET;
    result.writeUInt32BE(result.readUInt32BE(field) + delta, field);
  }
  return result;
}

/** Returns a copy with the Length field of the item at `offset` set to `length`. */
export function withLength(bytes: Buffer, offset: number, length: number): Buffer {
  const copy = Buffer.from(bytes);
  copy.writeUInt32BE(length >>> 0, offset + LENGTH_FIELD_OFFSET);
  return copy;
}

/** Returns a copy whose top-level Length matches its size, so a receiver frames it as one whole message. */
export function withFrameLength(bytes: Buffer): Buffer {
  return withLength(bytes, 0, bytes.length - HEADER_SIZE);
}
