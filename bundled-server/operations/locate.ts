/** Locate (§4.9): finds the objects that match every given attribute. Errors per §11.10. */
import { ObjectGroupMember, ResultReason, StorageStatusMask, Tag, tagLabel } from "../../src/kmip";
import { text } from "../../src/ttlv";
import { ItemType, StructureNode, TtlvNode } from "../../src/ttlv/types";
import { AttributeInput, parseAttributeWithValue, requireKnownAttributeName } from "../attributes/attribute-codec";
import { structureContains } from "../attributes/compare";
import { OperationContext } from "../context";
import { KmipResultError } from "../errors";
import { DEFAULT_MAX_LOCATE_ITEMS } from "../limits";
import { SERVER_VERSION } from "../message-checks";
import { booleanValue } from "../attributes/values";
import { fieldsOf, optionalEnumeration, optionalField, optionalInteger } from "../payload";
import { isDestroyed, stateOf } from "../store/lifecycle";
import { ManagedObject } from "../store/managed-object";
import { responsePayload } from "./common";

type Criterion = (object: ManagedObject) => boolean;

// Fields of the Locate Request Payload (§4.9, Table 190).
const LOCATE_FIELDS: ReadonlySet<number> = new Set([Tag.MaximumItems, Tag.OffsetItems, Tag.StorageStatusMask, Tag.ObjectGroupMember, Tag.Attribute]);

export function locate(payload: StructureNode, context: OperationContext): StructureNode {
  requireLocateFields(payload, context);
  const requestedMaximum = optionalInteger(payload, Tag.MaximumItems);
  const offsetItems = optionalInteger(payload, Tag.OffsetItems) ?? 0;
  if ((requestedMaximum !== undefined && requestedMaximum < 0) || offsetItems < 0) {
    throw new KmipResultError(ResultReason.InvalidField, "Maximum Items and Offset Items must not be negative");
  }
  // §4.9: without Maximum Items the server "MAY impose an internal maximum limit due to resource limitations".
  const internalMaximum = context.policy.maxLocateItems ?? DEFAULT_MAX_LOCATE_ITEMS;
  const maximumItems = Math.min(requestedMaximum ?? internalMaximum, internalMaximum);

  const criteria = buildCriteria(fieldsOf(payload, Tag.Attribute).map(parseAttributeWithValue));
  const candidates = searchedObjects(payload, context);
  const matched = selectGroupMember(payload, candidates.filter((object) => criteria.every((criterion) => criterion(object))));
  const returned = matched.slice(offsetItems, offsetItems + maximumItems);

  // §4.9: one returned identifier becomes the ID Placeholder; several matches empty it.
  if (returned.length === 1) {
    context.batch.idPlaceholder = returned[0].uniqueIdentifier;
  } else if (matched.length > 1 && maximumItems > 1) {
    context.batch.idPlaceholder = undefined;
  }
  return responsePayload(returned.map((object) => text(Tag.UniqueIdentifier, object.uniqueIdentifier)));
}

/**
 * §11.1: with the same major and minor version, a field the server does not understand is Invalid
 * Field; with another minor version unknown fields are ignored.
 */
function requireLocateFields(payload: StructureNode, context: OperationContext): void {
  const unknown = payload.value.find((field) => !LOCATE_FIELDS.has(field.tag));
  if (unknown !== undefined && context.protocolVersion.minor === SERVER_VERSION.minor) {
    throw new KmipResultError(ResultReason.InvalidField, `${tagLabel(unknown.tag)} is not a Locate request field`);
  }
}

/**
 * Returns the objects the Storage Status Mask selects (§4.9: on-line only when omitted). This
 * server archives nothing, so a mask without On-line Storage finds nothing. Destroyed objects keep
 * their attributes for audit, but they are no longer on-line objects to find.
 */
function searchedObjects(payload: StructureNode, context: OperationContext): ManagedObject[] {
  const mask = optionalInteger(payload, Tag.StorageStatusMask) ?? StorageStatusMask.OnLineStorage;
  if ((mask & StorageStatusMask.OnLineStorage) === 0) {
    return [];
  }
  return context.store.list().filter((object) => !isDestroyed(stateOf(object)) && object.content !== undefined);
}

/**
 * Applies Object Group Member (§4.9): Group Member Fresh keeps the fresh objects (§3.34), Group
 * Member Default the object the server's policy makes the group's default, which for this server
 * is the most recently created match. The server never makes a new group member on the fly.
 */
function selectGroupMember(payload: StructureNode, matched: ManagedObject[]): ManagedObject[] {
  const member = optionalEnumeration(payload, Tag.ObjectGroupMember);
  if (member === undefined) {
    return matched;
  }
  if (member === ObjectGroupMember.GroupMemberFresh) {
    return matched.filter((object) => booleanValue(object.attributes.first("Fresh")) === true);
  }
  if (member === ObjectGroupMember.GroupMemberDefault) {
    return matched.slice(-1);
  }
  throw new KmipResultError(ResultReason.InvalidField, `Object Group Member 0x${member.toString(16)} is not recognized`);
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
  if (name === "Usage Limits") {
    return usageLimitsSuffice(candidate, requested);
  }
  return structureContains(candidate, requested);
}

// §4.9: candidates "SHALL have a Usage Limits Count and Usage Limits Total equal to or larger than the values specified in the request".
function usageLimitsSuffice(candidate: TtlvNode, requested: TtlvNode): boolean {
  const unit = optionalEnumeration(requested, Tag.UsageLimitsUnit);
  if (unit !== undefined && optionalEnumeration(candidate, Tag.UsageLimitsUnit) !== unit) {
    return false;
  }
  return [Tag.UsageLimitsTotal, Tag.UsageLimitsCount].every((tag) => {
    const wanted = optionalField(requested, tag, ItemType.LongInteger)?.value as bigint | undefined;
    const available = optionalField(candidate, tag, ItemType.LongInteger)?.value as bigint | undefined;
    return wanted === undefined || (available !== undefined && available >= wanted);
  });
}

function inRange(candidate: TtlvNode, low: bigint, high: bigint): boolean {
  return candidate.type === ItemType.DateTime && candidate.value >= low && candidate.value <= high;
}
