/**
 * Big Integer value bytes (§9.1.1.4): two's complement, big-endian, padded with the minimal number
 * of leading sign-extension bytes to a multiple of eight bytes.
 */

/** Encodes a bigint as Big Integer value bytes; 0 and -1 take 8 bytes. */
export function encodeBigInteger(value: bigint): Buffer {
  const minimalBytes = minimalTwosComplementLength(value);
  const length = Math.ceil(minimalBytes / 8) * 8;

  const unsigned = BigInt.asUintN(length * 8, value);
  return Buffer.from(unsigned.toString(16).padStart(length * 2, "0"), "hex");
}

/** Decodes two's complement big-endian bytes of any length; no bytes read as 0. */
export function decodeBigInteger(bytes: Buffer): bigint {
  if (bytes.length === 0) return 0n;
  return BigInt.asIntN(bytes.length * 8, BigInt(`0x${bytes.toString("hex")}`));
}

/**
 * Tells whether the first 8 bytes are removable padding: all of them copy the sign of the byte
 * that follows, so the value fits in 8 fewer bytes.
 */
export function hasExcessSignPadding(bytes: Buffer): boolean {
  if (bytes.length < 16) return false;

  const sign = bytes[8] & 0x80 ? 0xff : 0x00;
  return bytes.subarray(0, 8).every((byte) => byte === sign);
}

/** Smallest n such that -2^(8n-1) <= value < 2^(8n-1); at least 1. */
function minimalTwosComplementLength(value: bigint): number {
  const magnitude = value < 0n ? -value - 1n : value;
  const bits = magnitude === 0n ? 0 : magnitude.toString(2).length;
  return Math.max(1, Math.ceil((bits + 1) / 8));
}
