/** EMSA-PSS encoding and verification (RFC 8017 §9.1) with MGF1, for RSASSA-PSS. */
import { createHash, timingSafeEqual } from "node:crypto";
import { cryptographicFailure } from "./failures";
import { HashFunction } from "./hashes";
import { mgf1 } from "./rsa-padding";

export interface PssOptions {
  hash: HashFunction;
  mgfHash: HashFunction;
  /** Salt length in bytes; undefined when verifying means "recover it from the encoding". */
  saltLength: number | undefined;
}

function xorInto(target: Buffer, mask: Buffer): void {
  for (let i = 0; i < target.length; i += 1) {
    target[i] ^= mask[i];
  }
}

function hashOfPrefixed(hash: HashFunction, messageHash: Buffer, salt: Buffer): Buffer {
  return createHash(hash.nodeName).update(Buffer.alloc(8)).update(messageHash).update(salt).digest();
}

/** EMSA-PSS-ENCODE (RFC 8017 §9.1.1) of a message hash into emBits = modulus bits - 1. */
export function pssEncode(messageHash: Buffer, emBits: number, options: PssOptions, salt: Buffer): Buffer {
  const emLen = Math.ceil(emBits / 8);
  const hLen = options.hash.size;
  if (emLen < hLen + salt.length + 2) {
    throw cryptographicFailure(`a PSS salt of ${salt.length} bytes does not fit this RSA key with this hash`);
  }

  const h = hashOfPrefixed(options.hash, messageHash, salt);
  const dataBlock = Buffer.concat([Buffer.alloc(emLen - salt.length - hLen - 2), Buffer.from([0x01]), salt]);
  xorInto(dataBlock, mgf1(options.mgfHash, h, emLen - hLen - 1));
  dataBlock[0] &= 0xff >> (8 * emLen - emBits);
  return Buffer.concat([dataBlock, h, Buffer.from([0xbc])]);
}

/** EMSA-PSS-VERIFY (RFC 8017 §9.1.2); returns whether the encoding is consistent with the message hash. */
export function pssVerify(messageHash: Buffer, encoded: Buffer, emBits: number, options: PssOptions): boolean {
  const emLen = Math.ceil(emBits / 8);
  const hLen = options.hash.size;
  const unusedTopBits = ~(0xff >> (8 * emLen - emBits)) & 0xff;
  if (encoded.length !== emLen || emLen < hLen + 2 || encoded[emLen - 1] !== 0xbc || (encoded[0] & unusedTopBits) !== 0) {
    return false;
  }

  const dataBlock = Buffer.from(encoded.subarray(0, emLen - hLen - 1));
  const h = encoded.subarray(emLen - hLen - 1, emLen - 1);
  xorInto(dataBlock, mgf1(options.mgfHash, h, emLen - hLen - 1));
  dataBlock[0] &= 0xff >> (8 * emLen - emBits);

  // The salt follows the first 0x01 after the zero padding.
  const separator = dataBlock.findIndex((byte) => byte !== 0);
  if (separator < 0 || dataBlock[separator] !== 0x01) {
    return false;
  }
  const salt = dataBlock.subarray(separator + 1);
  if (options.saltLength !== undefined && salt.length !== options.saltLength) {
    return false;
  }
  return timingSafeEqual(hashOfPrefixed(options.hash, messageHash, salt), h);
}
