/** Small helpers shared by the comparison and the rules. */
import type { TtlvNode } from "../ttlv/types";
import type { Diff } from "./types";

/** Compares two leaves of the same type by value (byte strings byte for byte). */
export function leafValuesEqual(expected: TtlvNode, actual: TtlvNode): boolean {
  if (Buffer.isBuffer(expected.value) && Buffer.isBuffer(actual.value)) {
    return expected.value.equals(actual.value);
  }

  return expected.value === actual.value;
}

export function plainDiff(path: string, kind: Diff["kind"], message: string): Diff {
  return { path, kind, severity: "fail", message };
}
