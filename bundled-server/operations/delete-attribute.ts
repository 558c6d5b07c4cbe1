/** Delete Attribute (§4.16). Errors per §11.17. */
import { ResultReason, Tag } from "../../src/kmip";
import { StructureNode } from "../../src/ttlv/types";
import { attributeNode } from "../attributes/attribute-codec";
import { attributeRule } from "../attributes/rules";
import { OperationContext } from "../context";
import { HsmResultMessage, KmipResultError } from "../errors";
import { optionalInteger, requiredText } from "../payload";
import { responsePayload, targetObject, touch, uniqueIdentifierField } from "./common";

export function deleteAttribute(payload: StructureNode, context: OperationContext): StructureNode {
  const object = targetObject(payload, context);
  const name = requiredText(payload, Tag.AttributeName);
  const index = optionalInteger(payload, Tag.AttributeIndex) ?? 0; // §4.16: no index means 0.

  const rule = attributeRule(name);
  if (rule === undefined || !object.attributes.has(name)) {
    throw new KmipResultError(ResultReason.ItemNotFound, `object ${object.uniqueIdentifier} has no attribute "${name}"`);
  }
  // §4.16: attributes that SHALL always have a value are never deleted.
  if (!rule.clientDeletes || rule.alwaysHasValue) {
    throw new KmipResultError(ResultReason.PermissionDenied, HsmResultMessage.PermissionDenied, {
      detail: `attribute "${name}" cannot be deleted by a client`,
    });
  }

  const removed = object.attributes.remove(name, index);
  if (removed === undefined) {
    throw new KmipResultError(ResultReason.ItemNotFound, `attribute "${name}" has no instance with Attribute Index ${index}`);
  }
  touch(object, context);
  return responsePayload([uniqueIdentifierField(object), attributeNode(name, removed.index, removed.value)]);
}
