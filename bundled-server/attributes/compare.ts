/** Value comparison for attribute values: same tag, item type and value, structures field by field. */
import { ItemType, TtlvNode } from "../../src/ttlv/types";

export function valuesEqual(left: TtlvNode, right: TtlvNode): boolean {
  if (left.type !== right.type) {
    return false;
  }
  if (left.type === ItemType.Structure && right.type === ItemType.Structure) {
    return left.value.length === right.value.length && left.value.every((field, i) => fieldsEqual(field, right.value[i]));
  }
  if (left.type === ItemType.ByteString && right.type === ItemType.ByteString) {
    return left.value.equals(right.value);
  }
  return left.value === right.value;
}

function fieldsEqual(left: TtlvNode, right: TtlvNode): boolean {
  return left.tag === right.tag && valuesEqual(left, right);
}

/**
 * True when every field of `pattern` has an equal field in `candidate` (§4.9: "When an attribute
 * that is defined as a structure is specified, all of the structure fields are not REQUIRED to be
 * specified").
 */
export function structureContains(candidate: TtlvNode, pattern: TtlvNode): boolean {
  if (candidate.type !== ItemType.Structure || pattern.type !== ItemType.Structure) {
    return valuesEqual(candidate, pattern);
  }
  return pattern.value.every((wanted) => candidate.value.some((field) => fieldsEqual(field, wanted)));
}
