/**
 * Mutators that change the bytes of an encoded request: type bytes, lengths, padding, tags,
 * truncation, nesting. Each returns the new bytes and what it did, or undefined when the message
 * has no item it applies to. Edits inside the message keep the top-level Length equal to the
 * bytes sent ("whole" framing) unless the mutator targets the framing itself ("partial").
 */
import { HEADER_SIZE, ItemType } from "../ttlv/types";
import { Prng } from "./prng";
import { LENGTH_FIELD_OFFSET, TYPE_FIELD_OFFSET, layoutItems, spliceWithin, withFrameLength, withLength, type ItemSpan } from "./byte-layout";
import { describeSpan } from "./describe";

/**
 * Relation of the bytes sent to the top-level Length. "whole": they are exactly one message, so the
 * target must send a response or close the connection. "partial": the Length promises more or fewer bytes than sent, so the
 * target may also wait for the rest of the message.
 */
export type Framing = "whole" | "partial";

export interface ByteEdit {
  bytes: Buffer;
  description: string;
  framing: Framing;
}

export interface ByteMutator {
  name: string;
  /** Relative frequency among the byte mutators. */
  weight: number;
  apply(rng: Prng, bytes: Buffer, spans: readonly ItemSpan[]): ByteEdit | undefined;
}

/** Nesting depths tried: around the decoder's default limit of 64, then far past it. */
const NESTING_DEPTHS = [16, 63, 64, 65, 100, 1000, 10_000];

/** Invalid UTF-8 sequences: a lone continuation byte, 0xFF, an overlong NUL, a UTF-16 surrogate, a 5-byte form. */
const INVALID_UTF8 = [[0x80], [0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]];

export const BYTE_MUTATORS: readonly ByteMutator[] = [
  { name: "type-byte", weight: 3, apply: changeTypeByte },
  { name: "item-length", weight: 4, apply: changeItemLength },
  { name: "frame-length", weight: 1, apply: changeFrameLength },
  { name: "padding-nonzero", weight: 2, apply: fillPadding },
  { name: "padding-missing", weight: 2, apply: removePadding },
  { name: "truncate", weight: 2, apply: truncate },
  { name: "bad-utf8", weight: 1, apply: breakUtf8 },
  { name: "bad-boolean", weight: 1, apply: breakBoolean },
  { name: "bad-tag", weight: 1, apply: breakTag },
  { name: "bit-flip", weight: 2, apply: flipBits },
  { name: "nest-deeply", weight: 2, apply: nestDeeply },
  { name: "trailing-bytes", weight: 1, apply: appendInsideStructure },
];

function pickSpan(rng: Prng, spans: readonly ItemSpan[], accept: (span: ItemSpan) => boolean): number | undefined {
  const indexes = spans.map((_, index) => index).filter((index) => accept(spans[index]));
  return indexes.length === 0 ? undefined : rng.pick(indexes);
}

const innerItem = (span: ItemSpan): boolean => span.parent >= 0;
const paddedLeaf = (span: ItemSpan): boolean => span.type !== ItemType.Structure && span.length % 8 !== 0;

export function changeTypeByte(rng: Prng, bytes: Buffer, spans: readonly ItemSpan[]): ByteEdit | undefined {
  const index = pickSpan(rng, spans, innerItem) ?? 0;
  const span = spans[index];
  const valid = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].filter((type) => type !== span.type);
  const type = rng.pick([...valid, 0x00, 0x0b, 0x20, 0x80, 0xff]);

  const copy = Buffer.from(bytes);
  copy[span.offset + TYPE_FIELD_OFFSET] = type;
  return { bytes: copy, description: `type byte of ${describeSpan(spans, index)} set to 0x${type.toString(16).padStart(2, "0")}`, framing: "whole" };
}

/** Sets an inner item's Length too short, too long, past its parent, or to 0xFFFFFFFF. */
export function changeItemLength(rng: Prng, bytes: Buffer, spans: readonly ItemSpan[]): ByteEdit | undefined {
  const index = pickSpan(rng, spans, innerItem);
  if (index === undefined) return undefined;

  const span = spans[index];
  const parentEnd = spans[span.parent].end;
  const candidates = [0, span.length + 1, span.length + 8, parentEnd - span.offset, 0x7fffffff, 0x80000000, 0xffffffff, rng.nextUint32()];
  if (span.length >= 1) candidates.push(span.length - 1);
  if (span.length >= 8) candidates.push(span.length - 8);

  const length = rng.pick(candidates);
  return { bytes: withLength(bytes, span.offset, length), description: `Length of ${describeSpan(spans, index)} set to ${length} (was ${span.length})`, framing: "whole" };
}

/** Sets the top-level Length so it no longer matches the bytes sent. */
export function changeFrameLength(rng: Prng, bytes: Buffer, spans: readonly ItemSpan[]): ByteEdit | undefined {
  const actual = spans[0].length;
  const length = rng.pick([actual + 1, actual + 8, actual + 64, Math.max(0, actual - 8), 0, 0x7fffffff, 0xffffffff]);
  return { bytes: withLength(bytes, 0, length), description: `top-level Length set to ${length}, ${actual} bytes follow the header`, framing: "partial" };
}

export function fillPadding(rng: Prng, bytes: Buffer, spans: readonly ItemSpan[]): ByteEdit | undefined {
  const index = pickSpan(rng, spans, paddedLeaf);
  if (index === undefined) return undefined;

  const span = spans[index];
  const copy = Buffer.from(bytes);
  const start = span.offset + HEADER_SIZE + span.length;
  for (let offset = start; offset < span.end; offset += 1) copy[offset] = rng.int(1, 255);
  return { bytes: copy, description: `padding of ${describeSpan(spans, index)} set to 0x${copy.subarray(start, span.end).toString("hex")}`, framing: "whole" };
}

/** Removes an item's padding and shortens the enclosing Lengths to match. */
export function removePadding(rng: Prng, bytes: Buffer, spans: readonly ItemSpan[]): ByteEdit | undefined {
  const index = pickSpan(rng, spans, (span) => innerItem(span) && paddedLeaf(span));
  if (index === undefined) return undefined;

  const span = spans[index];
  const start = span.offset + HEADER_SIZE + span.length;
  const edited = spliceWithin(bytes, spans, span.parent, start, span.end, Buffer.alloc(0));
  return { bytes: edited, description: `${span.end - start} padding bytes of ${describeSpan(spans, index)} removed`, framing: "whole" };
}

/** Cuts the message short; most often the top-level Length is set to match, else the receiver waits for the rest. */
export function truncate(rng: Prng, bytes: Buffer): ByteEdit | undefined {
  if (bytes.length <= HEADER_SIZE + 1) return undefined;

  if (rng.chance(0.1)) {
    const size = rng.int(1, HEADER_SIZE - 1);
    return { bytes: bytes.subarray(0, size), description: `only the first ${size} bytes of the header sent`, framing: "partial" };
  }

  const size = rng.int(HEADER_SIZE + 1, bytes.length - 1);
  const cut = Buffer.from(bytes.subarray(0, size));
  if (rng.chance(0.2)) {
    return { bytes: cut, description: `cut to ${size} of ${bytes.length} bytes, top-level Length left at ${bytes.length - HEADER_SIZE}`, framing: "partial" };
  }
  return { bytes: withFrameLength(cut), description: `cut to ${size} of ${bytes.length} bytes, top-level Length set to ${size - HEADER_SIZE}`, framing: "whole" };
}

export function breakUtf8(rng: Prng, bytes: Buffer, spans: readonly ItemSpan[]): ByteEdit | undefined {
  const sequence = rng.pick(INVALID_UTF8);
  const index = pickSpan(rng, spans, (span) => span.type === ItemType.TextString && span.length >= sequence.length);
  if (index === undefined) return undefined;

  const span = spans[index];
  const position = span.offset + HEADER_SIZE + rng.int(0, span.length - sequence.length);
  const copy = Buffer.from(bytes);
  copy.set(sequence, position);
  return { bytes: copy, description: `bytes ${Buffer.from(sequence).toString("hex")} written into the text of ${describeSpan(spans, index)}`, framing: "whole" };
}

/** §9.1.1.4: a Boolean is 0 or 1 in 8 bytes; this writes another value. */
export function breakBoolean(rng: Prng, bytes: Buffer, spans: readonly ItemSpan[]): ByteEdit | undefined {
  const index = pickSpan(rng, spans, (span) => span.type === ItemType.Boolean && span.length === 8);
  if (index === undefined) return undefined;

  const value = rng.pick([2n, 0xffffffffffffffffn, 0x0100000000000000n]);
  const copy = Buffer.from(bytes);
  copy.writeBigUInt64BE(value, spans[index].offset + HEADER_SIZE);
  return { bytes: copy, description: `value of ${describeSpan(spans, index)} set to 0x${value.toString(16)}`, framing: "whole" };
}

/** §9.1.1.1: a tag's first byte is 0x42 or 0x54; this writes another. */
export function breakTag(rng: Prng, bytes: Buffer, spans: readonly ItemSpan[]): ByteEdit | undefined {
  const index = pickSpan(rng, spans, innerItem) ?? 0;
  let first = rng.int(0, 255);
  while (first === 0x42 || first === 0x54) first = rng.int(0, 255);

  const copy = Buffer.from(bytes);
  copy[spans[index].offset] = first;
  return { bytes: copy, description: `first tag byte of ${describeSpan(spans, index)} set to 0x${first.toString(16).padStart(2, "0")}`, framing: "whole" };
}

/** Flips 1 to 8 random bits after the top-level header. */
export function flipBits(rng: Prng, bytes: Buffer): ByteEdit | undefined {
  if (bytes.length <= HEADER_SIZE) return undefined;

  const copy = Buffer.from(bytes);
  const offsets: number[] = [];
  for (let count = rng.int(1, 8); count > 0; count -= 1) {
    const offset = rng.int(HEADER_SIZE, bytes.length - 1);
    copy[offset] ^= 1 << rng.int(0, 7);
    offsets.push(offset);
  }
  return { bytes: copy, description: `bits flipped at offsets ${offsets.join(", ")}`, framing: "whole" };
}

/** Wraps an inner item in many Structures of its parent's tag. */
export function nestDeeply(rng: Prng, bytes: Buffer, spans: readonly ItemSpan[]): ByteEdit | undefined {
  const index = pickSpan(rng, spans, innerItem);
  if (index === undefined) return undefined;

  const span = spans[index];
  const depth = rng.pick(NESTING_DEPTHS);
  const tag = spans[span.parent].tag;
  const innerSize = span.end - span.offset;

  const headers = Buffer.alloc(depth * HEADER_SIZE);
  for (let level = 0; level < depth; level += 1) {
    const offset = level * HEADER_SIZE;
    headers.writeUIntBE(tag, offset, 3);
    headers[offset + TYPE_FIELD_OFFSET] = ItemType.Structure;
    headers.writeUInt32BE(innerSize + (depth - level - 1) * HEADER_SIZE, offset + LENGTH_FIELD_OFFSET);
  }

  const edited = spliceWithin(bytes, spans, span.parent, span.offset, span.offset, headers);
  return { bytes: edited, description: `${describeSpan(spans, index)} wrapped in ${depth} nested Structures`, framing: "whole" };
}

/** Appends 1 to 12 random bytes at the end of a structure's value, growing the enclosing Lengths. */
export function appendInsideStructure(rng: Prng, bytes: Buffer, spans: readonly ItemSpan[]): ByteEdit {
  const index = pickSpan(rng, spans, (span) => span.type === ItemType.Structure) ?? 0;
  const garbage = rng.bytes(rng.int(1, 12));
  const edited = spliceWithin(bytes, spans, index, spans[index].end, spans[index].end, garbage);
  return { bytes: edited, description: `${garbage.length} bytes 0x${garbage.toString("hex")} appended inside ${describeSpan(spans, index)}`, framing: "whole" };
}

export { layoutItems };
