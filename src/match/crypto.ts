/**
 * Key import and cipher facts for the rules that check cryptographic outputs with node:crypto.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { Tag } from "../kmip";
import { child } from "../ttlv/access";
import type { TtlvNode } from "../ttlv/types";
import { bytesOf, enumOf, integerOf } from "./context";
import type { KnownObject, ObjectLedger } from "./objects";

/** DER encodings of asymmetric Key Format Types (§9.1.3.2.3) that node:crypto reads. */
const PUBLIC_DER: Record<string, "pkcs1" | "spki"> = { PKCS_1: "pkcs1", X_509: "spki" };
const PRIVATE_DER: Record<string, "pkcs1" | "pkcs8" | "sec1"> = { PKCS_1: "pkcs1", PKCS_8: "pkcs8", ECPrivateKey: "sec1" };

/** node:crypto digest names of Hashing Algorithms (§9.1.3.2.16). */
export const DIGEST_NAMES: Record<string, string> = {
  MD5: "md5", SHA_1: "sha1", SHA_224: "sha224", SHA_256: "sha256", SHA_384: "sha384", SHA_512: "sha512",
  SHA_512_224: "sha512-224", SHA_512_256: "sha512-256", SHA3_224: "sha3-224", SHA3_256: "sha3-256", SHA3_384: "sha3-384", SHA3_512: "sha3-512",
};

/** Block size in bytes of the block ciphers the Profiles' test cases use. */
export const BLOCK_SIZES: Record<string, number> = { AES: 16, DES: 8, DES3: 8, Blowfish: 8, Camellia: 16 };

/** Output length in bytes of the HMAC algorithms of §9.1.3.2.13. */
export const HMAC_LENGTHS: Record<string, number> = {
  HMAC_SHA1: 20, HMAC_SHA224: 28, HMAC_SHA256: 32, HMAC_SHA384: 48, HMAC_SHA512: 64, HMAC_MD5: 16,
  HMAC_SHA3_224: 28, HMAC_SHA3_256: 32, HMAC_SHA3_384: 48, HMAC_SHA3_512: 64,
};

export function privateKeyOf(object: KnownObject | undefined): KeyObject | undefined {
  const type = object?.keyFormatType === undefined ? undefined : PRIVATE_DER[object.keyFormatType];
  if (object?.objectType !== "PrivateKey" || object.keyMaterial === undefined || type === undefined) {
    return undefined;
  }

  return attempt(() => createPrivateKey({ key: object.keyMaterial!, format: "der", type }));
}

/**
 * Returns the public key of an object: its own material for a Public Key, the public half of a
 * Private Key's material, or the material a Get returned for the other key of its pair.
 */
export function publicKeyOf(object: KnownObject | undefined, ledger: ObjectLedger | undefined): KeyObject | undefined {
  if (object === undefined) {
    return undefined;
  }

  const type = object.keyFormatType === undefined ? undefined : PUBLIC_DER[object.keyFormatType];
  if (object.objectType === "PublicKey" && object.keyMaterial !== undefined && type !== undefined) {
    return attempt(() => createPublicKey({ key: object.keyMaterial!, format: "der", type }));
  }

  const privateKey = privateKeyOf(object);
  if (privateKey !== undefined) {
    return createPublicKey(privateKey);
  }

  const partner = object.pairedWith === undefined ? undefined : ledger?.get(object.pairedWith);
  return partner?.objectType === "PublicKey" ? publicKeyOf(partner, undefined) : undefined;
}

/** Returns the registered private key whose public key equals `publicKey`, if the vector supplied one. */
export function privateKeyMatching(publicKey: KeyObject, ledger: ObjectLedger | undefined): KeyObject | undefined {
  const wanted = publicKey.export({ format: "der", type: "spki" });

  for (const object of ledger?.all() ?? []) {
    const privateKey = privateKeyOf(object);
    if (privateKey !== undefined && createPublicKey(privateKey).export({ format: "der", type: "spki" }).equals(wanted)) {
      return privateKey;
    }
  }

  return undefined;
}

/** The Cryptographic Parameters in force for an operation: the request's, else the object's attribute (§4.29-§4.33). */
export interface EffectiveParameters {
  blockCipherMode?: string;
  paddingMethod?: string;
  hashingAlgorithm?: string;
  cryptographicAlgorithm?: string;
  randomIv?: boolean;
  ivLength?: number;
  tagLength?: number;
  saltLength?: number;
  maskGeneratorHashingAlgorithm?: string;
  /** The OAEP label (P Source). */
  pSource?: Buffer;
}

export function effectiveParameters(requestPayload: TtlvNode | undefined, object: KnownObject | undefined): EffectiveParameters {
  const fromRequest = requestPayload === undefined ? undefined : child(requestPayload, Tag.CryptographicParameters);
  return parametersOf(fromRequest ?? object?.cryptographicParameters);
}

function parametersOf(node: TtlvNode | undefined): EffectiveParameters {
  if (node === undefined) {
    return {};
  }

  const randomIv = child(node, Tag.RandomIV);
  return {
    blockCipherMode: enumOf(child(node, Tag.BlockCipherMode), "BlockCipherMode"),
    paddingMethod: enumOf(child(node, Tag.PaddingMethod), "PaddingMethod"),
    hashingAlgorithm: enumOf(child(node, Tag.HashingAlgorithm), "HashingAlgorithm"),
    cryptographicAlgorithm: enumOf(child(node, Tag.CryptographicAlgorithm), "CryptographicAlgorithm"),
    randomIv: typeof randomIv?.value === "boolean" ? randomIv.value : undefined,
    ivLength: integerOf(child(node, Tag.IVLength)),
    tagLength: integerOf(child(node, Tag.TagLength)),
    saltLength: integerOf(child(node, Tag.SaltLength)),
    maskGeneratorHashingAlgorithm: enumOf(child(node, Tag.MaskGeneratorHashingAlgorithm), "HashingAlgorithm"),
    pSource: bytesOf(child(node, Tag.PSource)),
  };
}

/** Returns the node:crypto cipher name of a symmetric key and mode, e.g. "aes-128-cbc"; undefined when node cannot run it. */
export function cipherName(algorithm: string | undefined, keyLength: number, mode: string | undefined): string | undefined {
  const nodeMode = mode === undefined ? undefined : { ECB: "ecb", CBC: "cbc", CTR: "ctr", CFB: "cfb", OFB: "ofb" }[mode];
  if (nodeMode === undefined) {
    return undefined;
  }

  if (algorithm === "AES" && [16, 24, 32].includes(keyLength)) {
    return `aes-${keyLength * 8}-${nodeMode}`;
  }

  return algorithm === "DES3" && keyLength === 24 ? (nodeMode === "ecb" ? "des-ede3" : `des-ede3-${nodeMode}`) : undefined;
}

/** Symmetric key bytes of an object whose Key Format Type is Raw or Transparent Symmetric Key. */
export function symmetricKeyOf(object: KnownObject | undefined): Buffer | undefined {
  const raw = object?.keyFormatType === "Raw" || object?.keyFormatType === "TransparentSymmetricKey";
  return raw && object?.objectType === "SymmetricKey" ? object.keyMaterial : undefined;
}

function attempt<T>(make: () => T): T | undefined {
  try {
    return make();
  } catch {
    // Key material node:crypto cannot read leaves the rule with length checks only.
    return undefined;
  }
}
