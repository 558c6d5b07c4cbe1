/**
 * Key pair parameters of a Create Key Pair request (§4.2, Table 168): the algorithm, length and
 * curve that the private and public key templates agree on. Also generates that key pair.
 */
import { CryptographicAlgorithm, enumName, RecommendedCurve, ResultReason, Tag } from "../../src/kmip";
import { ItemType } from "../../src/ttlv/types";
import { AttributeSet } from "../attributes/attribute-set";
import { valuesEqual } from "../attributes/compare";
import { numberValue, valueOf } from "../attributes/values";
import { KmipResultError } from "../errors";
import { optionalEnumeration } from "../payload";
import { GeneratedKeyPair, generateEcKeyPair, generateRsaKeyPair } from "./key-generation";
import { X931Rng } from "./x931-rng";

export interface KeyPairSpec {
  kind: "rsa" | "ec";
  algorithm: number;
  lengthBits: number;
  /** node:crypto curve name, for EC. */
  curve?: string;
}

/** RSA modulus lengths the server generates, in bits. */
export const RSA_LENGTHS: readonly number[] = [1024, 2048, 3072, 4096];

const EC_ALGORITHMS: readonly number[] = [CryptographicAlgorithm.EC, CryptographicAlgorithm.ECDSA, CryptographicAlgorithm.ECDH, CryptographicAlgorithm.ECMQV];

// Recommended Curves the server generates, with their node:crypto names and order sizes in bits.
const CURVES = new Map<number, { name: string; bits: number }>([
  [RecommendedCurve.P_256, { name: "prime256v1", bits: 256 }],
  [RecommendedCurve.P_384, { name: "secp384r1", bits: 384 }],
  [RecommendedCurve.P_521, { name: "secp521r1", bits: 521 }],
  [RecommendedCurve.SECP256K1, { name: "secp256k1", bits: 256 }],
]);

// Table 168: attributes that SHALL have the same value for the Private and Public Key.
const SHARED_ATTRIBUTES = ["Cryptographic Algorithm", "Cryptographic Length", "Cryptographic Domain Parameters", "Cryptographic Parameters"];

/**
 * Reads the key pair parameters from the merged attributes of both keys. A missing Cryptographic
 * Algorithm is Missing Data; values the two keys disagree on, or that the server cannot generate,
 * are Invalid Field (§11.3 "Incorrect attribute value(s) specified").
 */
export function keyPairSpec(privateAttributes: AttributeSet, publicAttributes: AttributeSet): KeyPairSpec {
  for (const name of SHARED_ATTRIBUTES) {
    requireSameValues(name, privateAttributes, publicAttributes);
  }
  const algorithm = numberValue(privateAttributes.first("Cryptographic Algorithm"));
  if (algorithm === undefined || !publicAttributes.has("Cryptographic Algorithm")) {
    throw new KmipResultError(ResultReason.MissingData, "Create Key Pair needs the Cryptographic Algorithm attribute for both keys");
  }

  const requestedLength = numberValue(privateAttributes.first("Cryptographic Length") ?? publicAttributes.first("Cryptographic Length"));
  const spec = algorithm === CryptographicAlgorithm.RSA ? rsaSpec(requestedLength) : ecSpec(algorithm, requestedLength, privateAttributes.first("Cryptographic Domain Parameters") ?? publicAttributes.first("Cryptographic Domain Parameters"));
  for (const attributes of [privateAttributes, publicAttributes]) {
    attributes.set("Cryptographic Length", valueOf.integer(spec.lengthBits));
  }
  return spec;
}

function requireSameValues(name: string, left: AttributeSet, right: AttributeSet): void {
  const leftValues = left.all(name);
  const rightValues = right.all(name);
  if (leftValues.length === 0 || rightValues.length === 0) {
    return;
  }
  const same = leftValues.length === rightValues.length && leftValues.every((instance, i) => valuesEqual(instance.value, rightValues[i].value));
  if (!same) {
    throw new KmipResultError(ResultReason.InvalidField, `the Private and Public Key must have the same ${name}`);
  }
}

function rsaSpec(lengthBits: number | undefined): KeyPairSpec {
  if (lengthBits === undefined) {
    throw new KmipResultError(ResultReason.MissingData, "an RSA key pair needs the Cryptographic Length attribute (the modulus size in bits)");
  }
  if (!RSA_LENGTHS.includes(lengthBits)) {
    throw new KmipResultError(ResultReason.InvalidField, `RSA Cryptographic Length ${lengthBits} is not supported; use one of ${RSA_LENGTHS.join(", ")}`);
  }
  return { kind: "rsa", algorithm: CryptographicAlgorithm.RSA, lengthBits };
}

function ecSpec(algorithm: number, lengthBits: number | undefined, domainParameters: ReturnType<AttributeSet["first"]>): KeyPairSpec {
  if (!EC_ALGORITHMS.includes(algorithm)) {
    const name = enumName("CryptographicAlgorithm", algorithm) ?? `0x${algorithm.toString(16)}`;
    throw new KmipResultError(ResultReason.InvalidField, `Create Key Pair does not generate ${name} keys (RSA, EC, ECDSA, ECDH or ECMQV)`);
  }

  // §3.7: the Recommended Curve of the Cryptographic Domain Parameters names the curve; without
  // it, the Cryptographic Length selects the NIST prime curve of that size.
  const curveValue = domainParameters?.type === ItemType.Structure ? optionalEnumeration(domainParameters, Tag.RecommendedCurve) : undefined;
  const entry = curveValue !== undefined ? CURVES.get(curveValue) : [...CURVES.values()].find((curve) => curve.bits === lengthBits);
  if (entry === undefined) {
    const requested = curveValue !== undefined ? (enumName("RecommendedCurve", curveValue) ?? `0x${curveValue.toString(16)}`) : `of ${lengthBits ?? "unspecified"} bits`;
    throw new KmipResultError(ResultReason.InvalidField, `no supported curve ${requested}; use P-256, P-384, P-521 or SECP256K1`);
  }
  if (lengthBits !== undefined && lengthBits !== entry.bits) {
    throw new KmipResultError(ResultReason.InvalidField, `Cryptographic Length ${lengthBits} does not match the curve, which has ${entry.bits} bits`);
  }
  return { kind: "ec", algorithm, lengthBits: entry.bits, curve: entry.name };
}

export function generateKeyPair(spec: KeyPairSpec, rng: X931Rng): GeneratedKeyPair {
  return spec.kind === "rsa" ? generateRsaKeyPair(spec.lengthBits, rng) : generateEcKeyPair(spec.curve!, spec.lengthBits, rng);
}
