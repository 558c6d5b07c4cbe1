/**
 * RSA encoding methods of PKCS #1 v2.2 (RFC 8017) around the raw RSA primitives of node:crypto
 * (RSA_NO_PADDING). They are written out because node:crypto cannot use a Mask Generator Hashing
 * Algorithm other than the Hashing Algorithm for OAEP or PSS, cannot sign a digest the client
 * computed (Digested Data), and refuses PKCS #1 v1.5 decryption.
 */
import { constants, createHash, KeyObject, privateDecrypt, publicEncrypt, timingSafeEqual } from "node:crypto";
import { cryptographicFailure, cryptoStep } from "./failures";
import { HashFunction } from "./hashes";

/** Raw RSA with the private key: m^d mod n (RFC 8017 RSADP and RSASP1). */
export function rsaPrivateOperation(key: KeyObject, input: Buffer): Buffer {
  return cryptoStep("RSA private key operation", () => privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, input));
}

/** Raw RSA with the public key: m^e mod n (RFC 8017 RSAEP and RSAVP1). */
export function rsaPublicOperation(key: KeyObject, input: Buffer): Buffer {
  return cryptoStep("RSA public key operation", () => publicEncrypt({ key, padding: constants.RSA_NO_PADDING }, input));
}

/** MGF1 (RFC 8017 §B.2.1). */
export function mgf1(hash: HashFunction, seed: Buffer, length: number): Buffer {
  const blocks: Buffer[] = [];
  for (let counter = 0; blocks.length * hash.size < length; counter += 1) {
    const counterBytes = Buffer.alloc(4);
    counterBytes.writeUInt32BE(counter);
    blocks.push(createHash(hash.nodeName).update(seed).update(counterBytes).digest());
  }
  return Buffer.concat(blocks).subarray(0, length);
}

function xor(left: Buffer, right: Buffer): Buffer {
  const out = Buffer.alloc(left.length);
  for (let i = 0; i < left.length; i += 1) {
    out[i] = left[i] ^ right[i];
  }
  return out;
}

export interface OaepOptions {
  hash: HashFunction;
  mgfHash: HashFunction;
  label: Buffer;
}

/** EME-OAEP encoding (RFC 8017 §7.1.1 step 2) of `message` for a modulus of `k` bytes. */
export function oaepEncode(message: Buffer, k: number, options: OaepOptions, seed: Buffer): Buffer {
  const hLen = options.hash.size;
  if (message.length > k - 2 * hLen - 2) {
    throw cryptographicFailure(`the message has ${message.length} bytes; RSA-OAEP with this key and hash takes at most ${k - 2 * hLen - 2}`);
  }

  const labelHash = createHash(options.hash.nodeName).update(options.label).digest();
  const padding = Buffer.alloc(k - message.length - 2 * hLen - 2);
  const dataBlock = Buffer.concat([labelHash, padding, Buffer.from([0x01]), message]);
  const maskedDataBlock = xor(dataBlock, mgf1(options.mgfHash, seed, k - hLen - 1));
  const maskedSeed = xor(seed, mgf1(options.mgfHash, maskedDataBlock, hLen));
  return Buffer.concat([Buffer.from([0x00]), maskedSeed, maskedDataBlock]);
}

/** EME-OAEP decoding (RFC 8017 §7.1.2 step 3); any defect is the one "decryption error". */
export function oaepDecode(encoded: Buffer, options: OaepOptions): Buffer {
  const hLen = options.hash.size;
  const k = encoded.length;
  if (k < 2 * hLen + 2) {
    throw cryptographicFailure("RSA-OAEP decryption error: the key is too short for this hash");
  }

  const maskedSeed = encoded.subarray(1, 1 + hLen);
  const maskedDataBlock = encoded.subarray(1 + hLen);
  const seed = xor(maskedSeed, mgf1(options.mgfHash, maskedDataBlock, hLen));
  const dataBlock = xor(maskedDataBlock, mgf1(options.mgfHash, seed, k - hLen - 1));
  const labelHash = createHash(options.hash.nodeName).update(options.label).digest();
  const separator = dataBlock.indexOf(0x01, hLen);
  const paddingIsZero = separator > 0 && dataBlock.subarray(hLen, separator).every((byte) => byte === 0);
  if (encoded[0] !== 0 || !timingSafeEqual(dataBlock.subarray(0, hLen), labelHash) || !paddingIsZero) {
    throw cryptographicFailure("RSA-OAEP decryption error");
  }
  return dataBlock.subarray(separator + 1);
}

/** EME-PKCS1-v1_5 encoding (RFC 8017 §7.2.1 step 2); `randomBytes` supplies the nonzero padding. */
export function pkcs1v15EncryptEncode(message: Buffer, k: number, randomBytes: (length: number) => Buffer): Buffer {
  if (message.length > k - 11) {
    throw cryptographicFailure(`the message has ${message.length} bytes; RSA PKCS#1 v1.5 encryption with this key takes at most ${k - 11}`);
  }
  const padding = Buffer.alloc(k - message.length - 3);
  for (let filled = 0; filled < padding.length; ) {
    for (const byte of randomBytes(padding.length - filled)) {
      if (byte !== 0 && filled < padding.length) {
        padding[filled++] = byte;
      }
    }
  }
  return Buffer.concat([Buffer.from([0x00, 0x02]), padding, Buffer.from([0x00]), message]);
}

/** EME-PKCS1-v1_5 decoding (RFC 8017 §7.2.2 step 3). */
export function pkcs1v15EncryptDecode(encoded: Buffer): Buffer {
  const separator = encoded.indexOf(0x00, 2);
  if (encoded[0] !== 0x00 || encoded[1] !== 0x02 || separator < 10) {
    throw cryptographicFailure("RSA PKCS#1 v1.5 decryption error");
  }
  return encoded.subarray(separator + 1);
}

/** EMSA-PKCS1-v1_5 encoding (RFC 8017 §9.2) of a DER DigestInfo into `k` bytes. */
export function pkcs1v15SignatureEncode(digestInfoDer: Buffer, k: number): Buffer {
  if (digestInfoDer.length > k - 11) {
    throw cryptographicFailure("the RSA key is too short for this hash");
  }
  const padding = Buffer.alloc(k - digestInfoDer.length - 3, 0xff);
  return Buffer.concat([Buffer.from([0x00, 0x01]), padding, Buffer.from([0x00]), digestInfoDer]);
}
