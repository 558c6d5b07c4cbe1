/** Symmetric Key objects (§2.2.2) as stored: a Key Block (§2.1.3) holding Raw key material. */
import { KeyFormatType, ResultReason, Tag } from "../../src/kmip";
import { bytes, enumeration, integer, structure } from "../../src/ttlv";
import { ItemType, StructureNode, TtlvNode } from "../../src/ttlv/types";
import { KmipResultError } from "../errors";
import { optionalEnumeration, optionalField, optionalInteger, requiredEnumeration, requiredStructure } from "../payload";

export interface SymmetricKeyParts {
  key: Buffer;
  cryptographicAlgorithm: number | undefined;
  cryptographicLength: number | undefined;
}

export function symmetricKeyContent(key: Buffer, cryptographicAlgorithm: number, cryptographicLength: number): StructureNode {
  const content = structure(Tag.SymmetricKey, [
    structure(Tag.KeyBlock, [
      enumeration(Tag.KeyFormatType, KeyFormatType.Raw),
      structure(Tag.KeyValue, [bytes(Tag.KeyMaterial, key)]),
      enumeration(Tag.CryptographicAlgorithm, cryptographicAlgorithm),
      integer(Tag.CryptographicLength, cryptographicLength),
    ]),
  ]);
  return content as StructureNode;
}

/**
 * Reads the key bytes of a Symmetric Key in Raw or Transparent Symmetric Key format (§2.1.7.1).
 * A wrapped key (Key Wrapping Data present, §2.1.5) or another format is Invalid Field.
 */
export function readSymmetricKey(symmetricKey: StructureNode): SymmetricKeyParts {
  const keyBlock = requiredStructure(symmetricKey, Tag.KeyBlock);
  if (optionalField(keyBlock, Tag.KeyWrappingData, ItemType.Structure) !== undefined) {
    // Register unwraps first (operations/key-unwrapping.ts), so a Key Block still wrapped here is a server bug.
    throw new KmipResultError(ResultReason.GeneralFailure, "the Key Block is still wrapped; unwrap it before reading the key");
  }

  const format = requiredEnumeration(keyBlock, Tag.KeyFormatType);
  const keyValue = requiredStructure(keyBlock, Tag.KeyValue);
  return {
    key: keyMaterialBytes(keyValue, format),
    cryptographicAlgorithm: optionalEnumeration(keyBlock, Tag.CryptographicAlgorithm),
    cryptographicLength: optionalInteger(keyBlock, Tag.CryptographicLength),
  };
}

function keyMaterialBytes(keyValue: StructureNode, format: number): Buffer {
  if (format === KeyFormatType.Raw) {
    return optionalField(keyValue, Tag.KeyMaterial, ItemType.ByteString)?.value as Buffer ?? missingKeyMaterial();
  }
  if (format === KeyFormatType.TransparentSymmetricKey) {
    const material = requiredStructure(keyValue, Tag.KeyMaterial);
    return optionalField(material, Tag.Key, ItemType.ByteString)?.value as Buffer ?? missingKeyMaterial();
  }
  throw new KmipResultError(ResultReason.InvalidField, `Key Format Type 0x${format.toString(16)} is not a format for a Symmetric Key (Raw or Transparent Symmetric Key)`);
}

function missingKeyMaterial(): never {
  throw new KmipResultError(ResultReason.InvalidField, "the Key Value contains no key material of the stated Key Format Type");
}

/** Returns the Raw key bytes of a stored Symmetric Key. */
export function storedSymmetricKey(content: TtlvNode): Buffer {
  const keyBlock = requiredStructure(content, Tag.KeyBlock);
  const keyValue = requiredStructure(keyBlock, Tag.KeyValue);
  return optionalField(keyValue, Tag.KeyMaterial, ItemType.ByteString)!.value as Buffer;
}
