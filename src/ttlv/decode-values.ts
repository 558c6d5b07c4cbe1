/**
 * Decodes the Item Value of a leaf (every type but Structure) from its value bytes, without the
 * padding. A fault is returned as an issue next to the best value that can be read anyway.
 */
import { isUtf8 } from "node:buffer";
import { ItemType, type TtlvNode } from "./types";
import type { TtlvDecodeCode } from "./errors";
import { decodeBigInteger, hasExcessSignPadding } from "./big-integer";
import { TtlvReader } from "./reader";

export type LeafType = Exclude<ItemType, ItemType.Structure>;
export type LeafValue = Exclude<TtlvNode, { type: ItemType.Structure }>["value"];

export interface ValueIssue {
  code: TtlvDecodeCode;
  detail: string;
  expected: string;
  actual: string;
}

export interface DecodedValue {
  value: LeafValue;
  issues: ValueIssue[];
}

/**
 * Decodes the value bytes of one leaf. The caller has checked the Item Length of the fixed-size
 * types (Table 287), so `bytes` has 4 or 8 bytes for them.
 */
export function decodeLeafValue(type: LeafType, bytes: Buffer): DecodedValue {
  const reader = new TtlvReader(bytes);

  switch (type) {
    case ItemType.Integer:
      return { value: reader.readInt32(), issues: [] };
    case ItemType.Enumeration:
    case ItemType.Interval:
      return { value: reader.readUint32(), issues: [] };
    case ItemType.LongInteger:
    case ItemType.DateTime:
      return { value: reader.readInt64(), issues: [] };
    case ItemType.BigInteger:
      return decodeBigIntegerValue(bytes);
    case ItemType.Boolean:
      return decodeBoolean(reader.readUint64(), bytes);
    case ItemType.TextString:
      return decodeText(bytes);
    case ItemType.ByteString:
      return { value: Buffer.from(bytes), issues: [] };
  }
}

/** §9.1.1.4: Big Integers are two's complement, minimally sign-extended to a multiple of 8 bytes. */
function decodeBigIntegerValue(bytes: Buffer): DecodedValue {
  const issues: ValueIssue[] = [];

  if (bytes.length === 0 || bytes.length % 8 !== 0) {
    issues.push({
      code: "TTLV_BIG_INTEGER_LENGTH",
      detail: `BigInteger length must be a non-zero multiple of 8, got ${bytes.length}`,
      expected: "a non-zero multiple of 8",
      actual: String(bytes.length),
    });
  }

  if (hasExcessSignPadding(bytes)) {
    issues.push({
      code: "TTLV_BIG_INTEGER_PADDING",
      detail: `BigInteger has more leading sign-extension bytes than needed: its value fits in ${bytes.length - 8} bytes, got ${bytes.length}`,
      expected: `at most ${bytes.length - 8} bytes`,
      actual: String(bytes.length),
    });
  }

  return { value: decodeBigInteger(bytes), issues };
}

/** §9.1.1.4: a Boolean is 0000000000000000 (False) or 0000000000000001 (True). Others read as True. */
function decodeBoolean(raw: bigint, bytes: Buffer): DecodedValue {
  if (raw <= 1n) return { value: raw === 1n, issues: [] };

  const actual = `0x${bytes.toString("hex")}`;
  const issue: ValueIssue = {
    code: "TTLV_BAD_BOOLEAN",
    detail: `Boolean value must be 0 or 1, got ${actual}`,
    expected: "0x0000000000000000 or 0x0000000000000001",
    actual,
  };
  return { value: true, issues: [issue] };
}

/** §9.1.1.4: Text Strings are UTF-8 with no null termination. Invalid bytes read as U+FFFD. */
function decodeText(bytes: Buffer): DecodedValue {
  const issues: ValueIssue[] = [];

  if (!isUtf8(bytes)) {
    issues.push({
      code: "TTLV_BAD_UTF8",
      detail: `TextString is not valid UTF-8: 0x${preview(bytes)}`,
      expected: "valid UTF-8",
      actual: `0x${preview(bytes)}`,
    });
  }

  if (bytes.length > 0 && bytes[bytes.length - 1] === 0) {
    issues.push({
      code: "TTLV_NUL_TERMINATED_TEXT",
      detail: "TextString must not be null-terminated, but its last byte is 0x00",
      expected: "no trailing 0x00",
      actual: "a trailing 0x00",
    });
  }

  return { value: bytes.toString("utf8"), issues };
}

/** Hex of at most the first 32 bytes, for messages. */
function preview(bytes: Buffer): string {
  const hex = bytes.subarray(0, 32).toString("hex");
  return bytes.length > 32 ? `${hex}...` : hex;
}
