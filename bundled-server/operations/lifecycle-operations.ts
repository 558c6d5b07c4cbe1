/** Activate (§4.19), Revoke (§4.20) and Destroy (§4.21). Errors per §11.20 to §11.22. */
import { enumName, ResultReason, RevocationReasonCode, State, Tag } from "../../src/kmip";
import { StructureNode } from "../../src/ttlv/types";
import { bigintValue, valueOf } from "../attributes/values";
import { OperationContext } from "../context";
import { HsmResultMessage, KmipResultError } from "../errors";
import { optionalDateTime, requiredEnumeration, requiredStructure } from "../payload";
import { isDestroyed, stateName, stateOf, transition } from "../store/lifecycle";
import { ManagedObject } from "../store/managed-object";
import { responsePayload, targetObject, touch, uniqueIdentifierField } from "./common";

export function activate(payload: StructureNode, context: OperationContext): StructureNode {
  const object = targetObject(payload, context);

  // §11.20: an object not in Pre-Active state is Permission Denied.
  const state = stateOf(object);
  if (state !== undefined && state !== State.PreActive) {
    throw new KmipResultError(ResultReason.PermissionDenied, HsmResultMessage.PermissionDenied, {
      detail: `Activate needs a Pre-Active object; ${object.uniqueIdentifier} is ${stateName(state)}`,
    });
  }
  transition(object, State.Active, "Activate");

  // §3.22 transition 4: the Activation Date becomes the time the Activate operation was received.
  object.attributes.set("Activation Date", valueOf.dateTime(context.now));
  touch(object, context);
  return responsePayload([uniqueIdentifierField(object)]);
}

const COMPROMISE_REASONS: readonly number[] = [RevocationReasonCode.KeyCompromise, RevocationReasonCode.CACompromise];

export function revoke(payload: StructureNode, context: OperationContext): StructureNode {
  const object = targetObject(payload, context);
  const reason = requiredStructure(payload, Tag.RevocationReason);
  const code = requiredEnumeration(reason, Tag.RevocationReasonCode);
  if (enumName("RevocationReasonCode", code) === undefined) {
    throw new KmipResultError(ResultReason.InvalidField, `Revocation Reason Code 0x${code.toString(16)} is not recognized`);
  }
  const occurrence = optionalDateTime(payload, Tag.CompromiseOccurrenceDate);

  if (COMPROMISE_REASONS.includes(code)) {
    revokeAsCompromised(object, occurrence, context);
  } else {
    revokeAsDeactivated(object, occurrence, context);
  }
  object.attributes.set("Revocation Reason", valueOf.structure(reason.value));
  touch(object, context);
  return responsePayload([uniqueIdentifierField(object)]);
}

// §4.20: a compromise moves the object to Compromised (§3.22 transitions 3, 5 and 8), or from
// Destroyed to Destroyed Compromised (transition 10), and records both compromise dates.
function revokeAsCompromised(object: ManagedObject, occurrence: bigint | undefined, context: OperationContext): void {
  const target = stateOf(object) === State.Destroyed ? State.DestroyedCompromised : State.Compromised;
  transition(object, target, "Revoke");

  object.attributes.set("Compromise Date", valueOf.dateTime(context.now));
  // §4.20: without a Compromise Occurrence Date in the request it SHOULD be the Initial Date.
  const initialDate = bigintValue(object.attributes.first("Initial Date")) ?? context.now;
  object.attributes.set("Compromise Occurrence Date", valueOf.dateTime(occurrence ?? initialDate));
}

// §4.20: any other reason moves an Active object to Deactivated (§3.22 transition 6).
function revokeAsDeactivated(object: ManagedObject, occurrence: bigint | undefined, context: OperationContext): void {
  if (occurrence !== undefined) {
    throw new KmipResultError(ResultReason.InvalidField, "Compromise Occurrence Date is only allowed with a compromise Revocation Reason");
  }
  transition(object, State.Deactivated, "Revoke");
  object.attributes.set("Deactivation Date", valueOf.dateTime(context.now));
}

export function destroy(payload: StructureNode, context: OperationContext): StructureNode {
  const object = targetObject(payload, context);
  const state = stateOf(object);

  // §11.22: an object already destroyed, or not Pre-Active, Deactivated or Compromised, is Permission Denied.
  if (isDestroyed(state) || (state === undefined && object.content === undefined)) {
    throw new KmipResultError(ResultReason.PermissionDenied, HsmResultMessage.PermissionDenied, {
      detail: `object ${object.uniqueIdentifier} is already destroyed`,
    });
  }
  if (state !== undefined) {
    transition(object, state === State.Compromised ? State.DestroyedCompromised : State.Destroyed, "Destroy");
  }

  // §4.21: the key material goes; the metadata stays.
  object.content = undefined;
  object.attributes.set("Destroy Date", valueOf.dateTime(context.now));
  touch(object, context);
  context.store.markDestroyed(object);
  return responsePayload([uniqueIdentifierField(object)]);
}
