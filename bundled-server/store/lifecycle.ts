/**
 * Object states and the transitions §3.22 permits ("Only the transitions described above are
 * permitted"). A request that would need any other transition is refused with Permission Denied,
 * the reason §11.20 (Activate) and §11.22 (Destroy) give for an object in the wrong state.
 */
import { enumName, ResultReason, State } from "../../src/kmip";
import { HsmResultMessage, KmipResultError } from "../errors";
import { numberValue, valueOf } from "../attributes/values";
import { ManagedObject } from "./managed-object";

// §3.22 transitions 2 to 10, by the state they leave.
const PERMITTED: ReadonlyMap<number, readonly number[]> = new Map<number, number[]>([
  [State.PreActive, [State.Active, State.Compromised, State.Destroyed]],
  [State.Active, [State.Compromised, State.Deactivated]],
  [State.Deactivated, [State.Destroyed, State.Compromised]],
  [State.Compromised, [State.DestroyedCompromised]],
  [State.Destroyed, [State.DestroyedCompromised]],
]);

/** Returns the object's State, or undefined for objects without one (§3.22 applies to cryptographic objects only). */
export function stateOf(object: ManagedObject): number | undefined {
  return numberValue(object.attributes.first("State"));
}

export function stateName(state: number | undefined): string {
  return state === undefined ? "no state" : (enumName("State", state) ?? `0x${state.toString(16)}`);
}

export function isTransitionPermitted(from: number, to: number): boolean {
  return PERMITTED.get(from)?.includes(to) ?? false;
}

/** Moves the object to a new State, or raises Permission Denied when §3.22 does not permit the transition. */
export function transition(object: ManagedObject, to: number, operation: string): void {
  const from = stateOf(object);
  if (from === undefined) {
    throw new KmipResultError(ResultReason.IllegalOperation, `${operation} applies to cryptographic objects; object ${object.uniqueIdentifier} has no State`);
  }
  if (!isTransitionPermitted(from, to)) {
    throw new KmipResultError(ResultReason.PermissionDenied, HsmResultMessage.PermissionDenied, {
      detail: `${operation} would move object ${object.uniqueIdentifier} from ${stateName(from)} to ${stateName(to)}, which the State rules do not permit`,
    });
  }
  object.attributes.set("State", valueOf.enumeration(to));
}

export function isDestroyed(state: number | undefined): boolean {
  return state === State.Destroyed || state === State.DestroyedCompromised;
}
