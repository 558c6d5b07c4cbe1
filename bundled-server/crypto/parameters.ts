/**
 * Cryptographic Parameters (§3.6, Table 65) as the cryptographic operations read them: from the
 * request, or else from the key's Cryptographic Parameters attribute with the lowest Attribute
 * Index (§4.29 to §4.34: "If omitted then the Cryptographic Parameters associated with the Managed
 * Cryptographic Object with the lowest Attribute Index SHALL be used").
 */
import { Tag } from "../../src/kmip";
import { ItemType, StructureNode, TtlvNode } from "../../src/ttlv/types";
import { optionalBoolean, optionalBytes, optionalEnumeration, optionalInteger, optionalStructure } from "../payload";
import { ManagedObject } from "../store/managed-object";

export interface CryptoParameters {
  blockCipherMode?: number;
  paddingMethod?: number;
  hashingAlgorithm?: number;
  digitalSignatureAlgorithm?: number;
  cryptographicAlgorithm?: number;
  randomIV?: boolean;
  /** IV length in bits. */
  ivLength?: number;
  /** Authentication tag length in bytes. */
  tagLength?: number;
  initialCounterValue?: number;
  /** PSS salt length in bytes. */
  saltLength?: number;
  maskGenerator?: number;
  maskGeneratorHashingAlgorithm?: number;
  /** OAEP encoding parameter P (the label). */
  pSource?: Buffer;
  trailerField?: number;
}

/** Reads a Cryptographic Parameters structure; a field of the wrong item type is Invalid Message. */
export function parseCryptoParameters(node: TtlvNode): CryptoParameters {
  return {
    blockCipherMode: optionalEnumeration(node, Tag.BlockCipherMode),
    paddingMethod: optionalEnumeration(node, Tag.PaddingMethod),
    hashingAlgorithm: optionalEnumeration(node, Tag.HashingAlgorithm),
    digitalSignatureAlgorithm: optionalEnumeration(node, Tag.DigitalSignatureAlgorithm),
    cryptographicAlgorithm: optionalEnumeration(node, Tag.CryptographicAlgorithm),
    randomIV: optionalBoolean(node, Tag.RandomIV),
    ivLength: optionalInteger(node, Tag.IVLength),
    tagLength: optionalInteger(node, Tag.TagLength),
    initialCounterValue: optionalInteger(node, Tag.InitialCounterValue),
    saltLength: optionalInteger(node, Tag.SaltLength),
    maskGenerator: optionalEnumeration(node, Tag.MaskGenerator),
    maskGeneratorHashingAlgorithm: optionalEnumeration(node, Tag.MaskGeneratorHashingAlgorithm),
    pSource: optionalBytes(node, Tag.PSource),
    trailerField: optionalInteger(node, Tag.TrailerField),
  };
}

/**
 * Returns the parameters of the request, or those of the key when the request has none. The two
 * are not merged: the spec replaces the attribute by the request's structure as a whole.
 */
export function effectiveParameters(payload: StructureNode, object: ManagedObject | undefined): CryptoParameters {
  const requested = optionalStructure(payload, Tag.CryptographicParameters);
  if (requested !== undefined) {
    return parseCryptoParameters(requested);
  }

  const instances = object?.attributes.all("Cryptographic Parameters") ?? [];
  const lowest = [...instances].sort((left, right) => left.index - right.index)[0];
  if (lowest === undefined || lowest.value.type !== ItemType.Structure) {
    return {};
  }
  return parseCryptoParameters(lowest.value);
}
