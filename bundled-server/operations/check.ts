/**
 * Check (§4.10): whether the client may use an object for the usage, usage amount and lease the
 * request names. Errors per §11.11.
 */
import { maskNames, ResultReason, Tag } from "../../src/kmip";
import { ItemType, StructureNode, TtlvNode } from "../../src/ttlv/types";
import { numberValue } from "../attributes/values";
import { OperationContext } from "../context";
import { HsmResultMessage, KmipResultError } from "../errors";
import { optionalField, optionalInteger } from "../payload";
import { isDestroyed, stateOf } from "../store/lifecycle";
import { ManagedObject } from "../store/managed-object";
import { responsePayload, targetObject, uniqueIdentifierField } from "./common";

/**
 * Returns the Unique Identifier when every requested value is allowed. Otherwise §4.10 has the
 * server empty the ID Placeholder and fail with Permission Denied (§11.11).
 *
 * NOTE: §4.10 also lets the response carry the denied fields. A failed batch item of this server
 * carries no payload, so they are named in the log only.
 */
export function check(payload: StructureNode, context: OperationContext): StructureNode {
  const object = targetObject(payload, context);
  // §11.11: "Check cannot be performed on this object": one without usage rules, or destroyed.
  if (!object.attributes.has("Cryptographic Usage Mask") || object.content === undefined || isDestroyed(stateOf(object))) {
    throw new KmipResultError(ResultReason.IllegalOperation, `Check cannot be performed on object ${object.uniqueIdentifier}: it has no Cryptographic Usage Mask or no key material`);
  }

  const denied = deniedFields(object, payload);
  if (denied.length > 0) {
    context.batch.idPlaceholder = undefined;
    throw new KmipResultError(ResultReason.PermissionDenied, HsmResultMessage.PermissionDenied, { detail: `object ${object.uniqueIdentifier} cannot be used for ${denied.join(", ")}` });
  }

  context.batch.idPlaceholder = object.uniqueIdentifier;
  return responsePayload([uniqueIdentifierField(object)]);
}

/** Names the requested values the object's attributes do not allow. */
function deniedFields(object: ManagedObject, payload: StructureNode): string[] {
  const denied: string[] = [];

  const mask = optionalInteger(payload, Tag.CryptographicUsageMask);
  const allowedMask = numberValue(object.attributes.first("Cryptographic Usage Mask")) ?? 0;
  if (mask !== undefined && (mask & allowedMask) !== mask) {
    denied.push(`Cryptographic Usage Mask ${maskNames("CryptographicUsageMask", mask & ~allowedMask).join(" ")}`);
  }

  // §3.21: Usage Limits Count is what remains of the object's allowance.
  const amount = optionalField(payload, Tag.UsageLimitsCount, ItemType.LongInteger)?.value as bigint | undefined;
  const remaining = usageLimitsCount(object.attributes.first("Usage Limits"));
  if (amount !== undefined && remaining !== undefined && amount > remaining) {
    denied.push(`Usage Limits Count ${amount} (${remaining} left)`);
  }

  // §3.20: the server grants at most the object's Lease Time.
  const lease = optionalField(payload, Tag.LeaseTime, ItemType.Interval)?.value as number | undefined;
  const maximumLease = numberValue(object.attributes.first("Lease Time"));
  if (lease !== undefined && maximumLease !== undefined && lease > maximumLease) {
    denied.push(`Lease Time ${lease} s (at most ${maximumLease} s)`);
  }
  return denied;
}

function usageLimitsCount(value: TtlvNode | undefined): bigint | undefined {
  return value === undefined ? undefined : (optionalField(value, Tag.UsageLimitsCount, ItemType.LongInteger)?.value as bigint | undefined);
}
