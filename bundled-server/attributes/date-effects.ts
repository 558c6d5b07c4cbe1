/**
 * State changes that dates cause (§3.22): an Activation Date that has been reached moves a
 * Pre-Active object to Active (transitions 1 and 4), and a Deactivation Date that has been reached
 * moves an Active object to Deactivated (transition 6).
 */
import { State } from "../../src/kmip";
import { ManagedObject } from "../store/managed-object";
import { stateOf } from "../store/lifecycle";
import { bigintValue, valueOf } from "./values";

export function applyDateEffects(object: ManagedObject, now: bigint): void {
  const activation = bigintValue(object.attributes.first("Activation Date"));
  if (stateOf(object) === State.PreActive && activation !== undefined && activation <= now) {
    object.attributes.set("State", valueOf.enumeration(State.Active));
  }

  const deactivation = bigintValue(object.attributes.first("Deactivation Date"));
  if (stateOf(object) === State.Active && deactivation !== undefined && deactivation <= now) {
    object.attributes.set("State", valueOf.enumeration(State.Deactivated));
  }
}
