/** Get (§4.11): returns a managed object, converted and wrapped as the request specifies. Errors per §11.12. */
import { enumName, KeyFormatType, ObjectType, ResultReason, Tag } from "../../src/kmip";
import { bytes, enumeration, structure } from "../../src/ttlv";
import { StructureNode } from "../../src/ttlv/types";
import { booleanValue, valueOf } from "../attributes/values";
import { OperationContext } from "../context";
import { asymmetricKeyInFormat } from "../crypto/key-formats";
import { KmipResultError } from "../errors";
import { optionalEnumeration, optionalStructure } from "../payload";
import { storedSymmetricKey } from "../store/key-block";
import { ManagedObject } from "../store/managed-object";
import { responsePayload, targetObject, uniqueIdentifierField } from "./common";
import { wrapObject } from "./key-wrapping";

export function get(payload: StructureNode, context: OperationContext): StructureNode {
  const object = targetObject(payload, context);
  const wrapping = optionalStructure(payload, Tag.KeyWrappingSpecification);
  requireExportable(object, wrapping !== undefined);

  // TODO: Key Wrap Type (return a key "as registered") and Key Compression Type.
  const format = optionalEnumeration(payload, Tag.KeyFormatType);
  const converted = format === undefined ? (object.content as StructureNode) : convertFormat(object, format);
  const content = wrapping === undefined ? converted : wrapObject(object, converted, wrapping, context);

  // §3.34: once served to a client the object is no longer fresh.
  if (object.attributes.has("Fresh")) {
    object.attributes.set("Fresh", valueOf.boolean(false));
  }
  return responsePayload([enumeration(Tag.ObjectType, object.objectType), uniqueIdentifierField(object), content]);
}

// §11.12: an object whose key material is gone (destroyed) leaves only attributes: Illegal
// Operation. A Sensitive object leaves the server only wrapped (§3.48); a non-Extractable one never.
function requireExportable(object: ManagedObject, wrapped: boolean): void {
  if (object.content === undefined) {
    throw new KmipResultError(ResultReason.IllegalOperation, `object ${object.uniqueIdentifier} is destroyed; only its attributes remain`);
  }
  if (!wrapped && booleanValue(object.attributes.first("Sensitive")) === true) {
    throw new KmipResultError(ResultReason.Sensitive, `object ${object.uniqueIdentifier} is Sensitive and cannot be returned unwrapped`);
  }
  if (booleanValue(object.attributes.first("Extractable")) === false) {
    throw new KmipResultError(ResultReason.NotExtractable, `object ${object.uniqueIdentifier} is not Extractable`);
  }
}

/**
 * Converts a stored object to the requested Key Format Type (§4.11: the registered format SHALL
 * be served; other conversions MAY be). Symmetric Keys convert between Raw and Transparent
 * Symmetric Key, Private and Public Keys as key-formats.ts allows; other objects are served in
 * their stored format only.
 */
function convertFormat(object: ManagedObject, format: number): StructureNode {
  const content = object.content as StructureNode;
  if (object.objectType === ObjectType.SymmetricKey && format === KeyFormatType.Raw) {
    return content;
  }
  if (object.objectType === ObjectType.SymmetricKey && format === KeyFormatType.TransparentSymmetricKey) {
    return transparentSymmetricKey(content);
  }
  if (object.objectType === ObjectType.PrivateKey || object.objectType === ObjectType.PublicKey) {
    return asymmetricKeyInFormat(object, format);
  }
  if (storedFormat(content) === format) {
    return content;
  }
  const formatName = enumName("KeyFormatType", format) ?? `0x${format.toString(16)}`;
  throw new KmipResultError(ResultReason.KeyFormatTypeNotSupported, `object ${object.uniqueIdentifier} cannot be returned as ${formatName}`);
}

function storedFormat(content: StructureNode): number | undefined {
  const keyBlock = optionalStructure(content, Tag.KeyBlock);
  return keyBlock === undefined ? undefined : optionalEnumeration(keyBlock, Tag.KeyFormatType);
}

function transparentSymmetricKey(content: StructureNode): StructureNode {
  const keyBlock = content.value[0] as StructureNode;
  const trailing = keyBlock.value.filter((field) => field.tag !== Tag.KeyFormatType && field.tag !== Tag.KeyValue);
  const keyValue = structure(Tag.KeyValue, [structure(Tag.KeyMaterial, [bytes(Tag.Key, storedSymmetricKey(content))])]);
  return structure(Tag.SymmetricKey, [
    structure(Tag.KeyBlock, [enumeration(Tag.KeyFormatType, KeyFormatType.TransparentSymmetricKey), keyValue, ...trailing]),
  ]) as StructureNode;
}

