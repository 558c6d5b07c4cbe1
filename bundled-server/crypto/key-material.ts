/**
 * Private Key and Public Key objects (§2.2.3, §2.2.4): their Key Blocks in the formats of
 * §9.1.3.2.3 (PKCS#1, PKCS#8, X.509 SubjectPublicKeyInfo, ECPrivateKey, Transparent RSA) read
 * into node:crypto KeyObjects, and written back for storage and for Get.
 */
import { createPrivateKey, createPublicKey, KeyObject } from "node:crypto";
import { CryptographicAlgorithm, enumName, KeyFormatType, ObjectType, ResultReason, Tag } from "../../src/kmip";
import { bytes, encode, enumeration, integer, structure } from "../../src/ttlv";
import { ItemType, StructureNode, TtlvNode } from "../../src/ttlv/types";
import { KmipResultError } from "../errors";
import { optionalEnumeration, optionalField, optionalInteger, requiredEnumeration, requiredStructure } from "../payload";
import { ManagedObject } from "../store/managed-object";
import { isTransparentEcFormat, TRANSPARENT_EC_PRIVATE_FORMATS, transparentEcKeyObject } from "./transparent-ec";
import { transparentRsaJwk } from "./transparent-keys";

export interface AsymmetricKeyParts {
  keyObject: KeyObject;
  /** Key Format Type of the Key Block as given. */
  format: number;
  /** Key Material as registered: the bytes of a DER format, the TTLV encoding of a Transparent structure (§3.17). */
  digestInput: Buffer;
  /** Key Format Type of digestInput. */
  digestFormat: number;
  cryptographicAlgorithm: number | undefined;
  cryptographicLength: number | undefined;
}

const DER_TYPES: ReadonlyMap<string, "pkcs1" | "pkcs8" | "sec1" | "spki"> = new Map([
  [`${ObjectType.PrivateKey}:${KeyFormatType.PKCS_1}`, "pkcs1"],
  [`${ObjectType.PrivateKey}:${KeyFormatType.PKCS_8}`, "pkcs8"],
  [`${ObjectType.PrivateKey}:${KeyFormatType.ECPrivateKey}`, "sec1"],
  [`${ObjectType.PublicKey}:${KeyFormatType.PKCS_1}`, "pkcs1"],
  [`${ObjectType.PublicKey}:${KeyFormatType.X_509}`, "spki"],
]);

/** Reads the Key Block of a Private Key or Public Key structure; malformed key material is Invalid Field. */
export function readAsymmetricKey(objectType: number, keyStructure: StructureNode): AsymmetricKeyParts {
  const keyBlock = requiredStructure(keyStructure, Tag.KeyBlock);
  if (optionalField(keyBlock, Tag.KeyWrappingData, ItemType.Structure) !== undefined) {
    // Register unwraps first (operations/key-unwrapping.ts), so a Key Block still wrapped here is a server bug.
    throw new KmipResultError(ResultReason.GeneralFailure, "the Key Block is still wrapped; unwrap it before reading the key");
  }

  const format = requiredEnumeration(keyBlock, Tag.KeyFormatType);
  const keyValue = requiredStructure(keyBlock, Tag.KeyValue);
  const keyObject = importKey(objectType, format, keyValue);
  // §3.17: a Byte String Key Material is digested as is, a structure as its TTLV encoding, both in the registered Key Format Type.
  const material = keyValue.value.find((field) => field.tag === Tag.KeyMaterial)!;
  return {
    keyObject,
    format,
    digestInput: material.type === ItemType.ByteString ? material.value : encode(material),
    digestFormat: format,
    cryptographicAlgorithm: optionalEnumeration(keyBlock, Tag.CryptographicAlgorithm),
    cryptographicLength: optionalInteger(keyBlock, Tag.CryptographicLength),
  };
}

function importKey(objectType: number, format: number, keyValue: StructureNode): KeyObject {
  const derType = DER_TYPES.get(`${objectType}:${format}`);
  const formatName = enumName("KeyFormatType", format) ?? `0x${format.toString(16)}`;
  try {
    if (derType !== undefined) {
      const material = optionalField(keyValue, Tag.KeyMaterial, ItemType.ByteString)?.value as Buffer | undefined;
      if (material === undefined) {
        throw new KmipResultError(ResultReason.InvalidField, `Key Format Type ${formatName} needs Key Material as a Byte String`);
      }
      const options = { key: material, format: "der" as const, type: derType };
      return objectType === ObjectType.PrivateKey ? createPrivateKey(options as never) : createPublicKey(options as never);
    }
    if (format === KeyFormatType.TransparentRSAPrivateKey || format === KeyFormatType.TransparentRSAPublicKey) {
      const jwk = transparentRsaJwk(requiredStructure(keyValue, Tag.KeyMaterial), format === KeyFormatType.TransparentRSAPrivateKey);
      return format === KeyFormatType.TransparentRSAPrivateKey ? createPrivateKey({ key: jwk, format: "jwk" }) : createPublicKey({ key: jwk, format: "jwk" });
    }
    if (isTransparentEcFormat(format) && TRANSPARENT_EC_PRIVATE_FORMATS.includes(format) === (objectType === ObjectType.PrivateKey)) {
      return transparentEcKeyObject(requiredStructure(keyValue, Tag.KeyMaterial), objectType === ObjectType.PrivateKey);
    }
  } catch (error) {
    if (error instanceof KmipResultError) {
      throw error;
    }
    throw new KmipResultError(ResultReason.InvalidField, `the Key Material is not a valid ${formatName} key`, { cause: error });
  }

  // TODO: Transparent DSA and DH key formats.
  const typeName = enumName("ObjectType", objectType) ?? `0x${objectType.toString(16)}`;
  throw new KmipResultError(ResultReason.KeyFormatTypeNotSupported, `Key Format Type ${formatName} is not supported for a ${typeName}`);
}

/** Returns the Key Format Type of generated keys: PKCS#1 for RSA, PKCS#8 (private) and X.509 (public) for EC. */
export function defaultFormat(objectType: number, keyObject: KeyObject): number {
  if (keyObject.asymmetricKeyType === "rsa") {
    return KeyFormatType.PKCS_1;
  }
  return objectType === ObjectType.PrivateKey ? KeyFormatType.PKCS_8 : KeyFormatType.X_509;
}

/** DER encoding of a key in a DER Key Format Type; another format is Key Format Type Not Supported. */
export function exportKeyMaterial(keyObject: KeyObject, format: number): Buffer {
  const type = keyObject.type === "private" ? DER_TYPES.get(`${ObjectType.PrivateKey}:${format}`) : DER_TYPES.get(`${ObjectType.PublicKey}:${format}`);
  if (type === undefined || (type === "pkcs1" && keyObject.asymmetricKeyType !== "rsa") || (type === "sec1" && keyObject.asymmetricKeyType !== "ec")) {
    const formatName = enumName("KeyFormatType", format) ?? `0x${format.toString(16)}`;
    throw new KmipResultError(ResultReason.KeyFormatTypeNotSupported, `a ${keyObject.asymmetricKeyType} ${keyObject.type} key cannot be exported as ${formatName}`);
  }
  return keyObject.export({ format: "der", type } as never) as Buffer;
}

/** Builds the Private Key or Public Key structure the server stores (§2.2.3, §2.2.4). */
export function asymmetricKeyContent(objectType: number, format: number, material: Buffer, algorithm: number, lengthBits: number): StructureNode {
  const tag = objectType === ObjectType.PrivateKey ? Tag.PrivateKey : Tag.PublicKey;
  return structure(tag, [
    structure(Tag.KeyBlock, [
      enumeration(Tag.KeyFormatType, format),
      structure(Tag.KeyValue, [bytes(Tag.KeyMaterial, material)]),
      enumeration(Tag.CryptographicAlgorithm, algorithm),
      integer(Tag.CryptographicLength, lengthBits),
    ]),
  ]) as StructureNode;
}

const CURVE_BITS: Readonly<Record<string, number>> = { prime192v1: 192, secp224r1: 224, prime256v1: 256, secp384r1: 384, secp521r1: 521, secp256k1: 256 };

/** Cryptographic Length of a key (§4.2): the modulus bits for RSA, the bits of the curve order for EC. */
export function keyLengthBits(keyObject: KeyObject): number | undefined {
  const details = keyObject.asymmetricKeyDetails;
  if (details?.modulusLength !== undefined) {
    return details.modulusLength;
  }
  return details?.namedCurve === undefined ? undefined : CURVE_BITS[details.namedCurve];
}

/** Cryptographic Algorithm values that name the algorithm of a key of this node:crypto type. */
export function algorithmsOfKey(keyObject: KeyObject): readonly number[] {
  if (keyObject.asymmetricKeyType === "rsa") {
    return [CryptographicAlgorithm.RSA];
  }
  if (keyObject.asymmetricKeyType === "ec") {
    return [CryptographicAlgorithm.EC, CryptographicAlgorithm.ECDSA, CryptographicAlgorithm.ECDH, CryptographicAlgorithm.ECMQV];
  }
  return [];
}

const KEY_OBJECTS = new WeakMap<TtlvNode, KeyObject>();

/** Returns the KeyObject of a stored Private Key or Public Key, parsed once per stored content. */
export function keyObjectOf(object: ManagedObject): KeyObject {
  const content = object.content as StructureNode;
  let keyObject = KEY_OBJECTS.get(content);
  if (keyObject === undefined) {
    keyObject = readAsymmetricKey(object.objectType, content).keyObject;
    KEY_OBJECTS.set(content, keyObject);
  }
  return keyObject;
}
