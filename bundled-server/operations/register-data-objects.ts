/**
 * Register (§4.3) of Secret Data (§2.2.7) and Opaque Objects (§2.2.8): objects the server stores
 * and returns but never uses in a cryptographic operation. register.ts hands these Object Types
 * here. Errors per §11.4.
 */
import { enumName, ObjectType, ResultReason, Tag } from "../../src/kmip";
import { bytes, enumeration, structure } from "../../src/ttlv";
import { ItemType, StructureNode } from "../../src/ttlv/types";
import { AttributeSet } from "../attributes/attribute-set";
import { NAME_TAKEN_ON_CREATION, requireUnusedName } from "../attributes/names";
import { applyTemplateAttributes, parseTemplateAttribute } from "../attributes/template";
import { OperationContext } from "../context";
import { KmipResultError } from "../errors";
import { optionalField, requiredEnumeration, requiredField, requiredStructure } from "../payload";
import { newManagedObject, NewObjectRequest } from "../store/new-object";
import { responsePayload, uniqueIdentifierField } from "./common";
import { unwrapRegisteredObject } from "./key-unwrapping";

type StoredParts = Pick<NewObjectRequest, "content" | "digestInput" | "digestFormat" | "cryptographicObject">;

export function isDataObjectType(objectType: number): boolean {
  return objectType === ObjectType.SecretData || objectType === ObjectType.OpaqueObject;
}

/**
 * Registers Secret Data or an Opaque Object. Table 171 requires clients to give a Cryptographic Usage Mask
 * on every cryptographic object, but the server never uses Secret Data in an operation the mask
 * governs, so it does not refuse Secret Data registered without one.
 */
export function registerDataObject(payload: StructureNode, context: OperationContext): StructureNode {
  const objectType = requiredEnumeration(payload, Tag.ObjectType);
  const parts = objectType === ObjectType.SecretData ? secretDataParts(unwrapRegisteredObject(objectStructure(payload, Tag.SecretData), context)) : opaqueObjectParts(objectStructure(payload, Tag.OpaqueObject));

  const attributes = new AttributeSet();
  applyTemplateAttributes(attributes, parseTemplateAttribute(requiredStructure(payload, Tag.TemplateAttribute), context.store));
  for (const name of attributes.all("Name")) {
    requireUnusedName(context.store, name.value, undefined, NAME_TAKEN_ON_CREATION);
  }

  const object = newManagedObject({ objectType, attributes, generatedByServer: false, ...parts }, context);
  context.store.insert(object);

  // §4.3: the server copies the new Unique Identifier into the ID Placeholder.
  context.batch.idPlaceholder = object.uniqueIdentifier;
  return responsePayload([uniqueIdentifierField(object)]);
}

// §11.4: "Object Type does not match type of cryptographic object provided" is Invalid Field.
function objectStructure(payload: StructureNode, tag: number): StructureNode {
  if (!payload.value.some((field) => field.tag === tag)) {
    const typeName = tag === Tag.SecretData ? "Secret Data" : "Opaque Object";
    throw new KmipResultError(ResultReason.InvalidField, `Object Type is ${typeName} but the request carries no ${typeName} object`);
  }
  return requiredStructure(payload, tag);
}

/**
 * Secret Data (§2.2.7), already unwrapped: Secret Data Type and a Key Block whose Key Value holds the secret as a
 * Byte String Key Material. The Digest covers that Byte String in the registered Key Format Type.
 */
function secretDataParts(secretData: StructureNode): StoredParts {
  const secretDataType = requiredEnumeration(secretData, Tag.SecretDataType);
  if (enumName("SecretDataType", secretDataType) === undefined && secretDataType < 0x80000000) {
    throw new KmipResultError(ResultReason.InvalidField, `Secret Data Type 0x${secretDataType.toString(16)} is not recognized`);
  }

  const keyBlock = requiredStructure(secretData, Tag.KeyBlock);
  const format = requiredEnumeration(keyBlock, Tag.KeyFormatType);
  const keyValue = requiredStructure(keyBlock, Tag.KeyValue);
  // Key Material may be a Structure in other objects (Table 8), so here one is a wrong value, not a malformed message.
  const materialField = keyValue.value.find((field) => field.tag === Tag.KeyMaterial);
  if (materialField === undefined || materialField.type !== ItemType.ByteString) {
    throw new KmipResultError(ResultReason.InvalidField, "the Secret Data Key Value needs its Key Material as a Byte String");
  }
  const material = materialField.value;

  const content = structure(Tag.SecretData, [
    enumeration(Tag.SecretDataType, secretDataType),
    structure(Tag.KeyBlock, [enumeration(Tag.KeyFormatType, format), structure(Tag.KeyValue, [bytes(Tag.KeyMaterial, material)])]),
  ]);
  return { content, digestInput: material, digestFormat: format };
}

/** Opaque Object (§2.2.8): Opaque Data Type and Opaque Data Value. The Digest covers the value (§3.17). */
function opaqueObjectParts(opaqueObject: StructureNode): StoredParts {
  const dataType = requiredEnumeration(opaqueObject, Tag.OpaqueDataType);
  const value = requiredField(opaqueObject, Tag.OpaqueDataValue, ItemType.ByteString).value as Buffer;
  const content = structure(Tag.OpaqueObject, [enumeration(Tag.OpaqueDataType, dataType), bytes(Tag.OpaqueDataValue, value)]);
  return { content, digestInput: value, digestFormat: undefined, cryptographicObject: false };
}
