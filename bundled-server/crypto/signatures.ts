/**
 * Signature generation and verification: RSA PKCS #1 v1.5 and RSASSA-PSS on the raw RSA
 * primitive (so a digest the client computed can be signed), ECDSA on node:crypto sign/verify
 * with DER-encoded signatures, or on ecdsa-digest.ts for Digested Data.
 */
import { createHash, KeyObject, sign, timingSafeEqual, verify } from "node:crypto";
import { ResultReason } from "../../src/kmip";
import { KmipResultError } from "../errors";
import { cryptoStep } from "./failures";
import { signDigest, verifyDigest } from "./ecdsa-digest";
import { digestInfo } from "./hashes";
import { pssEncode, pssVerify } from "./pss";
import { pkcs1v15SignatureEncode, rsaPrivateOperation, rsaPublicOperation } from "./rsa-padding";
import { SignatureScheme } from "./signature-scheme";

/** Signature input: the message itself, or its digest computed by the client (Digested Data). */
export type SignatureInput = { message: Buffer } | { digest: Buffer };

function messageHash(scheme: SignatureScheme, input: SignatureInput): Buffer {
  if ("digest" in input) {
    if (input.digest.length !== scheme.hash.size) {
      throw new KmipResultError(ResultReason.InvalidField, `Digested Data has ${input.digest.length} bytes; the hash gives ${scheme.hash.size}`);
    }
    return input.digest;
  }
  return createHash(scheme.hash.nodeName).update(input.message).digest();
}

function modulusBits(key: KeyObject): number {
  return key.asymmetricKeyDetails!.modulusLength!;
}

function leftPad(value: Buffer, length: number): Buffer {
  return value.length >= length ? value : Buffer.concat([Buffer.alloc(length - value.length), value]);
}

export function createSignature(scheme: SignatureScheme, key: KeyObject, input: SignatureInput, randomBytes: (length: number) => Buffer): Buffer {
  if (scheme.kind === "ecdsa") {
    if ("digest" in input) {
      const digest = messageHash(scheme, input);
      return cryptoStep("ECDSA signing", () => signDigest(key, digest, randomBytes));
    }
    return cryptoStep("ECDSA signing", () => sign(scheme.hash.nodeName, input.message, key));
  }

  const k = Math.ceil(modulusBits(key) / 8);
  const hash = messageHash(scheme, input);
  if (scheme.kind === "rsa-pkcs1") {
    return rsaPrivateOperation(key, pkcs1v15SignatureEncode(digestInfo(scheme.hash, hash), k));
  }

  // RFC 8017 §8.1.1: emBits = modBits - 1. Without a Salt Length the salt is as long as the hash.
  const salt = randomBytes(scheme.saltLength ?? scheme.hash.size);
  const encoded = pssEncode(hash, modulusBits(key) - 1, { hash: scheme.hash, mgfHash: scheme.mgfHash, saltLength: salt.length }, salt);
  return rsaPrivateOperation(key, leftPad(encoded, k));
}

/** Returns whether the signature is valid; a malformed signature is invalid, not an error. */
export function verifySignature(scheme: SignatureScheme, key: KeyObject, input: SignatureInput, signature: Buffer): boolean {
  if (scheme.kind === "ecdsa") {
    if ("digest" in input) {
      const digest = messageHash(scheme, input);
      return safely(() => verifyDigest(key, digest, signature));
    }
    return safely(() => verify(scheme.hash.nodeName, input.message, key, signature));
  }

  const k = Math.ceil(modulusBits(key) / 8);
  const hash = messageHash(scheme, input);
  if (signature.length !== k) {
    return false;
  }
  const recovered = safely(() => rsaPublicOperation(key, signature));
  if (recovered === false) {
    return false;
  }

  if (scheme.kind === "rsa-pkcs1") {
    const expected = pkcs1v15SignatureEncode(digestInfo(scheme.hash, hash), k);
    return timingSafeEqual(recovered, expected);
  }
  const emBits = modulusBits(key) - 1;
  const emLen = Math.ceil(emBits / 8);
  if (recovered.subarray(0, k - emLen).some((byte) => byte !== 0)) {
    return false;
  }
  return pssVerify(hash, recovered.subarray(k - emLen), emBits, { hash: scheme.hash, mgfHash: scheme.mgfHash, saltLength: scheme.saltLength });
}

// A signature value at or above the modulus makes the RSA primitive throw; that is an invalid signature.
function safely<T>(step: () => T): T | false {
  try {
    return step();
  } catch {
    return false;
  }
}
