/**
 * Private Key and Public Key objects converted to the Key Format Type a Get request names (§4.11):
 * PKCS#1, PKCS#8, X.509, ECPrivateKey, Transparent RSA and Transparent EC. Get calls
 * asymmetricKeyInFormat for these Object Types.
 */
import { KeyObject } from "node:crypto";
import { enumName, KeyFormatType, ResultReason, Tag } from "../../src/kmip";
import { bytes, enumeration, structure } from "../../src/ttlv";
import { StructureNode, TtlvNode } from "../../src/ttlv/types";
import { KmipResultError } from "../errors";
import { ManagedObject } from "../store/managed-object";
import { exportKeyMaterial, keyObjectOf } from "./key-material";
import { isTransparentEcFormat, TRANSPARENT_EC_PRIVATE_FORMATS, TRANSPARENT_EC_PUBLIC_FORMATS, transparentEcMaterial } from "./transparent-ec";
import { transparentRsaMaterial } from "./transparent-keys";

/**
 * Returns the object's Private Key or Public Key structure in the requested format, keeping the
 * other Key Block fields (Cryptographic Algorithm and Length). A format the key cannot take is Key
 * Format Type Not Supported (§11.12).
 */
export function asymmetricKeyInFormat(object: ManagedObject, format: number): StructureNode {
  const content = object.content as StructureNode;
  const keyBlock = content.value.find((field) => field.tag === Tag.KeyBlock) as StructureNode;
  const keyObject = keyObjectOf(object);

  const keyMaterial = keyMaterialInFormat(keyObject, format);

  const trailing = keyBlock.value.filter((field) => field.tag !== Tag.KeyFormatType && field.tag !== Tag.KeyValue && field.tag !== Tag.KeyCompressionType);
  const block = structure(Tag.KeyBlock, [enumeration(Tag.KeyFormatType, format), structure(Tag.KeyValue, [keyMaterial]), ...trailing]);
  return structure(content.tag, [block]) as StructureNode;
}

function keyMaterialInFormat(keyObject: KeyObject, format: number): TtlvNode {
  if (format === KeyFormatType.TransparentRSAPrivateKey || format === KeyFormatType.TransparentRSAPublicKey) {
    const matching = keyObject.type === "private" ? KeyFormatType.TransparentRSAPrivateKey : KeyFormatType.TransparentRSAPublicKey;
    requireTransparentMatch(keyObject, format, keyObject.asymmetricKeyType === "rsa" && format === matching);
    return transparentRsaMaterial(keyObject);
  }
  if (isTransparentEcFormat(format)) {
    const matching = keyObject.type === "private" ? TRANSPARENT_EC_PRIVATE_FORMATS : TRANSPARENT_EC_PUBLIC_FORMATS;
    requireTransparentMatch(keyObject, format, keyObject.asymmetricKeyType === "ec" && matching.includes(format));
    return transparentEcMaterial(keyObject);
  }
  return bytes(Tag.KeyMaterial, exportKeyMaterial(keyObject, format));
}

function requireTransparentMatch(keyObject: KeyObject, format: number, matches: boolean): void {
  if (!matches) {
    const formatName = enumName("KeyFormatType", format) ?? `0x${format.toString(16)}`;
    throw new KmipResultError(ResultReason.KeyFormatTypeNotSupported, `a ${keyObject.asymmetricKeyType} ${keyObject.type} key cannot be returned as ${formatName}`);
  }
}
