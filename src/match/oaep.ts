/**
 * RSA OAEP decryption with separate OAEP and MGF1 hashes and a label (P Source), which node:crypto's
 * privateDecrypt cannot combine: the raw RSA step runs in node:crypto, the EME-OAEP decoding of
 * RFC 8017 §7.1.2 here.
 */
import { constants, createHash, privateDecrypt, type KeyObject } from "node:crypto";

export interface OaepOptions {
  /** node:crypto digest names, e.g. "sha384". */
  hash: string;
  mgfHash: string;
  label: Buffer;
}

/** Returns the message, or undefined when the ciphertext does not decode (wrong key, hash or label). */
export function oaepDecrypt(privateKey: KeyObject, ciphertext: Buffer, options: OaepOptions): Buffer | undefined {
  let encoded: Buffer;
  try {
    encoded = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, ciphertext);
  } catch {
    return undefined;
  }

  return decode(encoded, options);
}

function decode(encoded: Buffer, options: OaepOptions): Buffer | undefined {
  const hashLength = createHash(options.hash).digest().length;
  if (encoded[0] !== 0 || encoded.length < 2 * hashLength + 2) {
    return undefined;
  }

  const maskedSeed = encoded.subarray(1, 1 + hashLength);
  const maskedBlock = encoded.subarray(1 + hashLength);
  const seed = xor(maskedSeed, mgf1(options.mgfHash, maskedBlock, hashLength));
  const block = xor(maskedBlock, mgf1(options.mgfHash, seed, maskedBlock.length));

  const labelHash = createHash(options.hash).update(options.label).digest();
  const separator = block.indexOf(1, hashLength);
  const paddingIsZero = block.subarray(hashLength, separator).every((byte) => byte === 0);
  if (!block.subarray(0, hashLength).equals(labelHash) || separator < 0 || !paddingIsZero) {
    return undefined;
  }

  return block.subarray(separator + 1);
}

/** MGF1 of RFC 8017 §B.2.1: Hash(seed || counter) for counter 0, 1, ... until `length` bytes. */
function mgf1(hash: string, seed: Buffer, length: number): Buffer {
  let output = Buffer.alloc(0);
  for (let counter = 0; output.length < length; counter++) {
    const counterBytes = Buffer.alloc(4);
    counterBytes.writeUInt32BE(counter);
    output = Buffer.concat([output, createHash(hash).update(seed).update(counterBytes).digest()]);
  }

  return output.subarray(0, length);
}

function xor(a: Buffer, b: Buffer): Buffer {
  return Buffer.from(a.map((byte, index) => byte ^ b[index]));
}
