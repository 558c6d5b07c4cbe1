/** Get Attributes (§4.12) and Get Attribute List (§4.13). Errors per §11.13 and §11.14. */
import { attributeByName, isLaterVersion, ResultReason, Tag } from "../../src/kmip";
import { text } from "../../src/ttlv";
import { ItemType, StructureNode, TtlvNode } from "../../src/ttlv/types";
import { attributeNode } from "../attributes/attribute-codec";
import { orderedAttributeNames } from "../attributes/ordering";
import { numberValue, valueOf } from "../attributes/values";
import { OperationContext, ProtocolVersion } from "../context";
import { KmipResultError } from "../errors";
import { repeatedFields } from "../payload";
import { ManagedObject } from "../store/managed-object";
import { responsePayload, targetObject, uniqueIdentifierField } from "./common";

export function getAttributes(payload: StructureNode, context: OperationContext): StructureNode {
  const object = targetObject(payload, context);
  const requested = repeatedFields(payload, Tag.AttributeName, ItemType.TextString).map((field) => field.value as string);
  requireDistinct(requested);

  // §4.12: no names means every attribute; a name without a value is left out of the response.
  const names = requested.length === 0 ? definedAttributeNames(object, context.protocolVersion) : requested;
  const attributes = names.flatMap((name) => attributeInstances(object, name, context));
  return responsePayload([uniqueIdentifierField(object), ...attributes]);
}

export function getAttributeList(payload: StructureNode, context: OperationContext): StructureNode {
  const object = targetObject(payload, context);
  const names = definedAttributeNames(object, context.protocolVersion).map((name) => text(Tag.AttributeName, name));
  return responsePayload([uniqueIdentifierField(object), ...names]);
}

/**
 * Lists the names of the object's attributes that the request's protocol version defines. §6.1
 * requires backward compatibility within a major version, and a KMIP 1.2 client does not know the
 * 1.3 Random Number Generator or the 1.4 Sensitive and Extractable attributes. Custom attributes
 * (x-, y-) belong to no version and are always listed.
 */
function definedAttributeNames(object: ManagedObject, version: ProtocolVersion): string[] {
  const requested = `${version.major}.${version.minor}`;
  return orderedAttributeNames(object).filter((name) => {
    const since = attributeByName(name)?.since;
    return since === undefined || !isLaterVersion(since, requested);
  });
}

// §11.13: "The same Attribute Name is present more than once" is Invalid Message.
function requireDistinct(names: string[]): void {
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated !== undefined) {
    throw new KmipResultError(ResultReason.InvalidMessage, `Attribute Name "${repeated}" appears more than once`);
  }
}

function attributeInstances(object: ManagedObject, name: string, context: OperationContext): TtlvNode[] {
  return object.attributes.all(name).map((instance) => attributeNode(name, instance.index, faultyValue(name, instance.value, context)));
}

// Fault "wrongAttributeValue": report Cryptographic Length in bytes, not bits.
function faultyValue(name: string, value: TtlvNode, context: OperationContext): TtlvNode {
  if (context.faults.wrongAttributeValue !== true || name !== "Cryptographic Length") {
    return value;
  }
  const bits = numberValue(value) ?? 0;
  return valueOf.integer(Math.floor(bits / 8));
}

