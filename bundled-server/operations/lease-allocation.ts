/**
 * Obtain Lease (§4.17) and Get Usage Allocation (§4.18): a client's permission to use an object
 * on its own side for the Lease Time (§3.20), or to protect a number of Usage Limits units (§3.21).
 * Errors per §11.18 and §11.19.
 */
import { ObjectType, ResultReason, State, Tag, UsageLimitsUnit } from "../../src/kmip";
import { dateTime, enumeration, interval, longInteger } from "../../src/ttlv";
import { ItemType, StructureNode, TtlvNode } from "../../src/ttlv/types";
import { applyDateEffects } from "../attributes/date-effects";
import { bigintValue, numberValue, valueOf } from "../attributes/values";
import { OperationContext } from "../context";
import { HsmResultMessage, KmipResultError } from "../errors";
import { optionalEnumeration, optionalField } from "../payload";
import { stateName, stateOf } from "../store/lifecycle";
import { ManagedObject } from "../store/managed-object";
import { responsePayload, targetObject, touch, uniqueIdentifierField } from "./common";

// §3.22: an object serves cryptographic purposes while Active, and processes protected data while Deactivated.
const LEASABLE_STATES: readonly number[] = [State.Active, State.Deactivated];

// Keys that apply protection: Symmetric Keys (encrypt, MAC) and Private Keys (sign).
const PROTECTING_TYPES: readonly number[] = [ObjectType.SymmetricKey, ObjectType.PrivateKey];

/** Returns the object's Lease Time and Last Change Date; an object that may not be used gets no lease (Permission Denied). */
export function obtainLease(payload: StructureNode, context: OperationContext): StructureNode {
  const object = targetObject(payload, context);
  applyDateEffects(object, context.now);

  const leaseTime = numberValue(object.attributes.first("Lease Time"));
  const state = stateOf(object);
  if (leaseTime === undefined || object.content === undefined || state === undefined || !LEASABLE_STATES.includes(state)) {
    throw new KmipResultError(ResultReason.PermissionDenied, HsmResultMessage.PermissionDenied, {
      detail: `object ${object.uniqueIdentifier} (${stateName(state)}) cannot be leased; only Active or Deactivated cryptographic objects can`,
    });
  }

  const lastChange = bigintValue(object.attributes.first("Last Change Date")) ?? context.now;
  return responsePayload([uniqueIdentifierField(object), interval(Tag.LeaseTime, leaseTime), dateTime(Tag.LastChangeDate, lastChange)]);
}

/**
 * Takes Usage Limits Count units from the object's allowance (§4.18: "The server SHALL assume that
 * the entire allocated amount is going to be consumed").
 */
export function getUsageAllocation(payload: StructureNode, context: OperationContext): StructureNode {
  const object = targetObject(payload, context);
  // §11.19: "No Usage Limits Count is specified" is Invalid Message.
  const amount = optionalField(payload, Tag.UsageLimitsCount, ItemType.LongInteger)?.value as bigint | undefined;
  if (amount === undefined) {
    throw new KmipResultError(ResultReason.InvalidMessage, "Get Usage Allocation needs the Usage Limits Count to allocate");
  }
  if (amount <= 0n) {
    throw new KmipResultError(ResultReason.InvalidField, `Usage Limits Count ${amount} is invalid; request at least 1 unit`);
  }

  const limits = object.attributes.first("Usage Limits");
  const count = limits === undefined ? undefined : (optionalField(limits, Tag.UsageLimitsCount, ItemType.LongInteger)?.value as bigint | undefined);
  if (limits === undefined || count === undefined || !PROTECTING_TYPES.includes(object.objectType)) {
    throw new KmipResultError(ResultReason.IllegalOperation, `object ${object.uniqueIdentifier} has no Usage Limits or cannot apply protection`);
  }
  requireProtectionEnabled(object, context.now);
  if (amount > count) {
    throw new KmipResultError(ResultReason.PermissionDenied, HsmResultMessage.PermissionDenied, { detail: `object ${object.uniqueIdentifier} has ${count} units left; ${amount} were requested` });
  }

  object.attributes.set("Usage Limits", usageLimitsWithCount(limits, count - amount));
  touch(object, context);
  return responsePayload([uniqueIdentifierField(object)]);
}

// §4.18: only "after the Activation Date and before the Protect Stop Date".
function requireProtectionEnabled(object: ManagedObject, now: bigint): void {
  applyDateEffects(object, now);
  const protectStop = bigintValue(object.attributes.first("Protect Stop Date"));
  if (stateOf(object) !== State.Active || (protectStop !== undefined && now >= protectStop)) {
    throw new KmipResultError(ResultReason.PermissionDenied, HsmResultMessage.PermissionDenied, {
      detail: `object ${object.uniqueIdentifier} cannot apply protection now (${stateName(stateOf(object))}, or past its Protect Stop Date)`,
    });
  }
}

function usageLimitsWithCount(limits: TtlvNode, count: bigint): TtlvNode {
  const total = optionalField(limits, Tag.UsageLimitsTotal, ItemType.LongInteger)?.value as bigint;
  const unit = optionalEnumeration(limits, Tag.UsageLimitsUnit) ?? UsageLimitsUnit.Object;
  return valueOf.structure([longInteger(Tag.UsageLimitsTotal, total), longInteger(Tag.UsageLimitsCount, count), enumeration(Tag.UsageLimitsUnit, unit)]);
}
