/**
 * The signature scheme a Sign or Signature Verify request selects (§3.6: "either the Digital
 * Signature Algorithm can be specified or the Cryptographic Algorithm and Hashing Algorithm
 * combination"), checked against the key.
 */
import { KeyObject } from "node:crypto";
import { DigitalSignatureAlgorithm, enumName, HashingAlgorithm, PaddingMethod, ResultReason } from "../../src/kmip";
import { KmipResultError } from "../errors";
import { hashFunction, HashFunction } from "./hashes";
import { algorithmsOfKey } from "./key-material";
import { CryptoParameters } from "./parameters";

export type SchemeKind = "rsa-pkcs1" | "rsa-pss" | "ecdsa";

export interface SignatureScheme {
  kind: SchemeKind;
  hash: HashFunction;
  /** PSS only: the MGF1 hash and the salt length in bytes (undefined: default when signing, any when verifying). */
  mgfHash: HashFunction;
  saltLength: number | undefined;
}

const BY_DIGITAL_SIGNATURE_ALGORITHM = new Map<number, [SchemeKind, number | undefined]>([
  [DigitalSignatureAlgorithm.MD5WithRSAEncryptionPKCS_1V1_5, ["rsa-pkcs1", HashingAlgorithm.MD5]],
  [DigitalSignatureAlgorithm.SHA_1WithRSAEncryptionPKCS_1V1_5, ["rsa-pkcs1", HashingAlgorithm.SHA_1]],
  [DigitalSignatureAlgorithm.SHA_224WithRSAEncryptionPKCS_1V1_5, ["rsa-pkcs1", HashingAlgorithm.SHA_224]],
  [DigitalSignatureAlgorithm.SHA_256WithRSAEncryptionPKCS_1V1_5, ["rsa-pkcs1", HashingAlgorithm.SHA_256]],
  [DigitalSignatureAlgorithm.SHA_384WithRSAEncryptionPKCS_1V1_5, ["rsa-pkcs1", HashingAlgorithm.SHA_384]],
  [DigitalSignatureAlgorithm.SHA_512WithRSAEncryptionPKCS_1V1_5, ["rsa-pkcs1", HashingAlgorithm.SHA_512]],
  [DigitalSignatureAlgorithm.SHA3_256WithRSAEncryption, ["rsa-pkcs1", HashingAlgorithm.SHA_3_256]],
  [DigitalSignatureAlgorithm.SHA3_384WithRSAEncryption, ["rsa-pkcs1", HashingAlgorithm.SHA_3_384]],
  [DigitalSignatureAlgorithm.SHA3_512WithRSAEncryption, ["rsa-pkcs1", HashingAlgorithm.SHA_3_512]],
  // RSASSA-PSS names no hash: the Hashing Algorithm of the parameters supplies it.
  [DigitalSignatureAlgorithm.RSASSA_PSSPKCS_1V2_1, ["rsa-pss", undefined]],
  [DigitalSignatureAlgorithm.ECDSAWithSHA_1, ["ecdsa", HashingAlgorithm.SHA_1]],
  [DigitalSignatureAlgorithm.ECDSAWithSHA224, ["ecdsa", HashingAlgorithm.SHA_224]],
  [DigitalSignatureAlgorithm.ECDSAWithSHA256, ["ecdsa", HashingAlgorithm.SHA_256]],
  [DigitalSignatureAlgorithm.ECDSAWithSHA384, ["ecdsa", HashingAlgorithm.SHA_384]],
  [DigitalSignatureAlgorithm.ECDSAWithSHA512, ["ecdsa", HashingAlgorithm.SHA_512]],
]);

export function signatureScheme(parameters: CryptoParameters, key: KeyObject): SignatureScheme {
  const [kind, impliedHash] = schemeKind(parameters, key);
  const keyKind = key.asymmetricKeyType === "rsa" ? "rsa" : "ecdsa";
  if ((kind === "ecdsa") !== (keyKind === "ecdsa")) {
    throw new KmipResultError(ResultReason.InvalidField, `the signature algorithm (${kind}) does not fit the ${key.asymmetricKeyType} key`);
  }
  if (parameters.cryptographicAlgorithm !== undefined && !algorithmsOfKey(key).includes(parameters.cryptographicAlgorithm)) {
    const name = enumName("CryptographicAlgorithm", parameters.cryptographicAlgorithm) ?? `0x${parameters.cryptographicAlgorithm.toString(16)}`;
    throw new KmipResultError(ResultReason.InvalidField, `Cryptographic Algorithm ${name} does not match the ${key.asymmetricKeyType} key`);
  }

  const hashing = impliedHash ?? parameters.hashingAlgorithm;
  if (hashing === undefined) {
    throw new KmipResultError(ResultReason.MissingData, "the signature needs a Hashing Algorithm or a Digital Signature Algorithm in the Cryptographic Parameters");
  }
  // Table 65 names SHA-1 as the default MGF1 hash. Like the HSM this server models, the mask
  // generator uses the signature's Hashing Algorithm when the parameters name none.
  return {
    kind,
    hash: hashFunction(hashing),
    mgfHash: hashFunction(parameters.maskGeneratorHashingAlgorithm ?? hashing),
    saltLength: parameters.saltLength,
  };
}

function schemeKind(parameters: CryptoParameters, key: KeyObject): [SchemeKind, number | undefined] {
  const algorithm = parameters.digitalSignatureAlgorithm;
  if (algorithm !== undefined) {
    const found = BY_DIGITAL_SIGNATURE_ALGORITHM.get(algorithm);
    if (found === undefined) {
      const name = enumName("DigitalSignatureAlgorithm", algorithm) ?? `0x${algorithm.toString(16)}`;
      throw new KmipResultError(ResultReason.FeatureNotSupported, `Digital Signature Algorithm ${name} is not supported`);
    }
    return found;
  }
  if (key.asymmetricKeyType !== "rsa") {
    return ["ecdsa", undefined];
  }

  // An RSA key without a Padding Method signs with PKCS #1 v1.5.
  const padding = parameters.paddingMethod ?? PaddingMethod.PKCS1V1_5;
  if (padding === PaddingMethod.PSS) {
    return ["rsa-pss", undefined];
  }
  if (padding === PaddingMethod.PKCS1V1_5) {
    return ["rsa-pkcs1", undefined];
  }
  const name = enumName("PaddingMethod", padding) ?? `0x${padding.toString(16)}`;
  throw new KmipResultError(ResultReason.FeatureNotSupported, `Padding Method ${name} is not supported for RSA signatures (use PKCS1 v1.5 or PSS)`);
}
