/**
 * Checks of the server's side in one exchange, for the proxy: pure functions from the response
 * bytes (and the request it responds to) to the rules the response broke.
 */
import { ResultStatus, Tag, tagLabel, tagName } from "../kmip";
import { decodeLenient } from "../ttlv";
import { ItemType, type TtlvNode } from "../ttlv/types";
import { RESPONSE_BATCH_ITEM_FIELDS, RESPONSE_HEADER_FIELDS } from "./shapes";
import { fieldOrderIssues, isStructure, placedChild, placedChildrenWithTag, type PlacedNode, protocolVersionOf } from "./tree";
import { encodingIssues, versionGatingIssues } from "./tree-checks";
import type { LintIssue } from "./types";

/** Checks one response message against the request it responds to (undefined when that did not decode). */
export function lintResponse(bytes: Buffer, request: TtlvNode | undefined): LintIssue[] {
  const { node, violations } = decodeLenient(bytes, { namer: tagName });
  const issues = encodingIssues(violations, "response-ttlv-encoding");
  if (node === undefined) {
    return issues;
  }

  if (node.tag !== Tag.ResponseMessage || node.type !== ItemType.Structure) {
    const actual = `${tagLabel(node.tag)} (${ItemType[node.type]})`;
    issues.push({ rule: "response-shape", path: tagLabel(node.tag), message: `the response is ${actual}, not a Response Message structure`, expected: "a ResponseMessage structure", actual, severity: "fail" });
    return issues;
  }

  const message: PlacedNode = { node, path: "ResponseMessage" };
  const header = placedChild(message, Tag.ResponseHeader);
  const items = placedChildrenWithTag(message, Tag.BatchItem);
  if (header === undefined || !isStructure(header.node)) {
    issues.push({ rule: "response-shape", path: "ResponseMessage/ResponseHeader", message: "the Response Message has no Response Header structure", expected: "a ResponseHeader structure as the first field", severity: "fail" });
  } else {
    issues.push(...headerIssues(header, items.length, request));
  }

  items.forEach((item, index) => issues.push(...batchItemIssues(item, requestItem(request, index))));
  if (request !== undefined) {
    issues.push(...versionGatingIssues(node, request, "response-version-gating"));
  }
  return issues;
}

function headerIssues(header: PlacedNode, itemCount: number, request: TtlvNode | undefined): LintIssue[] {
  const issues = fieldOrderIssues(header, RESPONSE_HEADER_FIELDS, "Table 284", "response-shape");

  // §6.5: Time Stamp "is REQUIRED in a server request and response".
  const timeStamp = placedChild(header, Tag.TimeStamp);
  if (timeStamp === undefined || timeStamp.node.type !== ItemType.DateTime) {
    issues.push({ rule: "response-time-stamp", path: `${header.path}/TimeStamp`, message: "the Response Header has no Time Stamp Date-Time", expected: "TimeStamp (DateTime) with the server's current time", actual: timeStamp === undefined ? "absent" : ItemType[timeStamp.node.type], severity: "fail" });
  }

  const batchCount = placedChild(header, Tag.BatchCount);
  const count = batchCount?.node.type === ItemType.Integer ? batchCount.node.value : undefined;
  if (count !== itemCount) {
    issues.push({ rule: "response-batch-count", path: `${header.path}/BatchCount`, message: `Batch Count is ${count ?? "missing"} but the response contains ${itemCount} Batch Items`, expected: `BatchCount = ${itemCount}`, actual: String(count ?? "absent"), severity: "fail" });
  }

  issues.push(...versionIssues(header, request));
  return issues;
}

// §6.1: the response speaks the request's major version, at the request's minor version or a lower one the server falls back to.
function versionIssues(header: PlacedNode, request: TtlvNode | undefined): LintIssue[] {
  const requested = request === undefined ? undefined : protocolVersionOf(request);
  const answered = protocolVersionOf({ tag: Tag.ResponseMessage, type: ItemType.Structure, value: [header.node] });
  const path = `${header.path}/ProtocolVersion`;
  if (answered === undefined) {
    return [{ rule: "response-shape", path, message: "the Response Header has no Protocol Version with Integer Major and Minor", expected: "ProtocolVersion { ProtocolVersionMajor, ProtocolVersionMinor } (Integers)", severity: "fail" }];
  }

  if (requested === undefined || (answered.major === requested.major && answered.minor <= requested.minor)) {
    return [];
  }
  const answeredText = `${answered.major}.${answered.minor}`;
  const requestedText = `${requested.major}.${requested.minor}`;
  return [{ rule: "response-protocol-version", path, message: `the response uses protocol version ${answeredText} for a ${requestedText} request`, expected: `version ${requestedText}, or ${requested.major}.x below it`, actual: answeredText, severity: "fail" }];
}

function batchItemIssues(item: PlacedNode, request: TtlvNode | undefined): LintIssue[] {
  const issues = fieldOrderIssues(item, RESPONSE_BATCH_ITEM_FIELDS, "Table 285", "response-shape");

  const status = placedChild(item, Tag.ResultStatus);
  if (status === undefined || status.node.type !== ItemType.Enumeration) {
    issues.push({ rule: "response-shape", path: `${item.path}/ResultStatus`, message: "the Batch Item has no Result Status Enumeration", expected: "ResultStatus (Enumeration), REQUIRED by Table 285", severity: "fail" });
  } else if (status.node.value === ResultStatus.OperationFailed && placedChild(item, Tag.ResultReason) === undefined) {
    issues.push({ rule: "response-result-reason", path: `${item.path}/ResultReason`, message: "the Batch Item failed but has no Result Reason", expected: "ResultReason (Enumeration) after ResultStatus OperationFailed", actual: "absent", severity: "fail" });
  }

  issues.push(...echoIssues(item, request));
  return issues;
}

// §6.4: "If a request has a Unique Batch Item ID, then responses to that request SHALL have the same Unique Batch Item ID."
function echoIssues(item: PlacedNode, request: TtlvNode | undefined): LintIssue[] {
  const requested = request !== undefined && isStructure(request) ? request.value.find((field) => field.tag === Tag.UniqueBatchItemID) : undefined;
  if (requested?.type !== ItemType.ByteString) {
    return [];
  }

  const echoed = placedChild(item, Tag.UniqueBatchItemID);
  const expected = requested.value.toString("hex");
  const actual = echoed?.node.type === ItemType.ByteString ? echoed.node.value.toString("hex") : undefined;
  if (actual === expected) {
    return [];
  }
  return [{ rule: "response-unique-batch-item-id", path: `${item.path}/UniqueBatchItemID`, message: `the response item does not carry the request's Unique Batch Item ID ${expected}`, expected: `UniqueBatchItemID = ${expected}`, actual: actual ?? "absent", severity: "fail" }];
}

/** Returns the request Batch Item at the same position, to which a synchronous response keeps the order (§6.12). */
function requestItem(request: TtlvNode | undefined, index: number): TtlvNode | undefined {
  if (request === undefined || !isStructure(request)) {
    return undefined;
  }
  return request.value.filter((field) => field.tag === Tag.BatchItem)[index];
}
