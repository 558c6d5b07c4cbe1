/**
 * Where an item sits in its message: the batch item that holds it, that item's Operation and the
 * request batch item it answers. Rules that judge an output against its input use these.
 */
import { enumName, Tag } from "../kmip";
import { child, children } from "../ttlv/access";
import { ItemType, type TtlvNode } from "../ttlv/types";
import type { MatchState } from "./types";

export interface BatchContext {
  /** Operation name of the response batch item, e.g. "Encrypt". */
  operation: string | undefined;
  responseItem: TtlvNode;
  responsePayload: TtlvNode | undefined;
  /** The request batch item with the same Unique Batch Item ID, or at the same position. */
  requestItem: TtlvNode | undefined;
  requestPayload: TtlvNode | undefined;
}

/** Returns the batch context of an item from its actual ancestors; undefined outside a batch item. */
export function batchContext(actualAncestors: ReadonlyArray<TtlvNode>, state: MatchState): BatchContext | undefined {
  const message = actualAncestors[0];
  const responseItem = actualAncestors.find((ancestor) => ancestor.tag === Tag.BatchItem && ancestor.type === ItemType.Structure);
  if (message === undefined || responseItem === undefined) {
    return undefined;
  }

  const requestItem = state.request === undefined ? undefined : requestItemFor(message, responseItem, state.request);
  return {
    operation: operationName(responseItem) ?? (requestItem === undefined ? undefined : operationName(requestItem)),
    responseItem,
    responsePayload: child(responseItem, Tag.ResponsePayload),
    requestItem,
    requestPayload: requestItem === undefined ? undefined : child(requestItem, Tag.RequestPayload),
  };
}

export function operationName(batchItem: TtlvNode): string | undefined {
  const operation = child(batchItem, Tag.Operation);
  return operation?.type === ItemType.Enumeration ? enumName("Operation", operation.value) : undefined;
}

/** §6.4: a response batch item echoes the Unique Batch Item ID of its request item; without one, items correspond by position. */
function requestItemFor(response: TtlvNode, responseItem: TtlvNode, request: TtlvNode): TtlvNode | undefined {
  const requestItems = children(request, Tag.BatchItem);
  const id = child(responseItem, Tag.UniqueBatchItemID);
  if (id !== undefined && Buffer.isBuffer(id.value)) {
    const found = requestItems.find((item) => {
      const candidate = child(item, Tag.UniqueBatchItemID);
      return candidate !== undefined && Buffer.isBuffer(candidate.value) && candidate.value.equals(id.value as Buffer);
    });
    if (found !== undefined) {
      return found;
    }
  }

  return requestItems[children(response, Tag.BatchItem).indexOf(responseItem)];
}

/** Returns "major.minor" of a message's Protocol Version, e.g. "1.4"; undefined when absent. */
export function protocolVersionOf(message: TtlvNode): string | undefined {
  const header = child(message, Tag.RequestHeader) ?? child(message, Tag.ResponseHeader);
  const version = header === undefined ? undefined : child(header, Tag.ProtocolVersion);
  const major = version === undefined ? undefined : child(version, Tag.ProtocolVersionMajor);
  const minor = version === undefined ? undefined : child(version, Tag.ProtocolVersionMinor);
  return typeof major?.value === "number" && typeof minor?.value === "number" ? `${major.value}.${minor.value}` : undefined;
}

/** Returns the enumeration name of a leaf, or undefined when it is absent or not an Enumeration. */
export function enumOf(node: TtlvNode | undefined, enumeration: string): string | undefined {
  return node?.type === ItemType.Enumeration ? enumName(enumeration, node.value) : undefined;
}

export function bytesOf(node: TtlvNode | undefined): Buffer | undefined {
  return node !== undefined && Buffer.isBuffer(node.value) ? node.value : undefined;
}

export function integerOf(node: TtlvNode | undefined): number | undefined {
  return node?.type === ItemType.Integer ? node.value : undefined;
}
