/**
 * The decoder's fast path: one pass over well-formed TTLV that builds the tree without paths, tag
 * labels or violation records. It gives up (returns undefined) at the first byte it has any doubt
 * about. The caller then runs the full decoder in decode.ts, which finds and words the violation.
 * So every check here mirrors one there, and a doubt costs time only, never a different result.
 */
import { isUtf8 } from "node:buffer";
import { ItemType, type TtlvNode } from "./types";
import { decodeBigInteger, hasExcessSignPadding } from "./big-integer";

/** Sentinel thrown inside the fast path to unwind to `decodeFast`, which catches it. */
const GIVE_UP: unique symbol = Symbol("give up");

/** Item Lengths of the fixed-size types (Table 287), indexed by Item Type, with 0 for the others. */
const FIXED: readonly number[] = [0, 0, 4, 8, 0, 4, 8, 0, 0, 8, 4];

const TWO_POW_32 = 2 ** 32;

export interface FastDecodeSettings {
  maxDepth: number;
  allowNonZeroPadding: boolean;
}

/** Decodes `bytes` as exactly one item, or returns undefined when anything needs the full decoder. */
export function decodeFast(bytes: Buffer, settings: FastDecodeSettings): TtlvNode | undefined {
  const walker = new FastWalker(bytes, settings);

  try {
    const node = walker.item(bytes.length, 1);
    return walker.offset === bytes.length ? node : undefined;
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

class FastWalker {
  offset = 0;
  private readonly maxDepth: number;
  private readonly allowNonZeroPadding: boolean;

  constructor(
    private readonly bytes: Buffer,
    settings: FastDecodeSettings,
  ) {
    this.maxDepth = settings.maxDepth;
    this.allowNonZeroPadding = settings.allowNonZeroPadding;
  }

  /** Decodes the item at `offset`, which must end with its padding at or before `end`. */
  item(end: number, depth: number): TtlvNode {
    const bytes = this.bytes;
    const start = this.offset;
    if (end - start < 8) throw GIVE_UP;

    // §9.1.1: a 3-byte tag whose first byte is 0x42 or 0x54, a type byte and a 4-byte length.
    const first = bytes[start];
    if (first !== 0x42 && first !== 0x54) throw GIVE_UP;
    const tag = (first << 16) | (bytes[start + 1] << 8) | bytes[start + 2];
    const type = bytes[start + 3];
    const length = bytes[start + 4] * 0x1000000 + ((bytes[start + 5] << 16) | (bytes[start + 6] << 8) | bytes[start + 7]);

    const valueStart = start + 8;
    if (length > end - valueStart) throw GIVE_UP;
    const valueEnd = valueStart + length;
    const paddedEnd = valueStart + ((length + 7) & ~7);
    if (paddedEnd > end) throw GIVE_UP;

    this.offset = paddedEnd;
    if (type === ItemType.Structure) return this.structure(tag, valueStart, valueEnd, length, depth);

    if (type > ItemType.Interval || (FIXED[type] !== 0 && FIXED[type] !== length)) throw GIVE_UP;
    if (valueEnd !== paddedEnd && !this.allowNonZeroPadding) this.checkZero(valueEnd, paddedEnd);
    return { tag, type, value: this.leaf(type, valueStart, valueEnd) } as TtlvNode;
  }

  private structure(tag: number, valueStart: number, valueEnd: number, length: number, depth: number): TtlvNode {
    if ((length & 7) !== 0 || depth > this.maxDepth) throw GIVE_UP;

    const children: TtlvNode[] = [];
    this.offset = valueStart;
    while (this.offset < valueEnd) children.push(this.item(valueEnd, depth + 1));
    return { tag, type: ItemType.Structure, value: children };
  }

  private leaf(type: number, start: number, end: number): TtlvNode["value"] {
    const bytes = this.bytes;

    switch (type) {
      case ItemType.Integer:
        return bytes.readInt32BE(start);
      case ItemType.Enumeration:
      case ItemType.Interval:
        return bytes.readUInt32BE(start);
      case ItemType.LongInteger:
      case ItemType.DateTime:
        return this.int64(start);
      case ItemType.Boolean:
        return this.boolean(start);
      case ItemType.TextString:
        return this.text(start, end);
      case ItemType.ByteString:
        return this.copy(start, end);
      case ItemType.BigInteger:
        return this.bigInteger(start, end);
    }
    throw GIVE_UP;
  }

  /** Reads a signed 64-bit value. One in the safe-integer range converts through a number, which is faster. */
  private int64(start: number): bigint {
    const high = this.bytes.readInt32BE(start);
    const low = this.bytes.readUInt32BE(start + 4);
    if (high >= -0x200000 && high < 0x200000) return BigInt(high * TWO_POW_32 + low);
    return this.bytes.readBigInt64BE(start);
  }

  /** §9.1.1.4: only 0 and 1 are Booleans. */
  private boolean(start: number): boolean {
    const bytes = this.bytes;
    for (let index = start; index < start + 7; index++) if (bytes[index] !== 0) throw GIVE_UP;

    const last = bytes[start + 7];
    if (last > 1) throw GIVE_UP;
    return last === 1;
  }

  /** §9.1.1.4: UTF-8 without null termination. ASCII, the common case, skips the UTF-8 check. */
  private text(start: number, end: number): string {
    const bytes = this.bytes;
    if (end > start && bytes[end - 1] === 0) throw GIVE_UP;

    let ascii = true;
    for (let index = start; index < end; index++) {
      if (bytes[index] > 0x7f) {
        ascii = false;
        break;
      }
    }
    if (ascii) return bytes.toString("latin1", start, end);

    if (!isUtf8(bytes.subarray(start, end))) throw GIVE_UP;
    return bytes.toString("utf8", start, end);
  }

  private copy(start: number, end: number): Buffer {
    const value = Buffer.allocUnsafe(end - start);
    this.bytes.copy(value, 0, start, end);
    return value;
  }

  /** §9.1.1.4: a non-zero multiple of 8 bytes with no removable sign extension. */
  private bigInteger(start: number, end: number): bigint {
    const value = this.bytes.subarray(start, end);
    if (value.length === 0 || (value.length & 7) !== 0 || hasExcessSignPadding(value)) throw GIVE_UP;
    return decodeBigInteger(value);
  }

  private checkZero(start: number, end: number): void {
    for (let index = start; index < end; index++) if (this.bytes[index] !== 0) throw GIVE_UP;
  }
}
