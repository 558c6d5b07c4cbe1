/**
 * RSA encryption (public key) and decryption (private key) with Padding Method OAEP or PKCS1 v1.5
 * (§3.6 Table 65: Hashing Algorithm, Mask Generator, Mask Generator Hashing Algorithm, P Source).
 */
import { KeyObject } from "node:crypto";
import { enumName, HashingAlgorithm, MaskGenerator, PaddingMethod, ResultReason } from "../../src/kmip";
import { KmipResultError } from "../errors";
import { Direction } from "./block-cipher";
import { cryptographicFailure } from "./failures";
import { hashFunction } from "./hashes";
import { CryptoParameters } from "./parameters";
import { OaepOptions, oaepDecode, oaepEncode, pkcs1v15EncryptDecode, pkcs1v15EncryptEncode, rsaPrivateOperation, rsaPublicOperation } from "./rsa-padding";
import { Session, wholeMessageSession } from "./streams";

/**
 * OAEP options from the parameters. RFC 8017 §A.2.1 makes SHA-1 the default OAEP hash. Table 65
 * gives SHA-1 as the default Mask Generator Hashing Algorithm too, but like the HSM this server
 * models, the mask generator follows the Hashing Algorithm when the parameters name none.
 */
export function oaepOptions(parameters: CryptoParameters): OaepOptions {
  if (parameters.maskGenerator !== undefined && parameters.maskGenerator !== MaskGenerator.MGF1) {
    throw new KmipResultError(ResultReason.FeatureNotSupported, `Mask Generator 0x${parameters.maskGenerator.toString(16)} is not supported (only MGF1)`);
  }
  const hashing = parameters.hashingAlgorithm ?? HashingAlgorithm.SHA_1;
  return {
    hash: hashFunction(hashing),
    mgfHash: hashFunction(parameters.maskGeneratorHashingAlgorithm ?? hashing),
    label: parameters.pSource ?? Buffer.alloc(0),
  };
}

export function rsaCipherSession(direction: Direction, key: KeyObject, parameters: CryptoParameters, randomBytes: (length: number) => Buffer): Session {
  const padding = parameters.paddingMethod;
  if (padding === undefined) {
    throw new KmipResultError(ResultReason.MissingData, "RSA encryption needs a Padding Method (OAEP or PKCS1 v1.5) in the Cryptographic Parameters");
  }
  if (padding !== PaddingMethod.OAEP && padding !== PaddingMethod.PKCS1V1_5) {
    const name = enumName("PaddingMethod", padding) ?? `0x${padding.toString(16)}`;
    throw new KmipResultError(ResultReason.FeatureNotSupported, `Padding Method ${name} is not supported for RSA encryption (use OAEP or PKCS1 v1.5)`);
  }

  const options = padding === PaddingMethod.OAEP ? oaepOptions(parameters) : undefined;
  const k = Math.ceil(key.asymmetricKeyDetails!.modulusLength! / 8);
  return wholeMessageSession((input) => {
    const output = direction === "encrypt" ? rsaEncrypt(key, k, input, options, randomBytes) : rsaDecrypt(key, k, input, options);
    return { output, fields: [] };
  });
}

function rsaEncrypt(key: KeyObject, k: number, message: Buffer, options: OaepOptions | undefined, randomBytes: (length: number) => Buffer): Buffer {
  const encoded = options === undefined ? pkcs1v15EncryptEncode(message, k, randomBytes) : oaepEncode(message, k, options, randomBytes(options.hash.size));
  return rsaPublicOperation(key, encoded);
}

function rsaDecrypt(key: KeyObject, k: number, ciphertext: Buffer, options: OaepOptions | undefined): Buffer {
  if (ciphertext.length !== k) {
    throw cryptographicFailure(`the ciphertext has ${ciphertext.length} bytes; this RSA key produces ${k}`);
  }
  const encoded = rsaPrivateOperation(key, ciphertext);
  return options === undefined ? pkcs1v15EncryptDecode(encoded) : oaepDecode(encoded, options);
}
