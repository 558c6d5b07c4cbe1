/** Add Attribute (§4.14). Errors per §11.15. */
import { ResultReason, Tag } from "../../src/kmip";
import { StructureNode } from "../../src/ttlv/types";
import { attributeNode, checkAttributeValue, parseAttributeWithValue, requireKnownAttributeName } from "../attributes/attribute-codec";
import { applyDateEffects } from "../attributes/date-effects";
import { NAME_TAKEN_ON_CHANGE, requireUnusedName } from "../attributes/names";
import { attributeRule } from "../attributes/rules";
import { OperationContext } from "../context";
import { HsmResultMessage, KmipResultError } from "../errors";
import { requiredStructure } from "../payload";
import { responsePayload, targetObject, touch, uniqueIdentifierField } from "./common";

export function addAttribute(payload: StructureNode, context: OperationContext): StructureNode {
  const object = targetObject(payload, context);
  const attribute = parseAttributeWithValue(requiredStructure(payload, Tag.Attribute));
  if (attribute.index !== undefined) {
    throw new KmipResultError(ResultReason.InvalidField, "Add Attribute must not carry an Attribute Index; the server assigns it");
  }

  requireKnownAttributeName(attribute.name);
  const rule = attributeRule(attribute.name)!;
  if (rule.clientSets !== "always") {
    throw new KmipResultError(ResultReason.PermissionDenied, HsmResultMessage.PermissionDenied, {
      detail: `attribute "${attribute.name}" is read-only for clients once the object exists`,
    });
  }
  checkAttributeValue(attribute.name, attribute.value);
  if (!rule.multiInstance && object.attributes.has(attribute.name)) {
    throw new KmipResultError(ResultReason.IllegalOperation, `attribute "${attribute.name}" already has a value; change it with Modify Attribute`);
  }
  if (attribute.name === "Name") {
    requireUnusedName(context.store, attribute.value, object.uniqueIdentifier, NAME_TAKEN_ON_CHANGE);
  }

  const index = object.attributes.add(attribute.name, attribute.value);
  applyDateEffects(object, context.now);
  touch(object, context);
  return responsePayload([uniqueIdentifierField(object), attributeNode(attribute.name, index, attribute.value)]);
}
