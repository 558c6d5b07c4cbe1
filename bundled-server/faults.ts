/**
 * Fault switches: each makes the server return one field wrong on purpose, the way a buggy server
 * would, so the harness's own tests can show that a wrong answer is caught and named by path.
 * Each fault is keyed to an operation or field kind, never to a vector or its data.
 */
export const FAULT_NAMES = [
  /** Get Attributes reports Cryptographic Length in bytes instead of bits (256 becomes 32). */
  "wrongAttributeValue",
  /** The response batch item to Get Attributes names the next Operation value (Get Attribute List). */
  "wrongOperationEcho",
  /** The Response Header has no Time Stamp, which §6.5 requires in every response. */
  "omitTimeStamp",
  /** Response batch items do not echo the request's Unique Batch Item ID (§6.4 requires it). */
  "omitUniqueBatchItemId",
] as const;

export type FaultName = (typeof FAULT_NAMES)[number];

export type FaultSwitches = Partial<Record<FaultName, boolean>>;

export function isFaultName(name: string): name is FaultName {
  return (FAULT_NAMES as readonly string[]).includes(name);
}
