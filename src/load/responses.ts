/** Reads the batch items of a KMIP response message (§7.1) for the load mixes. */
import { enumName, ResultStatus, Tag } from "../kmip";
import { child, children } from "../ttlv/access";
import { ItemType, type StructureNode, type TtlvNode } from "../ttlv/types";
import { KmipcheckError } from "../errors";

export interface BatchResult {
  operation?: number;
  resultStatus: number;
  /** Result Reason name (§9.1.3.2.29), e.g. "ItemNotFound"; undefined on success. */
  resultReason?: string;
  resultMessage?: string;
  payload?: StructureNode;
}

/** A KMIP failure of one request: its Result Status was not Success. */
export class OperationFailedError extends KmipcheckError {
  constructor(readonly operation: string, readonly result: BatchResult) {
    const reason = result.resultReason ?? "no Result Reason";
    const detail = result.resultMessage === undefined ? "" : `: ${result.resultMessage}`;
    super("LOAD_OPERATION_FAILED", `${operation} failed with ${reason}${detail}`, { context: { operation, reason } });
  }
}

/** A response that is not a KMIP Response Message with one batch item per request. */
export class ResponseShapeError extends KmipcheckError {
  constructor(message: string) {
    super("LOAD_BAD_RESPONSE", message);
  }
}

/** Returns the single batch item of a response message, raising ResponseShapeError if there is not exactly one. */
export function singleBatchResult(message: TtlvNode): BatchResult {
  if (message.tag !== Tag.ResponseMessage) {
    throw new ResponseShapeError(`expected a Response Message (0x42007B), got tag 0x${message.tag.toString(16)}`);
  }

  const items = children(message, Tag.BatchItem);
  if (items.length !== 1) {
    throw new ResponseShapeError(`expected 1 Batch Item in the response, got ${items.length}`);
  }
  return readBatchItem(items[0]);
}

function readBatchItem(item: TtlvNode): BatchResult {
  const status = numberOf(child(item, Tag.ResultStatus));
  if (status === undefined) throw new ResponseShapeError("the response Batch Item has no Result Status");

  const reason = numberOf(child(item, Tag.ResultReason));
  const message = child(item, Tag.ResultMessage);
  const payload = child(item, Tag.ResponsePayload);

  return {
    operation: numberOf(child(item, Tag.Operation)),
    resultStatus: status,
    resultReason: reason === undefined ? undefined : (enumName("ResultReason", reason) ?? `0x${reason.toString(16).padStart(8, "0")}`),
    resultMessage: message?.type === ItemType.TextString ? message.value : undefined,
    payload: payload?.type === ItemType.Structure ? payload : undefined,
  };
}

function numberOf(node: TtlvNode | undefined): number | undefined {
  if (node === undefined) return undefined;
  return node.type === ItemType.Enumeration || node.type === ItemType.Integer ? node.value : undefined;
}

export function isSuccess(result: BatchResult): boolean {
  return result.resultStatus === ResultStatus.Success;
}

/** Returns the text of the payload's first item with this tag, raising ResponseShapeError when missing. */
export function requiredText(payload: StructureNode | undefined, tag: number, what: string): string {
  const node = payload === undefined ? undefined : child(payload, tag);
  if (node?.type !== ItemType.TextString) throw new ResponseShapeError(`the response payload has no ${what}`);
  return node.value;
}
