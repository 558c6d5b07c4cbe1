/**
 * Symmetric key algorithms the server generates and accepts, with the Cryptographic Length values
 * (bits, §3.5) each allows and the key size in bytes for a length.
 */
import { CryptographicAlgorithm } from "../../src/kmip";

interface SymmetricAlgorithm {
  /** Allowed Cryptographic Length values in bits, or a range for algorithms of variable length. */
  lengths: readonly number[] | { min: number; max: number };
  /** DES and 3DES carry one parity bit per byte: 56 bits of key in 8 bytes. */
  desParity: boolean;
}

const SYMMETRIC_ALGORITHMS = new Map<number, SymmetricAlgorithm>([
  [CryptographicAlgorithm.AES, { lengths: [128, 192, 256], desParity: false }],
  [CryptographicAlgorithm.DES, { lengths: [56], desParity: true }],
  // Two-key 3DES is 112 bits of key in 16 bytes; three-key 3DES 168 bits in 24 bytes.
  [CryptographicAlgorithm.DES3, { lengths: [112, 168], desParity: true }],
  [CryptographicAlgorithm.Camellia, { lengths: [128, 192, 256], desParity: false }],
  [CryptographicAlgorithm.ChaCha20, { lengths: [256], desParity: false }],
  [CryptographicAlgorithm.HMAC_SHA1, { lengths: { min: 8, max: 4096 }, desParity: false }],
  [CryptographicAlgorithm.HMAC_SHA224, { lengths: { min: 8, max: 4096 }, desParity: false }],
  [CryptographicAlgorithm.HMAC_SHA256, { lengths: { min: 8, max: 4096 }, desParity: false }],
  [CryptographicAlgorithm.HMAC_SHA384, { lengths: { min: 8, max: 4096 }, desParity: false }],
  [CryptographicAlgorithm.HMAC_SHA512, { lengths: { min: 8, max: 4096 }, desParity: false }],
  [CryptographicAlgorithm.HMAC_MD5, { lengths: { min: 8, max: 4096 }, desParity: false }],
]);

export function isSymmetricAlgorithm(algorithm: number): boolean {
  return SYMMETRIC_ALGORITHMS.has(algorithm);
}

export function isAllowedLength(algorithm: number, lengthBits: number): boolean {
  const lengths = SYMMETRIC_ALGORITHMS.get(algorithm)?.lengths;
  if (lengths === undefined) {
    return false;
  }
  if (Array.isArray(lengths)) {
    return lengths.includes(lengthBits);
  }
  const range = lengths as { min: number; max: number };
  return lengthBits >= range.min && lengthBits <= range.max && lengthBits % 8 === 0;
}

/** Key size in bytes for a Cryptographic Length; DES lengths count 7 key bits per byte. */
export function keySizeBytes(algorithm: number, lengthBits: number): number {
  return SYMMETRIC_ALGORITHMS.get(algorithm)?.desParity === true ? lengthBits / 7 : lengthBits / 8;
}

/** Returns the key with odd parity in every byte, as DES and 3DES keys carry (FIPS 46-3 §2). */
export function withDesParity(algorithm: number, key: Buffer): Buffer {
  if (SYMMETRIC_ALGORITHMS.get(algorithm)?.desParity !== true) {
    return key;
  }
  const out = Buffer.from(key);
  for (let i = 0; i < out.length; i += 1) {
    const high = out[i] & 0xfe;
    out[i] = high | (bitCount(high) % 2 === 0 ? 1 : 0);
  }
  return out;
}

function bitCount(value: number): number {
  let count = 0;
  for (let bits = value; bits !== 0; bits >>= 1) {
    count += bits & 1;
  }
  return count;
}
