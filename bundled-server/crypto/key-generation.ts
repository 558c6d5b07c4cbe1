/**
 * Key pair generation from the server's X9.31 generator, so that the Random Number Generator
 * attribute (§3.44) recorded on generated keys is true. RSA primes are searched from X9.31
 * output and tested with node:crypto checkPrimeSync. EC private scalars are X9.31 output that
 * node:crypto's ECDH accepts for the curve.
 */
import { checkPrimeSync, createECDH, createPrivateKey, createPublicKey, KeyObject } from "node:crypto";
import { bigintToBase64Url } from "./transparent-keys";
import { X931Rng } from "./x931-rng";

/** RSA public exponent F4 = 65537, the usual choice (FIPS 186-4 §B.3.1 requires an odd e > 2^16). */
export const RSA_PUBLIC_EXPONENT = 65537n;

// Small odd primes for trial division before the Miller-Rabin test.
const SMALL_PRIMES: readonly bigint[] = [3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n, 41n, 43n, 47n, 53n, 59n, 61n, 67n, 71n, 73n, 79n, 83n, 89n, 97n];

export interface GeneratedKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

function toBigint(bytes: Buffer): bigint {
  return BigInt(`0x${bytes.toString("hex")}`);
}

/** Returns a prime of exactly `bits` bits with its two top bits set, so that p*q has exactly 2*bits bits. */
function generatePrime(bits: number, rng: X931Rng): bigint {
  const bytes = rng.generate(Math.ceil(bits / 8));
  bytes[0] &= 0xff >> (bytes.length * 8 - bits);
  let candidate = toBigint(bytes) | (3n << BigInt(bits - 2)) | 1n;

  // Incremental search: step to the next odd number until one passes.
  for (;;) {
    const usable = (candidate - 1n) % RSA_PUBLIC_EXPONENT !== 0n && SMALL_PRIMES.every((prime) => candidate % prime !== 0n);
    if (usable && checkPrimeSync(candidate)) {
      return candidate;
    }
    candidate += 2n;
  }
}

function modularInverse(value: bigint, modulus: bigint): bigint {
  let [oldR, r] = [value % modulus, modulus];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const quotient = oldR / r;
    [oldR, r] = [r, oldR - quotient * r];
    [oldS, s] = [s, oldS - quotient * s];
  }
  return ((oldS % modulus) + modulus) % modulus;
}

function gcd(left: bigint, right: bigint): bigint {
  return right === 0n ? left : gcd(right, left % right);
}

/** RSA key pair with a modulus of `modulusBits` bits (an even number) and e = 65537. */
export function generateRsaKeyPair(modulusBits: number, rng: X931Rng): GeneratedKeyPair {
  let p = generatePrime(modulusBits / 2, rng);
  let q = generatePrime(modulusBits / 2, rng);
  while (p === q) {
    q = generatePrime(modulusBits / 2, rng);
  }
  if (p < q) {
    [p, q] = [q, p];
  }

  // d = e^-1 mod lcm(p-1, q-1) (FIPS 186-4 §B.3.1).
  const lambda = ((p - 1n) * (q - 1n)) / gcd(p - 1n, q - 1n);
  const d = modularInverse(RSA_PUBLIC_EXPONENT, lambda);
  const jwk = {
    kty: "RSA",
    n: bigintToBase64Url(p * q),
    e: bigintToBase64Url(RSA_PUBLIC_EXPONENT),
    d: bigintToBase64Url(d),
    p: bigintToBase64Url(p),
    q: bigintToBase64Url(q),
    dp: bigintToBase64Url(d % (p - 1n)),
    dq: bigintToBase64Url(d % (q - 1n)),
    qi: bigintToBase64Url(modularInverse(q, p)),
  };
  const privateKey = createPrivateKey({ key: jwk, format: "jwk" });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/** JWK curve names of the node:crypto curves that JWK import accepts. */
const JWK_CURVES: Readonly<Record<string, string>> = { prime256v1: "P-256", secp384r1: "P-384", secp521r1: "P-521", secp256k1: "secp256k1" };

/** EC key pair on a named curve (node:crypto name, e.g. "prime256v1") of `orderBits` bits. */
export function generateEcKeyPair(curve: string, orderBits: number, rng: X931Rng): GeneratedKeyPair {
  const ecdh = createECDH(curve);
  const size = Math.ceil(orderBits / 8);
  for (;;) {
    const scalar = rng.generate(size);
    scalar[0] &= 0xff >> (size * 8 - orderBits);
    try {
      ecdh.setPrivateKey(scalar); // Rejects 0 and scalars not below the curve order.
    } catch {
      continue;
    }

    const point = ecdh.getPublicKey(); // 0x04 || X || Y
    const coordinateSize = (point.length - 1) / 2;
    const jwk = {
      kty: "EC",
      crv: JWK_CURVES[curve],
      d: scalar.toString("base64url"),
      x: point.subarray(1, 1 + coordinateSize).toString("base64url"),
      y: point.subarray(1 + coordinateSize).toString("base64url"),
    };
    const privateKey = createPrivateKey({ key: jwk, format: "jwk" });
    return { privateKey, publicKey: createPublicKey(privateKey) };
  }
}

export function isJwkCurve(curve: string): boolean {
  return JWK_CURVES[curve] !== undefined;
}
