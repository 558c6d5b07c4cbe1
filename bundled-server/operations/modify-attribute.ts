/** Modify Attribute (§4.15). Errors per §11.16. */
import { ResultReason, State, Tag } from "../../src/kmip";
import { StructureNode } from "../../src/ttlv/types";
import { attributeNode, checkAttributeValue, parseAttributeWithValue, requireKnownAttributeName } from "../attributes/attribute-codec";
import { applyDateEffects } from "../attributes/date-effects";
import { NAME_TAKEN_ON_CHANGE, requireUnusedName } from "../attributes/names";
import { AttributeRule, attributeRule } from "../attributes/rules";
import { OperationContext } from "../context";
import { HsmResultMessage, KmipResultError } from "../errors";
import { requiredStructure } from "../payload";
import { ManagedObject } from "../store/managed-object";
import { stateName, stateOf } from "../store/lifecycle";
import { responsePayload, targetObject, touch, uniqueIdentifierField } from "./common";

export function modifyAttribute(payload: StructureNode, context: OperationContext): StructureNode {
  const object = targetObject(payload, context);
  const attribute = parseAttributeWithValue(requiredStructure(payload, Tag.Attribute));
  const index = attribute.index ?? 0; // §4.15: no Attribute Index means index 0.

  requireKnownAttributeName(attribute.name);
  if (!object.attributes.has(attribute.name)) {
    throw new KmipResultError(ResultReason.InvalidField, `attribute "${attribute.name}" has no value to modify; add it first`);
  }
  if (object.attributes.find(attribute.name, index) === undefined) {
    throw new KmipResultError(ResultReason.ItemNotFound, `attribute "${attribute.name}" has no instance with Attribute Index ${index}`);
  }
  requireModifiable(object, attributeRule(attribute.name)!);
  checkAttributeValue(attribute.name, attribute.value);
  if (attribute.name === "Name") {
    requireUnusedName(context.store, attribute.value, object.uniqueIdentifier, NAME_TAKEN_ON_CHANGE);
  }

  object.attributes.replace(attribute.name, index, attribute.value);
  applyDateEffects(object, context.now);
  touch(object, context);
  return responsePayload([uniqueIdentifierField(object), attributeNode(attribute.name, index, attribute.value)]);
}

/**
 * §11.16: a read-only attribute is Permission Denied. The dates of §3.24 to §3.27 are modifiable
 * only while the object is Pre-Active (Activation Date) or Pre-Active or Active (the others).
 */
function requireModifiable(object: ManagedObject, rule: AttributeRule): void {
  const state = stateOf(object);
  const allowed =
    rule.clientModifies === "yes" ||
    (rule.clientModifies === "pre-active" && state === State.PreActive) ||
    (rule.clientModifies === "pre-active-or-active" && (state === State.PreActive || state === State.Active));
  if (!allowed) {
    const when = rule.clientModifies === "no" ? "is read-only for clients" : `cannot change while the object is ${stateName(state)}`;
    throw new KmipResultError(ResultReason.PermissionDenied, HsmResultMessage.PermissionDenied, { detail: `attribute "${rule.name}" ${when}` });
  }
}
