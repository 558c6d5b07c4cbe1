/**
 * TTLV encoder (KMIP 1.4 §9.1). Checks every value before writing it and raises TtlvEncodeError,
 * naming the tag, the path and the value, for one that has no valid encoding.
 *
 * `encode` first tries the fast path (encode-fast.ts), which builds no paths. When it doubts any
 * value it gives up, and the full encoder below walks the tree again to word the error.
 */
import { ItemType, type TagNamer, type TtlvNode } from "./types";
import { TtlvEncodeError, formatFault } from "./errors";
import { childSegments, formatTag, joinPath, tagLabel } from "./path";
import { TtlvWriter } from "./writer";
import { encodeBigInteger } from "./big-integer";
import { encodeFast } from "./encode-fast";

export interface EncodeOptions {
  /** Names tags in error messages; without it tags read as `0x420020`. */
  namer?: TagNamer;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const UINT32_MAX = 2 ** 32 - 1;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** A lone UTF-16 surrogate: a string holding one has no UTF-8 encoding. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Encodes one item, and a structure's items below it, as TTLV bytes. */
export function encode(node: TtlvNode, options: EncodeOptions = {}): Buffer {
  return encodeFast(node) ?? encodeThoroughly(node, options);
}

/** Encodes with the full encoder only, which names the tag and path of a bad value; `encode` falls back to it. */
export function encodeThoroughly(node: TtlvNode, options: EncodeOptions = {}): Buffer {
  const writer = new TtlvWriter();
  const root = tagLabel(node.tag, options.namer);
  writeItem(writer, node, root, options.namer);
  return writer.toBuffer();
}

function writeItem(writer: TtlvWriter, node: TtlvNode, path: string, namer: TagNamer | undefined): void {
  const offset = writer.offset;
  const fail = (code: TtlvEncodeError["code"], expected: string, actual: string, detail: string): never => {
    const label = tagLabel(node.tag, namer);
    const facts = { tag: node.tag, tagLabel: label, path, offset, expected, actual };
    throw new TtlvEncodeError(code, formatFault(label, path, undefined, detail), facts);
  };

  checkTag(node.tag, fail);

  if (node.type === ItemType.Structure) {
    writeStructure(writer, node.tag, node.value, path, namer, fail);
    return;
  }

  writeLeaf(writer, node, fail);
}

type Fail = (code: TtlvEncodeError["code"], expected: string, actual: string, detail: string) => never;

/** §9.1.1.1: a tag is three bytes and its first byte is 0x42 (this spec) or 0x54 (extensions). */
function checkTag(tag: number, fail: Fail): void {
  const expected = "a 3-byte tag starting with 0x42 or 0x54";

  if (!Number.isInteger(tag) || tag < 0 || tag > 0xffffff) {
    fail("TTLV_ENCODE_BAD_TAG", expected, String(tag), `invalid tag ${String(tag)}: it must fit in 3 bytes`);
  }

  const firstByte = tag >>> 16;
  if (firstByte !== 0x42 && firstByte !== 0x54) {
    fail("TTLV_ENCODE_BAD_TAG", expected, formatTag(tag), `invalid tag ${formatTag(tag)}: the first byte must be 0x42 or 0x54`);
  }
}

function writeStructure(
  writer: TtlvWriter,
  tag: number,
  children: unknown,
  path: string,
  namer: TagNamer | undefined,
  fail: Fail,
): void {
  if (!Array.isArray(children)) {
    fail("TTLV_ENCODE_BAD_VALUE", "an array of items", describe(children), `Structure value must be an array of items, got ${describe(children)}`);
  }

  const items = children as TtlvNode[];
  const segments = childSegments(items, namer);
  const start = writer.beginStructure(tag, ItemType.Structure);

  items.forEach((child, index) => writeItem(writer, child, joinPath(path, segments[index]), namer));

  writer.endStructure(start);
}

/** Writes a leaf item: header, value, and zero padding up to a multiple of 8 (§9.1.1.3). */
function writeLeaf(writer: TtlvWriter, node: Exclude<TtlvNode, { type: ItemType.Structure }>, fail: Fail): void {
  const value: unknown = node.value;

  switch (node.type) {
    case ItemType.Integer:
      writer.writeHeader(node.tag, node.type, 4);
      writer.writeInt32(checkNumber(value, INT32_MIN, INT32_MAX, "Integer", fail));
      break;
    case ItemType.Enumeration:
    case ItemType.Interval:
      writer.writeHeader(node.tag, node.type, 4);
      writer.writeUint32(checkNumber(value, 0, UINT32_MAX, ItemType[node.type], fail));
      break;
    case ItemType.LongInteger:
    case ItemType.DateTime:
      writer.writeHeader(node.tag, node.type, 8);
      writer.writeInt64(checkInt64(value, ItemType[node.type], fail));
      break;
    case ItemType.BigInteger:
      writeVariable(writer, node.tag, node.type, encodeBigInteger(checkBigint(value, "BigInteger", fail)));
      break;
    case ItemType.Boolean:
      writer.writeHeader(node.tag, node.type, 8);
      writer.writeInt64(checkBoolean(value, fail) ? 1n : 0n);
      break;
    case ItemType.TextString:
      writeVariable(writer, node.tag, node.type, Buffer.from(checkText(value, fail), "utf8"));
      break;
    case ItemType.ByteString:
      writeVariable(writer, node.tag, node.type, checkBytes(value, fail));
      break;
    default: {
      const type = String((node as { type: unknown }).type);
      fail("TTLV_ENCODE_UNKNOWN_TYPE", "an Item Type of §9.1.1.2 (1 to 10)", type, `unknown item type ${type}`);
    }
  }

  writer.writePadding();
}

function writeVariable(writer: TtlvWriter, tag: number, type: ItemType, bytes: Uint8Array): void {
  writer.writeHeader(tag, type, bytes.length);
  writer.writeBytes(bytes);
}

function checkNumber(value: unknown, min: number, max: number, typeName: string, fail: Fail): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    const range = `an integer from ${min} to ${max}`;
    fail("TTLV_ENCODE_BAD_VALUE", range, describe(value), `${typeName} value ${describe(value)} is invalid: expected ${range}`);
  }
  return value as number;
}

function checkBigint(value: unknown, typeName: string, fail: Fail): bigint {
  if (typeof value !== "bigint") {
    fail("TTLV_ENCODE_BAD_VALUE", "a bigint", describe(value), `${typeName} value ${describe(value)} is invalid: expected a bigint`);
  }
  return value as bigint;
}

function checkInt64(value: unknown, typeName: string, fail: Fail): bigint {
  const big = checkBigint(value, typeName, fail);
  if (big < INT64_MIN || big > INT64_MAX) {
    const range = `a bigint from ${INT64_MIN} to ${INT64_MAX}`;
    fail("TTLV_ENCODE_BAD_VALUE", range, describe(value), `${typeName} value ${describe(value)} is invalid: expected ${range}`);
  }
  return big;
}

function checkBoolean(value: unknown, fail: Fail): boolean {
  if (typeof value !== "boolean") {
    fail("TTLV_ENCODE_BAD_VALUE", "true or false", describe(value), `Boolean value ${describe(value)} is invalid: expected true or false`);
  }
  return value as boolean;
}

function checkText(value: unknown, fail: Fail): string {
  if (typeof value !== "string") {
    fail("TTLV_ENCODE_BAD_VALUE", "a string", describe(value), `TextString value ${describe(value)} is invalid: expected a string`);
  }

  // §9.1.1.4: Text Strings are UTF-8, and a lone surrogate has no UTF-8 form.
  if (LONE_SURROGATE.test(value as string)) {
    const detail = `TextString value ${describe(value)} is invalid: it contains a lone UTF-16 surrogate, which has no UTF-8 encoding`;
    fail("TTLV_ENCODE_BAD_VALUE", "a well-formed Unicode string", describe(value), detail);
  }
  return value as string;
}

function checkBytes(value: unknown, fail: Fail): Uint8Array {
  if (!(value instanceof Uint8Array)) {
    fail("TTLV_ENCODE_BAD_VALUE", "a Buffer", describe(value), `ByteString value ${describe(value)} is invalid: expected a Buffer`);
  }
  return value as Uint8Array;
}

/** Shows a value in a message: short, with its kind when that is not plain from the text. */
function describe(value: unknown): string {
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (value instanceof Uint8Array) return `${value.constructor.name}(${value.length})`;
  if (Array.isArray(value)) return `array(${value.length})`;
  if (value === null) return "null";
  if (typeof value === "object") return "object";
  return String(value);
}
