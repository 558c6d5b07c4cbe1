/** Get (§4.11): returns a managed object. Errors per §11.12. */
import { enumName, KeyFormatType, ObjectType, ResultReason, Tag } from "../../src/kmip";
import { bytes, enumeration, structure } from "../../src/ttlv";
import { ItemType, StructureNode, TtlvNode } from "../../src/ttlv/types";
import { booleanValue, valueOf } from "../attributes/values";
import { OperationContext } from "../context";
import { KmipResultError } from "../errors";
import { optionalEnumeration, optionalField } from "../payload";
import { storedSymmetricKey } from "../store/key-block";
import { ManagedObject } from "../store/managed-object";
import { responsePayload, targetObject, uniqueIdentifierField } from "./common";

export function get(payload: StructureNode, context: OperationContext): StructureNode {
  const object = targetObject(payload, context);
  if (optionalField(payload, Tag.KeyWrappingSpecification, ItemType.Structure) !== undefined) {
    // TODO: wrap the returned key as the Key Wrapping Specification requests (§2.1.6).
    throw new KmipResultError(ResultReason.FeatureNotSupported, "Get with a Key Wrapping Specification is not supported yet");
  }
  requireExportable(object);

  const format = optionalEnumeration(payload, Tag.KeyFormatType);
  const content = format === undefined ? object.content! : convertFormat(object, format);

  // §3.34: once served to a client the object is no longer fresh.
  object.attributes.set("Fresh", valueOf.boolean(false));
  return responsePayload([enumeration(Tag.ObjectType, object.objectType), uniqueIdentifierField(object), content]);
}

// §11.12: an object whose key material is gone (destroyed) leaves only attributes: Illegal
// Operation. A Sensitive or non-Extractable object cannot leave the server in the clear.
function requireExportable(object: ManagedObject): void {
  if (object.content === undefined) {
    throw new KmipResultError(ResultReason.IllegalOperation, `object ${object.uniqueIdentifier} is destroyed; only its attributes remain`);
  }
  if (booleanValue(object.attributes.first("Sensitive")) === true) {
    throw new KmipResultError(ResultReason.Sensitive, `object ${object.uniqueIdentifier} is Sensitive and cannot be returned unwrapped`);
  }
  if (booleanValue(object.attributes.first("Extractable")) === false) {
    throw new KmipResultError(ResultReason.NotExtractable, `object ${object.uniqueIdentifier} is not Extractable`);
  }
}

/** Converts a stored Symmetric Key to the requested Key Format Type (§4.11 lists the conversions). */
function convertFormat(object: ManagedObject, format: number): TtlvNode {
  if (object.objectType === ObjectType.SymmetricKey && format === KeyFormatType.Raw) {
    return object.content!;
  }
  if (object.objectType === ObjectType.SymmetricKey && format === KeyFormatType.TransparentSymmetricKey) {
    return transparentSymmetricKey(object);
  }
  const formatName = enumName("KeyFormatType", format) ?? `0x${format.toString(16)}`;
  throw new KmipResultError(ResultReason.KeyFormatTypeNotSupported, `object ${object.uniqueIdentifier} cannot be returned as ${formatName}`);
}

function transparentSymmetricKey(object: ManagedObject): TtlvNode {
  const keyBlock = (object.content as StructureNode).value[0] as StructureNode;
  const trailing = keyBlock.value.filter((field) => field.tag !== Tag.KeyFormatType && field.tag !== Tag.KeyValue);
  const keyValue = structure(Tag.KeyValue, [structure(Tag.KeyMaterial, [bytes(Tag.Key, storedSymmetricKey(object.content!))])]);
  return structure(Tag.SymmetricKey, [
    structure(Tag.KeyBlock, [enumeration(Tag.KeyFormatType, KeyFormatType.TransparentSymmetricKey), keyValue, ...trailing]),
  ]);
}
