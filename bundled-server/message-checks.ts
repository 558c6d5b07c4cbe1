/**
 * Reads a decoded Request Message (§7.1, §7.2) into its header and batch items, enforcing the
 * message rules of §6, §7 and §11.1. A fault in the header rejects the whole message
 * (MessageRejectedError); a fault inside one batch item fails only that item.
 */
import { BatchErrorContinuationOption, ResultReason, Tag, tagLabel } from "../src/kmip";
import { ItemType, StructureNode, TtlvNode } from "../src/ttlv/types";
import { ProtocolVersion } from "./context";
import { KmipResultError, MessageRejectedError } from "./errors";
import { fieldsOf, optionalBoolean, optionalBytes, optionalEnumeration, optionalInteger, optionalStructure, requiredField } from "./payload";

/** Highest protocol version this server speaks. */
export const SERVER_VERSION: ProtocolVersion = { major: 1, minor: 4 };

export interface RequestHeader {
  protocolVersion: ProtocolVersion;
  maximumResponseSize: number | undefined;
  batchErrorContinuationOption: number;
  batchCount: number;
  /** Authentication (§6.6), checked against the client certificate's user before any item runs. */
  authentication: StructureNode | undefined;
}

export interface RequestBatchItem {
  operation: number | undefined;
  uniqueBatchItemId: Buffer | undefined;
  payload: StructureNode | undefined;
  /** Failure of a malformed item, which is returned without running the item. */
  problem: KmipResultError | undefined;
}

export interface ParsedRequest {
  header: RequestHeader;
  items: RequestBatchItem[];
}

// Fields of the Request Header in the order of Table 282.
const HEADER_ORDER: readonly number[] = [
  Tag.ProtocolVersion, Tag.MaximumResponseSize, Tag.ClientCorrelationValue, Tag.ServerCorrelationValue,
  Tag.AsynchronousIndicator, Tag.AttestationCapableIndicator, Tag.AttestationType, Tag.Authentication,
  Tag.BatchErrorContinuationOption, Tag.BatchOrderOption, Tag.TimeStamp, Tag.BatchCount,
];
const HEADER_TAGS: ReadonlySet<number> = new Set(HEADER_ORDER);

// Fields of a Request Batch Item in the order of Table 283.
const BATCH_ITEM_ORDER: readonly number[] = [Tag.Operation, Tag.UniqueBatchItemID, Tag.RequestPayload, Tag.MessageExtension];

/**
 * §7: "All fields SHALL appear in the order specified" (and §9.1.1.3 for every structure). Raises
 * Invalid Message for a known field that comes after one the table places later; unknown fields
 * are left to the other checks.
 */
function requireFieldOrder(structureNode: StructureNode, order: readonly number[]): void {
  let highest = -1;
  for (const field of structureNode.value) {
    const position = order.indexOf(field.tag);
    if (position >= 0 && position < highest) {
      throw new KmipResultError(ResultReason.InvalidMessage, `${tagLabel(field.tag)} is out of order in ${tagLabel(structureNode.tag)}; send the fields in the order of the spec's table`);
    }
    highest = Math.max(highest, position);
  }
}

/** Checks parseRequest applies beyond the spec's own rules. */
export interface RequestCheckOptions {
  /** Maximum number of Batch Items in a request; default: no limit. */
  maxBatchCount?: number;
}

export function parseRequest(message: TtlvNode, options: RequestCheckOptions = {}): ParsedRequest {
  if (message.tag !== Tag.RequestMessage || message.type !== ItemType.Structure) {
    throw reject(ResultReason.InvalidMessage, `the message is ${tagLabel(message.tag)}, not a Request Message structure`);
  }

  const header = withRejection(() => parseHeader(requiredHeader(message)));
  withRejection(() => requireFieldOrder(message, [Tag.RequestHeader, Tag.BatchItem]));
  const itemNodes = fieldsOf(message, Tag.BatchItem);
  requireBatchCountWithin(Math.max(header.batchCount, itemNodes.length), options.maxBatchCount);
  const items = itemNodes.map(parseBatchItem);

  // §6.14: Batch Count is the number of Batch Items in the message.
  if (header.batchCount !== items.length) {
    throw reject(ResultReason.InvalidMessage, `Batch Count is ${header.batchCount} but the message contains ${items.length} Batch Items`);
  }
  return { header, items };
}

/**
 * Rejects the whole request, before any item runs, when it carries more Batch Items than the
 * server takes in one request. §11 has no reason for it; Invalid Message is the reason §11.1 gives
 * a request the server will not take apart, and the Result Message names the limit.
 */
function requireBatchCountWithin(count: number, maximum: number | undefined): void {
  if (maximum !== undefined && count > maximum) {
    throw reject(ResultReason.InvalidMessage, `the request carries ${count} Batch Items; this server takes at most ${maximum} per request, so split the batch`);
  }
}

/**
 * Returns the version of the response. §6.1: servers stay compatible within a major version, so
 * this is the requested version when this server knows its minor version, else its own highest.
 */
export function responseVersion(requested: ProtocolVersion): ProtocolVersion {
  return requested.minor <= SERVER_VERSION.minor ? requested : SERVER_VERSION;
}

function requiredHeader(message: StructureNode): StructureNode {
  const header = optionalStructure(message, Tag.RequestHeader);
  if (header === undefined) {
    throw new KmipResultError(ResultReason.InvalidMessage, "the Request Message has no Request Header");
  }
  return header;
}

function parseHeader(header: StructureNode): RequestHeader {
  const protocolVersion = parseProtocolVersion(requiredField(header, Tag.ProtocolVersion, ItemType.Structure));
  checkUnknownHeaderFields(header, protocolVersion);
  requireFieldOrder(header, HEADER_ORDER);

  const batchCount = requiredField(header, Tag.BatchCount, ItemType.Integer).value as number;
  // §6.13: "This option SHALL only be present if the Batch Count is greater than 1."
  if (batchCount <= 1 && header.value.some((field) => field.tag === Tag.BatchErrorContinuationOption)) {
    throw new KmipResultError(ResultReason.InvalidMessage, "Batch Error Continuation Option is only allowed when Batch Count is more than 1");
  }
  optionalBoolean(header, Tag.BatchOrderOption); // §6.12: items always run in order, so either value is honoured.
  return {
    protocolVersion,
    maximumResponseSize: optionalInteger(header, Tag.MaximumResponseSize),
    // §6.13: without the option, Stop is assumed.
    batchErrorContinuationOption: optionalEnumeration(header, Tag.BatchErrorContinuationOption) ?? BatchErrorContinuationOption.Stop,
    batchCount,
    authentication: optionalStructure(header, Tag.Authentication),
  };
}

// §11.1: "Protocol major version mismatch" is Invalid Message for the whole message.
function parseProtocolVersion(node: TtlvNode): ProtocolVersion {
  const major = requiredField(node, Tag.ProtocolVersionMajor, ItemType.Integer).value as number;
  const minor = requiredField(node, Tag.ProtocolVersionMinor, ItemType.Integer).value as number;
  if (major !== SERVER_VERSION.major) {
    throw new KmipResultError(ResultReason.InvalidMessage, `protocol version ${major}.${minor} is not supported; this server speaks major version ${SERVER_VERSION.major}`);
  }
  return { major, minor };
}

/**
 * §11.1: with the same major and minor version an unknown field is Invalid Field; with another
 * minor version unknown fields are ignored.
 */
function checkUnknownHeaderFields(header: StructureNode, version: ProtocolVersion): void {
  const unknown = header.value.find((field) => !HEADER_TAGS.has(field.tag));
  if (unknown !== undefined && version.minor === SERVER_VERSION.minor) {
    throw new KmipResultError(ResultReason.InvalidField, `${tagLabel(unknown.tag)} is not a Request Header field`);
  }
}

function parseBatchItem(node: TtlvNode): RequestBatchItem {
  const item: RequestBatchItem = { operation: undefined, uniqueBatchItemId: undefined, payload: undefined, problem: undefined };
  try {
    if (node.type === ItemType.Structure) {
      requireFieldOrder(node, BATCH_ITEM_ORDER);
    }
    item.operation = requiredField(node, Tag.Operation, ItemType.Enumeration).value as number;
    item.uniqueBatchItemId = optionalBytes(node, Tag.UniqueBatchItemID);
    item.payload = requiredField(node, Tag.RequestPayload, ItemType.Structure) as StructureNode;
    checkMessageExtension(node);
  } catch (error) {
    if (!(error instanceof KmipResultError)) {
      throw error;
    }
    // §11.1: "Error parsing batch item or payload within batch item" fails that item with Invalid Message.
    item.problem = error.resultReason === ResultReason.MissingData ? new KmipResultError(ResultReason.InvalidMessage, error.resultMessage) : error;
  }
  return item;
}

// §6.16: a critical Message Extension the server does not understand rejects the item (§11.1: Feature Not Supported).
function checkMessageExtension(item: TtlvNode): void {
  const extension = optionalStructure(item, Tag.MessageExtension);
  if (extension !== undefined && optionalBoolean(extension, Tag.CriticalityIndicator) === true) {
    throw new KmipResultError(ResultReason.FeatureNotSupported, "the batch item carries a critical Message Extension this server does not understand");
  }
}

function reject(reason: number, message: string): MessageRejectedError {
  return new MessageRejectedError(reason, message);
}

/** Runs a header step, turning its KMIP failure into a rejection of the whole message. */
function withRejection<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof KmipResultError && !(error instanceof MessageRejectedError)) {
      const reason = error.resultReason === ResultReason.MissingData ? ResultReason.InvalidMessage : error.resultReason;
      throw new MessageRejectedError(reason, error.resultMessage);
    }
    throw error;
  }
}
