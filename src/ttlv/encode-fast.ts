/**
 * The encoder's fast path. A first pass checks every value and adds up the size of the message;
 * a second writes it into one buffer of exactly that size. It gives up (returns undefined) at the
 * first value it has any doubt about. The caller then runs the full encoder in encode.ts, which
 * raises the error with the tag, path and offset. So a doubt costs time only, never a different result.
 */
import { ItemType, type TtlvNode } from "./types";
import { encodeBigInteger } from "./big-integer";

/** Sentinel thrown inside the fast path to unwind to `encodeFast`, which catches it. */
const GIVE_UP: unique symbol = Symbol("give up");

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const TWO_POW_32 = 2 ** 32;

/** Text Strings up to this many UTF-16 code units are written by writeText's own loop. */
const SHORT_TEXT_LENGTH = 64;

/** Encodes the tree, or returns undefined when any value needs the full encoder's checks. */
export function encodeFast(node: TtlvNode): Buffer | undefined {
  let size: number;
  try {
    size = measure(node);
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }

  const output = Buffer.allocUnsafe(size);
  write(output, 0, node);
  return output;
}

/** Returns the bytes the item takes with its padding, after checking its tag, type and value. */
function measure(node: TtlvNode): number {
  if (typeof node !== "object" || node === null) throw GIVE_UP;

  // §9.1.1.1: a 3-byte tag whose first byte is 0x42 or 0x54.
  const tag = node.tag;
  const first = tag >>> 16;
  if (typeof tag !== "number" || (tag & 0xffffff) !== tag || (first !== 0x42 && first !== 0x54)) throw GIVE_UP;

  const value: unknown = node.value;
  switch (node.type) {
    case ItemType.Structure:
      return 8 + measureChildren(value);
    case ItemType.Integer:
      return isInt32(value) ? 16 : giveUp();
    case ItemType.Enumeration:
    case ItemType.Interval:
      return isUint32(value) ? 16 : giveUp();
    case ItemType.LongInteger:
    case ItemType.DateTime:
      return isInt64(value) ? 16 : giveUp();
    case ItemType.Boolean:
      return typeof value === "boolean" ? 16 : giveUp();
    case ItemType.TextString:
      return 8 + aligned(textLength(value));
    case ItemType.ByteString:
      return value instanceof Uint8Array ? 8 + aligned(value.length) : giveUp();
    case ItemType.BigInteger:
      return typeof value === "bigint" ? 8 + encodeBigInteger(value).length : giveUp();
  }
  return giveUp();
}

function measureChildren(children: unknown): number {
  if (!Array.isArray(children)) throw GIVE_UP;

  let size = 0;
  for (let index = 0; index < children.length; index++) size += measure(children[index] as TtlvNode);
  return size;
}

function giveUp(): never {
  throw GIVE_UP;
}

function isInt32(value: unknown): boolean {
  return typeof value === "number" && (value | 0) === value;
}

function isUint32(value: unknown): boolean {
  return typeof value === "number" && value >>> 0 === value;
}

function isInt64(value: unknown): boolean {
  return typeof value === "bigint" && value >= INT64_MIN && value <= INT64_MAX;
}

/**
 * Returns the UTF-8 length of a Text String (§9.1.1.4). A string with any UTF-16 surrogate goes to
 * the full encoder, which rejects a lone surrogate because it has no UTF-8 form.
 */
function textLength(value: unknown): number {
  if (typeof value !== "string") throw GIVE_UP;

  let ascii = true;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdfff) throw GIVE_UP;
    if (code > 0x7f) ascii = false;
  }
  return ascii ? value.length : Buffer.byteLength(value, "utf8");
}

function aligned(length: number): number {
  return (length + 7) & ~7;
}

/** Writes the checked item at `offset` and returns the offset after its padding. */
function write(output: Buffer, offset: number, node: TtlvNode): number {
  output[offset] = node.tag >>> 16;
  output[offset + 1] = (node.tag >>> 8) & 0xff;
  output[offset + 2] = node.tag & 0xff;
  output[offset + 3] = node.type;

  const valueStart = offset + 8;
  const valueEnd = node.type === ItemType.Structure ? writeChildren(output, valueStart, node.value) : writeLeaf(output, valueStart, node);
  putUint32(output, offset + 4, valueEnd - valueStart);

  // §9.1.1.3: zero padding up to a multiple of 8 bytes.
  const paddedEnd = valueStart + aligned(valueEnd - valueStart);
  for (let index = valueEnd; index < paddedEnd; index++) output[index] = 0;
  return paddedEnd;
}

function writeChildren(output: Buffer, offset: number, children: TtlvNode[]): number {
  let end = offset;
  for (let index = 0; index < children.length; index++) end = write(output, end, children[index]);
  return end;
}

/** Writes a leaf's value at `offset` and returns the offset after it, before any padding. */
function writeLeaf(output: Buffer, offset: number, node: Exclude<TtlvNode, { type: ItemType.Structure }>): number {
  switch (node.type) {
    case ItemType.Integer:
    case ItemType.Enumeration:
    case ItemType.Interval:
      return putUint32(output, offset, node.value >>> 0);
    case ItemType.LongInteger:
    case ItemType.DateTime:
      return writeInt64(output, offset, node.value);
    case ItemType.Boolean:
      return writeInt64(output, offset, node.value ? 1n : 0n);
    case ItemType.TextString:
      return writeText(output, offset, node.value);
    case ItemType.ByteString:
      output.set(node.value, offset);
      return offset + node.value.length;
    case ItemType.BigInteger: {
      const bytes = encodeBigInteger(node.value);
      output.set(bytes, offset);
      return offset + bytes.length;
    }
  }
}

/**
 * Writes a Text String as UTF-8. A short ASCII one, such as an attribute name, is copied one char
 * code at a time, which is faster than Buffer.write's call into native code for a few bytes.
 */
function writeText(output: Buffer, offset: number, value: string): number {
  if (value.length > SHORT_TEXT_LENGTH) {
    return offset + output.write(value, offset, "utf8");
  }

  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code > 0x7f) {
      return offset + output.write(value, offset, "utf8");
    }
    output[offset + index] = code;
  }
  return offset + value.length;
}

/** Writes a signed 64-bit value. One in the safe-integer range goes through numbers, which is faster. */
function writeInt64(output: Buffer, offset: number, value: bigint): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number)) return output.writeBigInt64BE(value, offset);

  const high = Math.floor(number / TWO_POW_32);
  putUint32(output, offset, high >>> 0);
  return putUint32(output, offset + 4, number - high * TWO_POW_32);
}

/**
 * Writes a big-endian unsigned 32-bit value and returns the offset after it. The caller has
 * checked the value and the room, so this skips the checks of Buffer.writeUInt32BE.
 */
function putUint32(output: Buffer, offset: number, value: number): number {
  output[offset] = value >>> 24;
  output[offset + 1] = (value >>> 16) & 0xff;
  output[offset + 2] = (value >>> 8) & 0xff;
  output[offset + 3] = value & 0xff;
  return offset + 4;
}
