/**
 * Fault switches: each makes the server return one field wrong on purpose, the way a buggy server
 * would, so the harness's own tests can show that a wrong answer is caught and named by path.
 * Each fault is keyed to an operation or field kind, never to a vector or its data. One switch,
 * slowResponses, changes no field but the timing, for load comparisons.
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
  /** A batch whose items lack Unique Batch Item IDs gets Invalid Message instead of Missing Data (§7.2 Table 283, §6.10). */
  "invalidMessageForMissingData",
  /** Item Not Found failures carry Result Reason 0x00000019, a KMIP 2.0 value (Invalid Ticket) that KMIP 1.4 does not define. */
  "kmip2ResultReason",
  /** Item Not Found failures carry Permission Denied instead (§11 gives Item Not Found for an unknown Unique Identifier). */
  "wrongFailureReason",
  /** Response batch items put Result Status before Operation, against the field order of §7.2 Table 285. */
  "fieldsOutOfOrder",
  /** Big Integer values are sent with their minimal length instead of a multiple of 8 bytes (§9.1.1.4). */
  "bigIntegerShortPadding",
  /** Padding bytes after Integer and Enumeration values are 0xFF; §9.1.1.3 fixes their number, not their value, so the harness warns. */
  "nonZeroPadding",
  /** Register responses carry an Object Type, which the Register Response Payload (§4.3 Table 170) does not have. */
  "extraObjectTypeInRegister",
  /** Encrypt responses have the last byte of their Data flipped. */
  "wrongCiphertextByte",
  /** Every response is sent SLOW_RESPONSES_DELAY_MS late (or responseDelayMs late when that option is set), a slowdown `kmipcheck load --compare` should flag. */
  "slowResponses",
] as const;

/** Delay of each response under the slowResponses fault, in milliseconds. */
export const SLOW_RESPONSES_DELAY_MS = 5;

export type FaultName = (typeof FAULT_NAMES)[number];

export type FaultSwitches = Partial<Record<FaultName, boolean>>;

export function isFaultName(name: string): name is FaultName {
  return (FAULT_NAMES as readonly string[]).includes(name);
}
