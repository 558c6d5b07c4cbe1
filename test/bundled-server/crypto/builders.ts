/** Request builders and key registration for the cryptographic operation tests. */
import { expect } from "chai";
import { CryptographicAlgorithm, KeyFormatType, ObjectType, Tag } from "../../../src/kmip";
import { bool, bytes, dateTime, enumeration, integer, structure, text } from "../../../src/ttlv";
import { StructureNode, TtlvNode } from "../../../src/ttlv/types";
import { OperationContext } from "../../../bundled-server/context";
import { register } from "../../../bundled-server/operations/register";
import { attribute } from "../helpers";
import { FIXED_NOW, requestPayload } from "../unit-context";

/** Attributes that make a registered key Active at FIXED_NOW. */
export const ACTIVE = attribute("Activation Date", dateTime(0, FIXED_NOW - 3600n));

export function maskAttribute(mask: number): TtlvNode {
  return attribute("Cryptographic Usage Mask", integer(0, mask));
}

/** Builds a Cryptographic Parameters structure from its fields. */
export function parameters(fields: TtlvNode[]): TtlvNode {
  return structure(Tag.CryptographicParameters, fields);
}

export function parametersAttribute(fields: TtlvNode[]): TtlvNode {
  return attribute("Cryptographic Parameters", structure(0, fields));
}

export const uid = (value: string): TtlvNode => text(Tag.UniqueIdentifier, value);
export const data = (value: Buffer): TtlvNode => bytes(Tag.Data, value);
export const iv = (value: Buffer): TtlvNode => bytes(Tag.IVCounterNonce, value);
export const mode = (value: number): TtlvNode => enumeration(Tag.BlockCipherMode, value);
export const padding = (value: number): TtlvNode => enumeration(Tag.PaddingMethod, value);
export const hashing = (value: number): TtlvNode => enumeration(Tag.HashingAlgorithm, value);
export const initIndicator = (): TtlvNode => bool(Tag.InitIndicator, true);
export const finalIndicator = (): TtlvNode => bool(Tag.FinalIndicator, true);

function registeredIdentifier(payload: StructureNode): string {
  return payload.value.find((field) => field.tag === Tag.UniqueIdentifier)!.value as string;
}

/** Registers a Raw symmetric key through the Register handler and returns its Unique Identifier. */
export function registerSymmetricKey(context: OperationContext, key: Buffer, mask: number, attributes: TtlvNode[] = [ACTIVE], algorithm: number = CryptographicAlgorithm.AES): string {
  const keyBlock = structure(Tag.KeyBlock, [
    enumeration(Tag.KeyFormatType, KeyFormatType.Raw),
    structure(Tag.KeyValue, [bytes(Tag.KeyMaterial, key)]),
    enumeration(Tag.CryptographicAlgorithm, algorithm),
    integer(Tag.CryptographicLength, algorithm === CryptographicAlgorithm.DES3 ? (key.length / 8) * 56 : key.length * 8),
  ]);
  const payload = register(
    requestPayload([enumeration(Tag.ObjectType, ObjectType.SymmetricKey), structure(Tag.TemplateAttribute, [maskAttribute(mask), ...attributes]), structure(Tag.SymmetricKey, [keyBlock])]),
    context,
  );
  return registeredIdentifier(payload);
}

/** Registers a Private Key or Public Key given as DER in a Key Format Type and returns its Unique Identifier. */
export function registerAsymmetricKey(context: OperationContext, objectType: number, der: Buffer, format: number, mask: number, attributes: TtlvNode[] = [ACTIVE]): string {
  const keyBlock = structure(Tag.KeyBlock, [enumeration(Tag.KeyFormatType, format), structure(Tag.KeyValue, [bytes(Tag.KeyMaterial, der)])]);
  const tag = objectType === ObjectType.PrivateKey ? Tag.PrivateKey : Tag.PublicKey;
  const payload = register(
    requestPayload([enumeration(Tag.ObjectType, objectType), structure(Tag.TemplateAttribute, [maskAttribute(mask), ...attributes]), structure(tag, [keyBlock])]),
    context,
  );
  return registeredIdentifier(payload);
}

/** Returns the Byte String value of a response field, failing when it is absent. */
export function bytesField(payload: StructureNode, tag: number): Buffer {
  const found = payload.value.find((field) => field.tag === tag);
  expect(found, `response field 0x${tag.toString(16)}`).to.not.equal(undefined);
  return found!.value as Buffer;
}

export function fieldOf(payload: StructureNode, tag: number): TtlvNode["value"] | undefined {
  return payload.value.find((field) => field.tag === tag)?.value;
}
