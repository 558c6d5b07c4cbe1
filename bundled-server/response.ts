/** Builds and encodes Response Messages (§7.1 Table 281, §7.2 Tables 284 and 285). */
import { Operation, ResultReason, ResultStatus, Tag } from "../src/kmip";
import { bytes, dateTime, encode, enumeration, integer, structure, text } from "../src/ttlv";
import { TtlvNode } from "../src/ttlv/types";
import { ResponseBatchItem } from "./batch";
import { ProtocolVersion } from "./context";
import { HsmResultMessage } from "./errors";
import { injectEncodingFaults, injectOrderFaults, injectReasonFaults } from "./fault-injection";
import { FaultSwitches } from "./faults";
import { versionNode } from "./operations/discover-versions";

export interface ResponseOptions {
  version: ProtocolVersion;
  /** Time Stamp (§6.5), POSIX seconds. */
  timeStamp: bigint;
  faults: FaultSwitches;
}

/**
 * Encodes the response. §6.3: when it exceeds the request's Maximum Response Size, every batch item
 * is returned with Response Too Large instead of its payload.
 */
export function encodeResponse(items: ResponseBatchItem[], options: ResponseOptions, maximumResponseSize: number | undefined): Buffer {
  const encoded = encode(responseMessage(items, options));
  if (maximumResponseSize === undefined || encoded.length <= maximumResponseSize) {
    return injectEncodingFaults(encoded, options.faults);
  }
  return injectEncodingFaults(encode(responseMessage(items.map(tooLarge), options)), options.faults);
}

export function responseMessage(items: ResponseBatchItem[], options: ResponseOptions): TtlvNode {
  const header: TtlvNode[] = [versionNode(options.version)];
  if (options.faults.omitTimeStamp !== true) {
    header.push(dateTime(Tag.TimeStamp, options.timeStamp)); // §6.5: REQUIRED in every response.
  }
  header.push(integer(Tag.BatchCount, items.length));
  return structure(Tag.ResponseMessage, [structure(Tag.ResponseHeader, header), ...items.map((item) => batchItemNode(item, options.faults))]);
}

function batchItemNode(item: ResponseBatchItem, faults: FaultSwitches): TtlvNode {
  const fields: TtlvNode[] = [];
  if (item.operation !== undefined) {
    fields.push(enumeration(Tag.Operation, echoedOperation(item.operation, faults)));
  }
  // §6.4: a response carries the Unique Batch Item ID of its request.
  if (item.uniqueBatchItemId !== undefined && faults.omitUniqueBatchItemId !== true) {
    fields.push(bytes(Tag.UniqueBatchItemID, item.uniqueBatchItemId));
  }
  fields.push(enumeration(Tag.ResultStatus, item.resultStatus));
  const resultReason = injectReasonFaults(item.resultReason, faults);
  if (resultReason !== undefined) {
    fields.push(enumeration(Tag.ResultReason, resultReason));
  }
  if (item.resultMessage !== undefined) {
    fields.push(text(Tag.ResultMessage, item.resultMessage));
  }
  if (item.payload !== undefined) {
    fields.push(item.payload);
  }
  return structure(Tag.BatchItem, injectOrderFaults(fields, faults));
}

// Fault "wrongOperationEcho": return Get Attributes results under the next Operation value.
function echoedOperation(operation: number, faults: FaultSwitches): number {
  return faults.wrongOperationEcho === true && operation === Operation.GetAttributes ? Operation.GetAttributeList : operation;
}

function tooLarge(item: ResponseBatchItem): ResponseBatchItem {
  if (item.payload === undefined) {
    return item;
  }
  return {
    ...item,
    resultStatus: ResultStatus.OperationFailed,
    resultReason: ResultReason.ResponseTooLarge,
    resultMessage: HsmResultMessage.ResponseTooLarge,
    payload: undefined,
  };
}

/** Builds the single batch item, without Operation, of the response to a message the server cannot take apart (§11.1). */
export function rejectionItem(reason: number, message: string): ResponseBatchItem {
  return { operation: undefined, uniqueBatchItemId: undefined, resultStatus: ResultStatus.OperationFailed, resultReason: reason, resultMessage: message, payload: undefined };
}
