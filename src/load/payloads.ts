/** Request payloads (§4 operations) that the load mixes send. */
import {
  BlockCipherMode,
  CryptographicAlgorithm,
  CryptographicUsageMask,
  HashingAlgorithm,
  KeyFormatType,
  ObjectType,
  PaddingMethod,
  QueryFunction,
  RevocationReasonCode,
  Tag,
} from "../kmip";
import { bytes, enumeration, integer, structure, text } from "../ttlv/build";
import type { TtlvNode } from "../ttlv/types";
import { attribute, templateAttribute } from "./requests";

const AES_KEY_BITS = 256;
const RSA_KEY_BITS = 2048;
const GCM_TAG_BYTES = 16;

function usageMask(mask: number): TtlvNode {
  return attribute("Cryptographic Usage Mask", integer(0, mask));
}

function uniqueIdentifier(identifier: string): TtlvNode {
  return text(Tag.UniqueIdentifier, identifier);
}

export function queryPayload(): TtlvNode[] {
  return [enumeration(Tag.QueryFunction, QueryFunction.QueryOperations), enumeration(Tag.QueryFunction, QueryFunction.QueryObjects)];
}

/** Create: a 256-bit AES key for Encrypt and Decrypt. */
export function createAesKeyPayload(): TtlvNode[] {
  const template = templateAttribute([
    attribute("Cryptographic Algorithm", enumeration(0, CryptographicAlgorithm.AES)),
    attribute("Cryptographic Length", integer(0, AES_KEY_BITS)),
    usageMask(CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt),
  ]);
  return [enumeration(Tag.ObjectType, ObjectType.SymmetricKey), template];
}

/** Register: a 256-bit AES key with this Raw key material (§2.2 Key Block). */
export function registerAesKeyPayload(keyMaterial: Buffer): TtlvNode[] {
  const keyBlock = structure(Tag.KeyBlock, [
    enumeration(Tag.KeyFormatType, KeyFormatType.Raw),
    structure(Tag.KeyValue, [bytes(Tag.KeyMaterial, keyMaterial)]),
    enumeration(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
    integer(Tag.CryptographicLength, keyMaterial.length * 8),
  ]);
  const template = templateAttribute([usageMask(CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt)]);
  return [enumeration(Tag.ObjectType, ObjectType.SymmetricKey), template, structure(Tag.SymmetricKey, [keyBlock])];
}

/** Create Key Pair: RSA-2048, the private key for Sign and the public key for Verify. */
export function createRsaKeyPairPayload(): TtlvNode[] {
  return [
    structure(Tag.CommonTemplateAttribute, [
      attribute("Cryptographic Algorithm", enumeration(0, CryptographicAlgorithm.RSA)),
      attribute("Cryptographic Length", integer(0, RSA_KEY_BITS)),
    ]),
    structure(Tag.PrivateKeyTemplateAttribute, [usageMask(CryptographicUsageMask.Sign)]),
    structure(Tag.PublicKeyTemplateAttribute, [usageMask(CryptographicUsageMask.Verify)]),
  ];
}

/** Get Attributes, Activate and Destroy take the Unique Identifier alone. */
export function identifierPayload(identifier: string): TtlvNode[] {
  return [uniqueIdentifier(identifier)];
}

/** Revoke with reason Cessation of Operation, which a Destroy of an Active object needs first. */
export function revokePayload(identifier: string): TtlvNode[] {
  const reason = structure(Tag.RevocationReason, [enumeration(Tag.RevocationReasonCode, RevocationReasonCode.CessationOfOperation)]);
  return [uniqueIdentifier(identifier), reason];
}

/** Encrypt with AES-GCM, a 16-byte tag and the caller's 12-byte nonce. */
export function encryptGcmPayload(identifier: string, data: Buffer, nonce: Buffer): TtlvNode[] {
  const parameters = structure(Tag.CryptographicParameters, [
    enumeration(Tag.BlockCipherMode, BlockCipherMode.GCM),
    enumeration(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
    integer(Tag.TagLength, GCM_TAG_BYTES),
  ]);
  return [uniqueIdentifier(identifier), parameters, bytes(Tag.Data, data), bytes(Tag.IVCounterNonce, nonce)];
}

/** Sign with RSA PKCS #1 v1.5 over a SHA-256 hash of `data`. */
export function signRsaPayload(identifier: string, data: Buffer): TtlvNode[] {
  const parameters = structure(Tag.CryptographicParameters, [
    enumeration(Tag.PaddingMethod, PaddingMethod.PKCS1V1_5),
    enumeration(Tag.HashingAlgorithm, HashingAlgorithm.SHA_256),
    enumeration(Tag.CryptographicAlgorithm, CryptographicAlgorithm.RSA),
  ]);
  return [uniqueIdentifier(identifier), parameters, bytes(Tag.Data, data)];
}
