/**
 * Injection points of the fault switches of faults.ts: the payload of one operation, the Result
 * Reason of a failure, the field order of a batch item, and the encoded bytes. Each switch is
 * keyed to an operation, a Result Reason or an item type, never to a vector or its data.
 */
import { Operation, ResultReason, Tag } from "../src/kmip";
import { HEADER_SIZE, ItemType, type StructureNode, type TtlvNode } from "../src/ttlv/types";
import type { FaultSwitches } from "./faults";

/** The first Result Reason value that KMIP 2.0 added (Invalid Ticket); KMIP 1.4 ends at 0x00000018. */
const KMIP_2_RESULT_REASON = 0x0000_0019;

/** Byte written in place of zero padding by the nonZeroPadding fault. */
const NON_ZERO_PADDING_BYTE = 0xff;

/** Changes the response payload of a successful operation: extraObjectTypeInRegister and wrongCiphertextByte. */
export function injectPayloadFaults(operation: number, request: StructureNode, response: StructureNode, faults: FaultSwitches): StructureNode {
  if (faults.extraObjectTypeInRegister === true && operation === Operation.Register) {
    const objectType = request.value.find((field) => field.tag === Tag.ObjectType);
    return objectType === undefined ? response : { ...response, value: [...response.value, objectType] };
  }

  if (faults.wrongCiphertextByte === true && operation === Operation.Encrypt) {
    return { ...response, value: response.value.map(flipLastByteOfData) };
  }

  return response;
}

function flipLastByteOfData(field: TtlvNode): TtlvNode {
  if (field.tag !== Tag.Data || field.type !== ItemType.ByteString || field.value.length === 0) {
    return field;
  }

  const data = Buffer.from(field.value);
  data[data.length - 1] ^= 0x01;
  return { ...field, value: data };
}

/** Returns the Result Reason of a failure as the kmip2ResultReason and wrongFailureReason faults change it. */
export function injectReasonFaults(reason: number | undefined, faults: FaultSwitches): number | undefined {
  if (reason !== ResultReason.ItemNotFound) {
    return reason;
  }

  if (faults.kmip2ResultReason === true) {
    return KMIP_2_RESULT_REASON;
  }

  return faults.wrongFailureReason === true ? ResultReason.PermissionDenied : reason;
}

/** Moves Result Status to the front of a response batch item (fieldsOutOfOrder). */
export function injectOrderFaults(fields: TtlvNode[], faults: FaultSwitches): TtlvNode[] {
  if (faults.fieldsOutOfOrder !== true) {
    return fields;
  }

  const status = fields.filter((field) => field.tag === Tag.ResultStatus);
  return [...status, ...fields.filter((field) => field.tag !== Tag.ResultStatus)];
}

/** Rewrites the encoded response for the bigIntegerShortPadding and nonZeroPadding faults. */
export function injectEncodingFaults(message: Buffer, faults: FaultSwitches): Buffer {
  if (faults.bigIntegerShortPadding !== true && faults.nonZeroPadding !== true) {
    return message;
  }
  return rewriteItem(message, 0, faults).bytes;
}

/**
 * Re-encodes the item at `offset` of a well-formed TTLV buffer (the server's own encoding),
 * rewriting its faulty parts and the Lengths of the structures around them.
 */
function rewriteItem(source: Buffer, offset: number, faults: FaultSwitches): { bytes: Buffer; next: number } {
  const type = source[offset + 3];
  const length = source.readUInt32BE(offset + 4);
  const valueStart = offset + HEADER_SIZE;
  const padded = type === ItemType.Structure ? length : Math.ceil(length / 8) * 8;
  const next = valueStart + padded;

  if (type === ItemType.Structure) {
    const parts: Buffer[] = [];
    for (let position = valueStart; position < next; ) {
      const child = rewriteItem(source, position, faults);
      parts.push(child.bytes);
      position = child.next;
    }
    return { bytes: withHeader(source, offset, Buffer.concat(parts), 0), next };
  }

  const value = source.subarray(valueStart, valueStart + length);
  if (type === ItemType.BigInteger && faults.bigIntegerShortPadding === true) {
    const minimal = minimalTwosComplement(value);
    return { bytes: withHeader(source, offset, minimal, (8 - (minimal.length % 8)) % 8), next };
  }

  const item = Buffer.from(source.subarray(offset, next));
  const fourBytePadding = type === ItemType.Integer || type === ItemType.Enumeration;
  if (fourBytePadding && faults.nonZeroPadding === true) {
    item.fill(NON_ZERO_PADDING_BYTE, HEADER_SIZE + 4);
  }
  return { bytes: item, next };
}

/** Writes the header of the item at `offset` with a new value and zero padding after it. */
function withHeader(source: Buffer, offset: number, value: Buffer, padding: number): Buffer {
  const header = Buffer.from(source.subarray(offset, offset + HEADER_SIZE));
  header.writeUInt32BE(value.length, 4);
  return Buffer.concat([header, value, Buffer.alloc(padding)]);
}

/** Drops the leading sign-extension bytes that do not change a two's complement value. */
function minimalTwosComplement(value: Buffer): Buffer {
  let start = 0;
  while (start < value.length - 1) {
    const redundant = (value[start] === 0x00 && value[start + 1] < 0x80) || (value[start] === 0xff && value[start + 1] >= 0x80);
    if (!redundant) break;
    start += 1;
  }
  return value.subarray(start);
}
