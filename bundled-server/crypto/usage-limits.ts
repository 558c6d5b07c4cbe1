/**
 * Usage Limits (§3.21): a key with this attribute may apply protection to at most Usage Limits
 * Total units (bytes or objects) in its life. Usage Limits Count is what remains. Processing
 * protected data (decrypt, verify) is not limited.
 */
import { ResultReason, Tag, UsageLimitsUnit } from "../../src/kmip";
import { enumeration, longInteger } from "../../src/ttlv";
import { ItemType, TtlvNode } from "../../src/ttlv/types";
import { AttributeSet } from "../attributes/attribute-set";
import { valueOf } from "../attributes/values";
import { HsmResultMessage, KmipResultError } from "../errors";
import { optionalEnumeration, optionalField } from "../payload";
import { ManagedObject } from "../store/managed-object";

interface UsageLimits {
  total: bigint;
  count: bigint;
  unit: number;
}

function readUsageLimits(value: TtlvNode): UsageLimits | undefined {
  const total = optionalField(value, Tag.UsageLimitsTotal, ItemType.LongInteger)?.value as bigint | undefined;
  const unit = optionalEnumeration(value, Tag.UsageLimitsUnit);
  if (total === undefined || unit === undefined) {
    return undefined;
  }
  const count = optionalField(value, Tag.UsageLimitsCount, ItemType.LongInteger)?.value as bigint | undefined;
  return { total, count: count ?? total, unit };
}

function usageLimitsValue(limits: UsageLimits): TtlvNode {
  return valueOf.structure([
    longInteger(Tag.UsageLimitsTotal, limits.total),
    longInteger(Tag.UsageLimitsCount, limits.count),
    enumeration(Tag.UsageLimitsUnit, limits.unit),
  ]);
}

/**
 * Sets Usage Limits Count to Usage Limits Total on a new object. §3.21: "The server SHALL ignore
 * the Usage Limits Count value if the attribute is specified in an operation that creates a new
 * object".
 */
export function initializeUsageLimits(attributes: AttributeSet): void {
  const value = attributes.first("Usage Limits");
  const limits = value === undefined ? undefined : readUsageLimits(value);
  if (limits !== undefined) {
    attributes.set("Usage Limits", usageLimitsValue({ ...limits, count: limits.total }));
  }
}

/**
 * Takes an allocation from the object's Usage Limits before it applies protection to
 * `dataLength` bytes: that many units for Byte, one for Object. §4.29 and §4.31: when the
 * allocation cannot be obtained the operation fails with Permission Denied.
 */
export function allocateUsage(object: ManagedObject, dataLength: number): void {
  const value = object.attributes.first("Usage Limits");
  const limits = value === undefined ? undefined : readUsageLimits(value);
  if (limits === undefined) {
    return;
  }

  const amount = limits.unit === UsageLimitsUnit.Byte ? BigInt(dataLength) : 1n;
  if (amount > limits.count) {
    throw new KmipResultError(ResultReason.PermissionDenied, HsmResultMessage.PermissionDenied, {
      detail: `object ${object.uniqueIdentifier} has ${limits.count} usage units left; the operation needs ${amount}`,
    });
  }
  object.attributes.set("Usage Limits", usageLimitsValue({ ...limits, count: limits.count - amount }));
}
