/** Request fields for handler unit tests. */
import { CryptographicAlgorithm, CryptographicUsageMask, ObjectType, Tag } from "../../src/kmip";
import { enumeration, integer, structure } from "../../src/ttlv";
import { StructureNode, TtlvNode } from "../../src/ttlv/types";
import { OperationContext } from "../../bundled-server/context";
import { create } from "../../bundled-server/operations/create";
import { attribute, createPayload, KeySpec } from "./helpers";
import { requestPayload } from "./unit-context";

export const AES_KEY: KeySpec = {
  algorithm: CryptographicAlgorithm.AES,
  length: 256,
  usageMask: CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt,
};

/** Creates a key through the Create handler and returns its Unique Identifier. */
export function createKey(context: OperationContext, spec: Partial<KeySpec> = {}): string {
  const payload = create(requestPayload(createPayload({ ...AES_KEY, ...spec })), context);
  return payload.value.find((field) => field.tag === Tag.UniqueIdentifier)!.value as string;
}

/** Create payload with the given template attributes only. */
export function createWith(attributes: TtlvNode[], objectType: number = ObjectType.SymmetricKey): TtlvNode[] {
  return [enumeration(Tag.ObjectType, objectType), structure(Tag.TemplateAttribute, attributes)];
}

export const algorithmAttribute = (value: number): TtlvNode => attribute("Cryptographic Algorithm", enumeration(0, value));
export const lengthAttribute = (value: number): TtlvNode => attribute("Cryptographic Length", integer(0, value));
export const maskAttribute = (value: number): TtlvNode => attribute("Cryptographic Usage Mask", integer(0, value));

export function fieldValue(payload: StructureNode, tag: number): TtlvNode["value"] | undefined {
  return payload.value.find((field) => field.tag === tag)?.value;
}
