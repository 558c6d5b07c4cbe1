/**
 * Parses the `value` attribute of a leaf element into the value of its TTLV item, following the
 * KMIP XML encoding (KMIP Additional Message Encodings 1.0, §6.1).
 */
import { ItemType } from "../ttlv/types";
import { ENUMERATIONS, MASKS, enumValue, maskFromNames } from "../kmip";
import { VectorError } from "./errors";
import { parseIsoDateTime } from "./datetime";

export type LeafType = Exclude<ItemType, ItemType.Structure>;
export type LeafValue = number | bigint | boolean | string | Buffer;

/** Location of a value and the enumeration or mask that names it, for parsing and for error messages. */
export interface ValueSite {
  file: string;
  /** One-based source line, when the source form has lines that the reader tracks (the XML form does). */
  line?: number;
  path: string;
  /** Enumeration an Enumeration value is named from, when known. */
  enumeration?: string;
  /** Mask whose bit names an Integer value may list, when the item is a mask. */
  mask?: string;
}

const DECIMAL = /^[+-]?\d+$/;
const UNSIGNED_DECIMAL = /^\+?\d+$/;
// §6.1.1: a hex number starts with 0x and includes all leading zeros of its fixed width.
const HEX32 = /^0x[0-9a-fA-F]{8}$/;
const HEX64 = /^0x[0-9a-fA-F]{16}$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Parses `text` as a value of `type`. Throws a {@link VectorError} naming the site when the text is invalid. */
export function parseLeafValue(type: LeafType, text: string, site: ValueSite): LeafValue {
  switch (type) {
    case ItemType.Integer:
      return parseInteger(text, site);
    case ItemType.LongInteger:
      return parseLongInteger(text, site);
    case ItemType.BigInteger:
      return parseBigInteger(text, site);
    case ItemType.Enumeration:
      return parseEnumeration(text, site);
    case ItemType.Boolean:
      return parseBoolean(text, site);
    case ItemType.TextString:
      return text;
    case ItemType.ByteString:
      return parseByteString(text, site);
    case ItemType.DateTime:
      return parseDateTime(text, site);
    case ItemType.Interval:
      return parseInterval(text, site);
  }
}

// §6.1.6.3: an Integer is an xsd:int (signed 32-bit decimal). §6.1.1 also allows 0x and 8 hex digits.
function parseInteger(text: string, site: ValueSite): number {
  if (HEX32.test(text)) {
    return Number.parseInt(text.slice(2), 16) | 0;
  }
  if (DECIMAL.test(text)) {
    const value = Number(text);
    if (value >= -(2 ** 31) && value < 2 ** 31) {
      return value;
    }
    throw invalid(site, text, "an Integer is signed 32-bit", "a decimal from -2147483648 to 2147483647");
  }
  if (site.mask !== undefined) {
    return parseMask(text, site, site.mask);
  }
  throw invalid(site, text, "invalid Integer", "a decimal 32-bit integer or 0x followed by 8 hex digits");
}

// §6.1.6.4: a mask may be a space-separated list of bit names (§9.1.3.3 of the KMIP spec) and 32-bit
// hex numbers, which are ORed together.
function parseMask(text: string, site: ValueSite, mask: string): number {
  const tokens = text.trim().split(/\s+/);
  let value = 0;

  for (const token of tokens) {
    value |= parseMaskToken(token, site, mask);
  }
  return value | 0;
}

function parseMaskToken(token: string, site: ValueSite, mask: string): number {
  // The dictionary accepts a bit name or a hex component of 1 to 8 digits: the encodings document's
  // own example writes "0x0000008".
  try {
    return maskFromNames(mask, [token]);
  } catch (error) {
    const known = Object.keys(MASKS[mask as keyof typeof MASKS].bits).join(" ");
    throw new VectorError("VECTOR_BAD_VALUE", `unknown ${mask} bit name ${JSON.stringify(token)}`, {
      ...location(site),
      value: token,
      expected: `space-separated names from: ${known}, or 0x hex numbers`,
      cause: error,
    });
  }
}

// §6.1.6.5: a Long Integer is an xsd:long. §6.1.1 also allows 0x and 16 hex digits.
function parseLongInteger(text: string, site: ValueSite): bigint {
  if (HEX64.test(text)) {
    return BigInt.asIntN(64, BigInt(text));
  }
  if (!DECIMAL.test(text)) {
    throw invalid(site, text, "invalid Long Integer", "a decimal 64-bit integer or 0x followed by 16 hex digits");
  }

  const value = BigInt(text);
  if (value < INT64_MIN || value > INT64_MAX) {
    throw invalid(site, text, "a Long Integer is signed 64-bit", "a decimal within the signed 64-bit range");
  }
  return value;
}

// §6.1.6.6: a Big Integer is xsd:hexBinary, big-endian two's complement. §6.1.1 requires the sign
// extension to a multiple of 8 bytes, as on the wire (KMIP spec §9.1.1.4).
function parseBigInteger(text: string, site: ValueSite): bigint {
  const hex = text.startsWith("0x") ? text.slice(2) : text;
  if (!/^[0-9a-fA-F]+$/.test(hex)) {
    throw badHex(site, text, "a Big Integer is written in hex", "hex digits, optionally after 0x");
  }
  if (hex.length % 16 !== 0) {
    throw badHex(site, text, `a Big Integer of ${hex.length} hex digits is not sign-extended to a multiple of 8 bytes`, "a multiple of 16 hex digits");
  }
  return BigInt.asIntN(hex.length * 4, BigInt(`0x${hex}`));
}

// §6.1.6.7: an Enumeration is the CamelCase name of a value or a hex string.
function parseEnumeration(text: string, site: ValueSite): number {
  if (HEX32.test(text)) {
    return Number.parseInt(text.slice(2), 16);
  }

  if (site.enumeration === undefined) {
    throw new VectorError("VECTOR_BAD_ENUMERATION", "the enumeration of this item is unknown, so its value cannot be a name", {
      ...location(site),
      value: text,
      expected: "0x followed by 8 hex digits",
    });
  }

  const value = enumValue(site.enumeration, text);
  if (value === undefined) {
    throw new VectorError("VECTOR_BAD_ENUMERATION", `${JSON.stringify(text)} is not a value of enumeration ${site.enumeration}`, {
      ...location(site),
      value: text,
      expected: `a ${site.enumeration} value name (${listNames(site.enumeration)}) or 0x followed by 8 hex digits`,
    });
  }
  return value;
}

// §6.1.6.8: a Boolean is an xsd:boolean, whose lexical forms are true, false, 1 and 0.
function parseBoolean(text: string, site: ValueSite): boolean {
  if (text === "true" || text === "1") {
    return true;
  }
  if (text === "false" || text === "0") {
    return false;
  }
  throw invalid(site, text, "invalid Boolean", "true, false, 1 or 0");
}

// §6.1.6.10: a Byte String is xsd:hexBinary, two hex digits per byte without a 0x prefix.
function parseByteString(text: string, site: ValueSite): Buffer {
  const badDigit = text.search(/[^0-9a-fA-F]/);
  if (badDigit >= 0) {
    throw badHex(site, text, `invalid hex digit ${JSON.stringify(text[badDigit])} at position ${badDigit}`, "hex digits only, two per byte, without 0x");
  }
  if (text.length % 2 !== 0) {
    throw badHex(site, text, `odd number of hex digits (${text.length})`, "two hex digits per byte");
  }
  return Buffer.from(text, "hex");
}

// §6.1.6.11: a Date-Time is an xsd:dateTime.
function parseDateTime(text: string, site: ValueSite): bigint {
  const parsed = parseIsoDateTime(text);
  if (typeof parsed === "bigint") {
    return parsed;
  }
  throw invalid(site, text, `invalid Date-Time: ${parsed.invalid}`, "ISO 8601 such as 2001-01-01T10:00:00+10:00 or 2001-01-01T00:00:00Z");
}

// §6.1.6.12: an Interval is an xsd:unsignedInt (seconds). §6.1.1 also allows 0x and 8 hex digits.
function parseInterval(text: string, site: ValueSite): number {
  if (HEX32.test(text)) {
    return Number.parseInt(text.slice(2), 16);
  }

  const value = UNSIGNED_DECIMAL.test(text) ? Number(text) : Number.NaN;
  if (value >= 0 && value < 2 ** 32) {
    return value;
  }
  throw invalid(site, text, "invalid Interval", "decimal seconds from 0 to 4294967295");
}

const LISTED_NAMES = 20;

function listNames(enumeration: string): string {
  const names = Object.keys(ENUMERATIONS[enumeration as keyof typeof ENUMERATIONS].values);
  const listed = names.slice(0, LISTED_NAMES).join(", ");
  return names.length > LISTED_NAMES ? `${listed} and ${names.length - LISTED_NAMES} more` : listed;
}

function invalid(site: ValueSite, value: string, problem: string, expected: string): VectorError {
  return new VectorError("VECTOR_BAD_VALUE", problem, { ...location(site), value, expected });
}

function badHex(site: ValueSite, value: string, problem: string, expected: string): VectorError {
  return new VectorError("VECTOR_BAD_HEX", problem, { ...location(site), value, expected });
}

function location(site: ValueSite): { file: string; line?: number; path: string } {
  return { file: site.file, line: site.line, path: site.path };
}
