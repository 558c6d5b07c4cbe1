/**
 * ECDSA over a digest the client computed (Digested Data, §4.31 and §4.32). node:crypto hashes the
 * input of every ECDSA signature, so this module applies the ECDSA equations of SEC 1 §4.1.3 and
 * §4.1.4 to the digest with bigint arithmetic. The curve parameters come from OpenSSL itself: a key
 * generated with explicit parameter encoding carries p, a, b, G and n in its SubjectPublicKeyInfo.
 *
 * NOTE: the scalar multiplication is not constant-time, which is acceptable for a test server and
 * for nothing else.
 */
import { generateKeyPairSync, KeyObject } from "node:crypto";
import forge from "node-forge";
import { ResultReason } from "../../src/kmip";
import { KmipResultError } from "../errors";
import { ecPrivateScalar, ecPublicPoint, pointCoordinates } from "./ec-points";

interface CurveParameters {
  p: bigint;
  a: bigint;
  n: bigint;
  g: Point;
}

/** An affine point; undefined is the point at infinity. */
type Point = { x: bigint; y: bigint } | undefined;

const PARAMETERS = new Map<string, CurveParameters>();

/** Signs `digest` with an EC private key; returns the DER signature node:crypto also produces. */
export function signDigest(key: KeyObject, digest: Buffer, randomBytes: (length: number) => Buffer): Buffer {
  const curve = parametersOf(key);
  const d = ecPrivateScalar(key);
  const z = digestScalar(digest, curve.n);

  for (;;) {
    const k = randomScalar(curve.n, randomBytes);
    const r = multiply(curve, curve.g, k)!.x % curve.n;
    const s = (inverse(k, curve.n) * (z + r * d)) % curve.n;
    if (r !== 0n && s !== 0n) {
      return derSignature(r, s);
    }
  }
}

/** Returns whether `signature` (DER) is a valid ECDSA signature of `digest` under the public key. */
export function verifyDigest(key: KeyObject, digest: Buffer, signature: Buffer): boolean {
  const curve = parametersOf(key);
  const parsed = parseDerSignature(signature);
  if (parsed === undefined || parsed.r <= 0n || parsed.r >= curve.n || parsed.s <= 0n || parsed.s >= curve.n) {
    return false;
  }

  const q: Point = pointCoordinates(ecPublicPoint(key));
  const w = inverse(parsed.s, curve.n);
  const z = digestScalar(digest, curve.n);
  const sum = add(curve, multiply(curve, curve.g, (z * w) % curve.n), multiply(curve, q, (parsed.r * w) % curve.n));
  return sum !== undefined && sum.x % curve.n === parsed.r;
}

function parametersOf(key: KeyObject): CurveParameters {
  const name = key.asymmetricKeyDetails?.namedCurve;
  if (name === undefined) {
    throw new KmipResultError(ResultReason.FeatureNotSupported, "the EC key has no named curve; ECDSA over Digested Data needs one");
  }
  let parameters = PARAMETERS.get(name);
  if (parameters === undefined) {
    parameters = explicitParameters(name);
    PARAMETERS.set(name, parameters);
  }
  return parameters;
}

// RFC 3279 §2.3.5 ECParameters: version, fieldID (fieldType, prime p), curve (a, b, seed), base (G), order (n), cofactor.
function explicitParameters(curveName: string): CurveParameters {
  const { publicKey } = generateKeyPairSync("ec", { namedCurve: curveName, paramEncoding: "explicit" });
  const der = publicKey.export({ format: "der", type: "spki" });
  const spki = forge.asn1.fromDer(forge.util.createBuffer(der.toString("binary")));
  const fields = (((spki.value as forge.asn1.Asn1[])[0].value as forge.asn1.Asn1[])[1].value as forge.asn1.Asn1[]);
  const field = fields[1].value as forge.asn1.Asn1[];
  const curve = fields[2].value as forge.asn1.Asn1[];
  const base = Buffer.from(fields[3].value as string, "binary");
  const size = (base.length - 1) / 2;
  return {
    p: bytesToBigint(field[1].value as string),
    a: bytesToBigint(curve[0].value as string),
    n: bytesToBigint(fields[4].value as string),
    g: { x: bytesToBigint(base.subarray(1, 1 + size).toString("binary")), y: bytesToBigint(base.subarray(1 + size).toString("binary")) },
  };
}

function bytesToBigint(binary: string): bigint {
  const hex = Buffer.from(binary, "binary").toString("hex");
  return hex === "" ? 0n : BigInt(`0x${hex}`);
}

// SEC 1 §4.1.3 step 5: the leftmost bits of the digest, as many as the order has.
function digestScalar(digest: Buffer, n: bigint): bigint {
  const orderBits = n.toString(2).length;
  const value = digest.length === 0 ? 0n : BigInt(`0x${digest.toString("hex")}`);
  const excess = digest.length * 8 - orderBits;
  return excess > 0 ? value >> BigInt(excess) : value;
}

function randomScalar(n: bigint, randomBytes: (length: number) => Buffer): bigint {
  const length = Math.ceil(n.toString(2).length / 8) + 8;
  return (BigInt(`0x${randomBytes(length).toString("hex")}`) % (n - 1n)) + 1n;
}

function mod(value: bigint, modulus: bigint): bigint {
  const result = value % modulus;
  return result < 0n ? result + modulus : result;
}

/** Modular inverse by the extended Euclidean algorithm. */
function inverse(value: bigint, modulus: bigint): bigint {
  let [oldR, r] = [mod(value, modulus), modulus];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const quotient = oldR / r;
    [oldR, r] = [r, oldR - quotient * r];
    [oldS, s] = [s, oldS - quotient * s];
  }
  return mod(oldS, modulus);
}

function add(curve: CurveParameters, left: Point, right: Point): Point {
  if (left === undefined) {
    return right;
  }
  if (right === undefined) {
    return left;
  }
  if (left.x === right.x && mod(left.y + right.y, curve.p) === 0n) {
    return undefined;
  }

  const slope = left.x === right.x
    ? mod((3n * left.x * left.x + curve.a) * inverse(2n * left.y, curve.p), curve.p)
    : mod((right.y - left.y) * inverse(right.x - left.x, curve.p), curve.p);
  const x = mod(slope * slope - left.x - right.x, curve.p);
  return { x, y: mod(slope * (left.x - x) - left.y, curve.p) };
}

function multiply(curve: CurveParameters, point: Point, scalar: bigint): Point {
  let result: Point = undefined;
  let addend = point;
  for (let remaining = scalar; remaining > 0n; remaining >>= 1n) {
    if ((remaining & 1n) === 1n) {
      result = add(curve, result, addend);
    }
    addend = add(curve, addend, addend);
  }
  return result;
}

// RFC 3279 §2.2.3 Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }.
function derSignature(r: bigint, s: bigint): Buffer {
  const sequence = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SEQUENCE, true, [derInteger(r), derInteger(s)]);
  return Buffer.from(forge.asn1.toDer(sequence).getBytes(), "binary");
}

function derInteger(value: bigint): forge.asn1.Asn1 {
  let hex = value.toString(16);
  hex = hex.length % 2 === 0 ? hex : `0${hex}`;
  const bytes = Buffer.from(parseInt(hex.slice(0, 2), 16) >= 0x80 ? `00${hex}` : hex, "hex");
  return forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.INTEGER, false, bytes.toString("binary"));
}

function parseDerSignature(signature: Buffer): { r: bigint; s: bigint } | undefined {
  try {
    const sequence = forge.asn1.fromDer(forge.util.createBuffer(signature.toString("binary")));
    const [r, s] = sequence.value as forge.asn1.Asn1[];
    return { r: bytesToBigint(r.value as string), s: bytesToBigint(s.value as string) };
  } catch {
    return undefined;
  }
}
