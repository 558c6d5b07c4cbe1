/**
 * Formats a TTLV leaf value as the `value` attribute of the KMIP XML encoding, in the style of the
 * OASIS vectors: enumeration and mask names where known, lowercase hex, UTC Date-Time. Section
 * numbers refer to KMIP Additional Message Encodings 1.0.
 */
import { ItemType } from "../ttlv/types";
import { encodeBigInteger } from "../ttlv/big-integer";
import { enumName, maskNames } from "../kmip";
import { formatIsoDateTime } from "./datetime";
import type { ValueNaming } from "./naming";
import type { LeafType, LeafValue } from "./value-parse";

/** Enumeration or mask that names the value of an item, when known. */
export type FormatContext = ValueNaming;

/** Formats `value` as the XML text of an item of `type`. */
export function formatLeafValue(type: LeafType, value: LeafValue, context: FormatContext = {}): string {
  switch (type) {
    case ItemType.Integer:
      return context.mask === undefined ? String(value) : formatMask(context.mask, value as number);
    case ItemType.Enumeration:
      return formatEnumeration(value as number, context.enumeration);
    case ItemType.LongInteger:
    case ItemType.Interval:
      return String(value);
    case ItemType.BigInteger:
      return formatBigInteger(value as bigint);
    case ItemType.Boolean:
      return value ? "true" : "false";
    case ItemType.TextString:
      return value as string;
    case ItemType.ByteString:
      return (value as Buffer).toString("hex");
    case ItemType.DateTime:
      return formatIsoDateTime(value as bigint);
  }
}

/** Formats a 32-bit value as `0x` and 8 lowercase hex digits, the form §6.1.1 prescribes. */
export function hex32(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, "0")}`;
}

function formatEnumeration(value: number, enumeration: string | undefined): string {
  const name = enumeration === undefined ? undefined : enumName(enumeration, value);
  return name ?? hex32(value);
}

// §6.1.6.4: bit names in the order of the mask table, then any bits without a name as one hex number.
function formatMask(mask: string, value: number): string {
  if (value === 0) {
    return "0";
  }
  return maskNames(mask, value)
    .map((token) => (token.startsWith("0x") ? token.toLowerCase() : token))
    .join(" ");
}

// §6.1.6.6: xsd:hexBinary of the two's complement, sign-extended to a multiple of 8 bytes, which
// are the value bytes the codec writes. Sizing the value in one step keeps a 1 MiB value fast.
function formatBigInteger(value: bigint): string {
  return encodeBigInteger(value).toString("hex");
}
