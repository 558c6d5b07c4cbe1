/** Locate (§4.9): finds the objects that match every given attribute. Errors per §11.10. */
import { ResultReason, Tag } from "../../src/kmip";
import { text } from "../../src/ttlv";
import { ItemType, StructureNode, TtlvNode } from "../../src/ttlv/types";
import { AttributeInput, parseAttributeWithValue, requireKnownAttributeName } from "../attributes/attribute-codec";
import { structureContains } from "../attributes/compare";
import { OperationContext } from "../context";
import { KmipResultError } from "../errors";
import { fieldsOf, optionalInteger } from "../payload";
import { isDestroyed, stateOf } from "../store/lifecycle";
import { ManagedObject } from "../store/managed-object";
import { responsePayload } from "./common";

type Criterion = (object: ManagedObject) => boolean;

export function locate(payload: StructureNode, context: OperationContext): StructureNode {
  const maximumItems = optionalInteger(payload, Tag.MaximumItems);
  const offsetItems = optionalInteger(payload, Tag.OffsetItems) ?? 0;
  if ((maximumItems !== undefined && maximumItems < 0) || offsetItems < 0) {
    throw new KmipResultError(ResultReason.InvalidField, "Maximum Items and Offset Items must not be negative");
  }
  // TODO: Storage Status Mask and Object Group Member; every object is on-line and no group has a default member.

  const criteria = buildCriteria(fieldsOf(payload, Tag.Attribute).map(parseAttributeWithValue));
  // Destroyed objects keep their attributes for audit, but they are no longer on-line objects to find.
  const candidates = context.store.list().filter((object) => !isDestroyed(stateOf(object)) && object.content !== undefined);
  const matched = candidates.filter((object) => criteria.every((criterion) => criterion(object)));
  const end = maximumItems === undefined ? undefined : offsetItems + maximumItems;
  const returned = matched.slice(offsetItems, end);

  // §4.9: one returned identifier becomes the ID Placeholder; several matches empty it.
  if (returned.length === 1) {
    context.batch.idPlaceholder = returned[0].uniqueIdentifier;
  } else if (matched.length > 1 && (maximumItems === undefined || maximumItems > 1)) {
    context.batch.idPlaceholder = undefined;
  }
  return responsePayload(returned.map((object) => text(Tag.UniqueIdentifier, object.uniqueIdentifier)));
}

/** Groups the request's attributes by name: each name is one criterion (Attribute Index values are ignored, §4.9). */
function buildCriteria(inputs: Array<AttributeInput & { value: TtlvNode }>): Criterion[] {
  const byName = new Map<string, TtlvNode[]>();
  for (const input of inputs) {
    // §11.10: attributes the server does not understand are Invalid Field.
    requireKnownAttributeName(input.name);
    byName.set(input.name, [...(byName.get(input.name) ?? []), input.value]);
  }
  return [...byName].flatMap(([name, values]) => criteriaFor(name, values));
}

function criteriaFor(name: string, values: TtlvNode[]): Criterion[] {
  // §4.9: two instances of a Date-Time attribute give a range, limits included.
  if (values.length === 2 && values.every((value) => value.type === ItemType.DateTime)) {
    const [first, second] = values.map((value) => value.value as bigint);
    const low = first < second ? first : second;
    const high = first < second ? second : first;
    return [(object) => object.attributes.all(name).some((instance) => inRange(instance.value, low, high))];
  }
  return values.map((requested) => (object: ManagedObject) => object.attributes.all(name).some((instance) => matches(name, instance.value, requested)));
}

function matches(name: string, candidate: TtlvNode, requested: TtlvNode): boolean {
  // §4.9: a candidate's Cryptographic Usage Mask must have every bit of the requested mask.
  if (name === "Cryptographic Usage Mask" && candidate.type === ItemType.Integer && requested.type === ItemType.Integer) {
    return (candidate.value & requested.value) === requested.value;
  }
  // TODO: Usage Limits matching (§4.9: Count and Total at least the requested values).
  return structureContains(candidate, requested);
}

function inRange(candidate: TtlvNode, low: bigint, high: bigint): boolean {
  return candidate.type === ItemType.DateTime && candidate.value >= low && candidate.value <= high;
}
