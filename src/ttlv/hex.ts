/** Hex text for TTLV bytes, as the spec's examples print them (`42 00 20 | 02 | 00 00 00 04 ...`). */
import { KmipcheckError } from "../errors";

/** Characters `fromHex` ignores: whitespace and the `|` the spec puts between fields. */
const SEPARATORS = /[\s|]/g;

/** Returns lowercase hex, two digits a byte, no separators. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

/**
 * Parses hex digits in either case, ignoring spaces, newlines and `|`, with an optional leading
 * `0x`. Raises KmipcheckError "TTLV_BAD_HEX" for any other character or an odd number of digits.
 */
export function fromHex(text: string): Buffer {
  const digits = text.trim().replace(/^0x/i, "").replace(SEPARATORS, "");

  const invalid = /[^0-9a-f]/i.exec(digits);
  if (invalid !== null) {
    const message = `Invalid hex text: character ${JSON.stringify(invalid[0])} is not a hex digit; use 0-9, a-f, spaces, newlines or |`;
    throw new KmipcheckError("TTLV_BAD_HEX", message, { context: { character: invalid[0] } });
  }

  if (digits.length % 2 !== 0) {
    const message = `Invalid hex text: ${digits.length} hex digits is an odd number, so the last byte is incomplete`;
    throw new KmipcheckError("TTLV_BAD_HEX", message, { context: { digits: digits.length } });
  }
  return Buffer.from(digits, "hex");
}
