/**
 * Hashing Algorithm (§9.1.3.2.16) and HMAC Cryptographic Algorithm values mapped to node:crypto
 * digest names, with the DER DigestInfo prefix that PKCS #1 v1.5 signatures carry (RFC 8017 §9.2).
 */
import { createHash, getHashes } from "node:crypto";
import { CryptographicAlgorithm, enumName, HashingAlgorithm, ResultReason } from "../../src/kmip";
import { KmipResultError } from "../errors";

export interface HashFunction {
  /** Digest name for node:crypto createHash and createHmac. */
  nodeName: string;
  /** Output length in bytes. */
  size: number;
  /** DER of the AlgorithmIdentifier OID (without tag and length), for DigestInfo. */
  oid: Buffer;
}

// DER of the OID arc 2.16.840.1.101.3.4.2, under which NIST numbers its hash algorithms.
const NIST_HASH_OID_PREFIX = "6086480165030402";

function nistOid(last: number): Buffer {
  return Buffer.from(NIST_HASH_OID_PREFIX + last.toString(16).padStart(2, "0"), "hex");
}

const HASHES = new Map<number, HashFunction>([
  [HashingAlgorithm.MD5, { nodeName: "md5", size: 16, oid: Buffer.from("2a864886f70d0205", "hex") }],
  [HashingAlgorithm.SHA_1, { nodeName: "sha1", size: 20, oid: Buffer.from("2b0e03021a", "hex") }],
  [HashingAlgorithm.SHA_224, { nodeName: "sha224", size: 28, oid: nistOid(0x04) }],
  [HashingAlgorithm.SHA_256, { nodeName: "sha256", size: 32, oid: nistOid(0x01) }],
  [HashingAlgorithm.SHA_384, { nodeName: "sha384", size: 48, oid: nistOid(0x02) }],
  [HashingAlgorithm.SHA_512, { nodeName: "sha512", size: 64, oid: nistOid(0x03) }],
  [HashingAlgorithm.SHA_512_224, { nodeName: "sha512-224", size: 28, oid: nistOid(0x05) }],
  [HashingAlgorithm.SHA_512_256, { nodeName: "sha512-256", size: 32, oid: nistOid(0x06) }],
  [HashingAlgorithm.SHA_3_224, { nodeName: "sha3-224", size: 28, oid: nistOid(0x07) }],
  [HashingAlgorithm.SHA_3_256, { nodeName: "sha3-256", size: 32, oid: nistOid(0x08) }],
  [HashingAlgorithm.SHA_3_384, { nodeName: "sha3-384", size: 48, oid: nistOid(0x09) }],
  [HashingAlgorithm.SHA_3_512, { nodeName: "sha3-512", size: 64, oid: nistOid(0x0a) }],
  [HashingAlgorithm.RIPEMD_160, { nodeName: "ripemd160", size: 20, oid: Buffer.from("2b24030201", "hex") }],
]);

const HMAC_HASHES = new Map<number, number>([
  [CryptographicAlgorithm.HMAC_SHA1, HashingAlgorithm.SHA_1],
  [CryptographicAlgorithm.HMAC_SHA224, HashingAlgorithm.SHA_224],
  [CryptographicAlgorithm.HMAC_SHA256, HashingAlgorithm.SHA_256],
  [CryptographicAlgorithm.HMAC_SHA384, HashingAlgorithm.SHA_384],
  [CryptographicAlgorithm.HMAC_SHA512, HashingAlgorithm.SHA_512],
  [CryptographicAlgorithm.HMAC_MD5, HashingAlgorithm.MD5],
  [CryptographicAlgorithm.HMAC_SHA3_224, HashingAlgorithm.SHA_3_224],
  [CryptographicAlgorithm.HMAC_SHA3_256, HashingAlgorithm.SHA_3_256],
  [CryptographicAlgorithm.HMAC_SHA3_384, HashingAlgorithm.SHA_3_384],
  [CryptographicAlgorithm.HMAC_SHA3_512, HashingAlgorithm.SHA_3_512],
]);

/**
 * Returns the hash function for a Hashing Algorithm value. A value the enumeration does not define
 * is Invalid Field; a defined one that node:crypto lacks here (MD2, MD4, Tiger...) is Feature Not
 * Supported.
 */
export function hashFunction(hashingAlgorithm: number): HashFunction {
  const name = enumName("HashingAlgorithm", hashingAlgorithm);
  if (name === undefined) {
    throw new KmipResultError(ResultReason.InvalidField, `Hashing Algorithm 0x${hashingAlgorithm.toString(16)} is not a defined value`);
  }

  const found = HASHES.get(hashingAlgorithm);
  if (found === undefined || !getHashes().includes(found.nodeName)) {
    throw new KmipResultError(ResultReason.FeatureNotSupported, `Hashing Algorithm ${name} is not supported by this server`);
  }
  return found;
}

/** Returns the Hashing Algorithm of an HMAC Cryptographic Algorithm, or undefined for other algorithms. */
export function hmacHashingAlgorithm(cryptographicAlgorithm: number): number | undefined {
  return HMAC_HASHES.get(cryptographicAlgorithm);
}

export function digest(hashingAlgorithm: number, data: Buffer): Buffer {
  return createHash(hashFunction(hashingAlgorithm).nodeName).update(data).digest();
}

/** DER DigestInfo ::= SEQUENCE { AlgorithmIdentifier { oid, NULL }, OCTET STRING digest } (RFC 8017 §9.2). */
export function digestInfo(hash: HashFunction, digestValue: Buffer): Buffer {
  const oid = Buffer.concat([Buffer.from([0x06, hash.oid.length]), hash.oid]);
  const algorithm = Buffer.concat([Buffer.from([0x30, oid.length + 2]), oid, Buffer.from([0x05, 0x00])]);
  const octets = Buffer.concat([Buffer.from([0x04, digestValue.length]), digestValue]);
  return Buffer.concat([Buffer.from([0x30, algorithm.length + octets.length]), algorithm, octets]);
}
