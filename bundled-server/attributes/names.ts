/**
 * Name uniqueness (§3.2: "Names SHALL be unique within a given key management domain"). Destroyed
 * objects keep their Name as metadata but no longer hold it: a new object may take it.
 */
import { ResultReason } from "../../src/kmip";
import { TtlvNode } from "../../src/ttlv/types";
import { KmipResultError } from "../errors";
import { isDestroyed, stateOf } from "../store/lifecycle";
import { ObjectStore } from "../store/object-store";
import { valuesEqual } from "./compare";

/** Raises `reason` when another live object already has this Name value. */
export function requireUnusedName(store: ObjectStore, name: TtlvNode, ownerIdentifier: string | undefined, reason: number): void {
  for (const object of store.list()) {
    // An object without a State attribute (an Opaque Object) is destroyed once Destroy removed its content.
    const state = stateOf(object);
    if (object.uniqueIdentifier === ownerIdentifier || isDestroyed(state) || (state === undefined && object.content === undefined)) {
      continue;
    }
    if (object.attributes.all("Name").some((instance) => valuesEqual(instance.value, name))) {
      throw new KmipResultError(reason, `object ${object.uniqueIdentifier} already has this Name`);
    }
  }
}

export const NAME_TAKEN_ON_CREATION = ResultReason.InvalidField; // §11.2, §11.4
export const NAME_TAKEN_ON_CHANGE = ResultReason.IllegalOperation; // §11.15, §11.16
