/**
 * Whether a managed object may serve a cryptographic operation: its Object Type, key material,
 * State (§3.22), Process Start Date (§3.25), Protect Stop Date (§3.26) and Cryptographic Usage
 * Mask (§3.19). §11.30 to §11.35 give the Result Reasons: "Object specified is not able to be
 * used for <operation>" is Permission Denied, "The Key Value is not present on the server" is
 * Key Value Not Present.
 */
import { enumName, maskNames, ResultReason, State } from "../../src/kmip";
import { applyDateEffects } from "../attributes/date-effects";
import { bigintValue, numberValue } from "../attributes/values";
import { HsmResultMessage, KmipResultError } from "../errors";
import { stateName, stateOf } from "../store/lifecycle";
import { ManagedObject } from "../store/managed-object";

/**
 * "protect" operations apply protection (encrypt, sign, MAC); "process" operations handle
 * protected data (decrypt, verify).
 */
export type Purpose = "protect" | "process";

export interface Usage {
  /** Operation name for messages, e.g. "Encrypt". */
  operation: string;
  purpose: Purpose;
  /** The Cryptographic Usage Mask bit the operation needs. */
  maskBit: number;
  /** Object Types the operation accepts as its key. */
  objectTypes: readonly number[];
}

// §3.22: only Active objects apply protection; Deactivated and Compromised objects may still
// process protected data. Pre-Active and destroyed objects serve no cryptographic purpose.
const STATES_FOR: Record<Purpose, readonly number[]> = {
  protect: [State.Active],
  process: [State.Active, State.Deactivated, State.Compromised],
};

/** Raises the §11 Result Reason when the object cannot serve this usage at the given time. */
export function requireUsable(object: ManagedObject, usage: Usage, now: bigint): void {
  if (!usage.objectTypes.includes(object.objectType)) {
    const typeName = enumName("ObjectType", object.objectType) ?? `0x${object.objectType.toString(16)}`;
    deny(`${usage.operation} cannot use object ${object.uniqueIdentifier}, a ${typeName}`);
  }
  if (object.content === undefined) {
    throw new KmipResultError(ResultReason.KeyValueNotPresent, `object ${object.uniqueIdentifier} has no key material (it was destroyed)`);
  }

  // §3.22 transitions 1, 4 and 6: reached Activation and Deactivation Dates change the State.
  applyDateEffects(object, now);
  const state = stateOf(object);
  if (state === undefined || !STATES_FOR[usage.purpose].includes(state)) {
    deny(`${usage.operation} needs an object in state ${STATES_FOR[usage.purpose].map(stateName).join(" or ")}; ${object.uniqueIdentifier} is ${stateName(state)}`);
  }

  requireDates(object, usage, now);
  const mask = numberValue(object.attributes.first("Cryptographic Usage Mask")) ?? 0;
  if ((mask & usage.maskBit) === 0) {
    const bit = maskNames("CryptographicUsageMask", usage.maskBit).join(" ");
    deny(`the Cryptographic Usage Mask of ${object.uniqueIdentifier} does not include ${bit}`);
  }
}

function requireDates(object: ManagedObject, usage: Usage, now: bigint): void {
  // §3.25: the object SHALL NOT process protected data before the Process Start Date.
  const processStart = bigintValue(object.attributes.first("Process Start Date"));
  if (usage.purpose === "process" && processStart !== undefined && now < processStart) {
    deny(`the Process Start Date of ${object.uniqueIdentifier} has not been reached`);
  }

  // §3.26: the object SHALL NOT apply protection after the Protect Stop Date.
  const protectStop = bigintValue(object.attributes.first("Protect Stop Date"));
  if (usage.purpose === "protect" && protectStop !== undefined && now >= protectStop) {
    deny(`the Protect Stop Date of ${object.uniqueIdentifier} has passed`);
  }
}

function deny(detail: string): never {
  throw new KmipResultError(ResultReason.PermissionDenied, HsmResultMessage.PermissionDenied, { detail });
}
