/**
 * Checks of the client's side of the protocol in one request message: pure functions from the
 * bytes the client sent to the rules it broke. The bundled server enforces some of these rules by
 * failing the request; these checks name every break, whether or not a server rejects it.
 */
import { formatIsoDateTime } from "../vectors";
import { decodeLenient } from "../ttlv";
import { enumName, Tag, tagLabel, tagName } from "../kmip";
import { ItemType, type TtlvNode } from "../ttlv/types";
import { attributeIssues } from "./attribute-checks";
import { REQUEST_PAYLOAD_FIELDS } from "./payload-shapes";
import { HIGHEST_VERSION, REQUEST_BATCH_ITEM_FIELDS, REQUEST_HEADER_FIELDS } from "./shapes";
import { fieldList, fieldOrderIssues, isStructure, placedChild, placedChildren, placedChildrenWithTag, type PlacedNode, protocolVersionOf } from "./tree";
import { encodingIssues, unknownTagIssues, versionGatingIssues } from "./tree-checks";
import type { LintIssue } from "./types";

/** Default tolerance, in seconds, for a client clock ahead of this one before its Time Stamp counts as in the future. */
export const DEFAULT_CLOCK_SKEW_SECONDS = 60;

export interface RequestLintOptions {
  /** The current time, in POSIX seconds. */
  now: number;
  /** How far a client's Time Stamp may be ahead of `now`; default DEFAULT_CLOCK_SKEW_SECONDS. */
  clockSkewSeconds?: number;
}

export interface RequestLintResult {
  issues: LintIssue[];
  /** The message as far as it decodes; undefined when not even its first item does. */
  message: TtlvNode | undefined;
}

/** Checks one request message, given as the bytes the client sent. */
export function lintRequest(bytes: Buffer, options: RequestLintOptions): RequestLintResult {
  const { node, violations } = decodeLenient(bytes, { namer: tagName });
  const issues = encodingIssues(violations, "ttlv-encoding");
  if (node === undefined) {
    return { issues, message: undefined };
  }

  if (node.tag !== Tag.RequestMessage || node.type !== ItemType.Structure) {
    const actual = `${tagLabel(node.tag)} (${ItemType[node.type]})`;
    issues.push({ rule: "request-shape", path: tagLabel(node.tag), message: `the message is ${actual}, not a Request Message structure`, expected: "a RequestMessage structure", actual, severity: "fail" });
    return { issues, message: node };
  }

  const message: PlacedNode = { node, path: "RequestMessage" };
  issues.push(...unknownTagIssues(message, "unknown-tag"));
  issues.push(...messageIssues(message, options));
  issues.push(...attributeIssues(message));
  issues.push(...versionGatingIssues(node, node, "version-gating"));
  return { issues, message: node };
}

function messageIssues(message: PlacedNode, options: RequestLintOptions): LintIssue[] {
  const issues = fieldOrderIssues(message, [Tag.RequestHeader, Tag.BatchItem], "Table 280 (Request Header, then Batch Items)");
  issues.push(...unexpectedFields(message, [Tag.RequestHeader, Tag.BatchItem], "Table 280"));

  const header = placedChild(message, Tag.RequestHeader);
  const items = placedChildrenWithTag(message, Tag.BatchItem);
  if (header === undefined || !isStructure(header.node)) {
    issues.push({ rule: "request-shape", path: `${message.path}/RequestHeader`, message: "the Request Message has no Request Header structure", expected: "a RequestHeader structure as the first field", severity: "fail" });
  } else {
    issues.push(...headerIssues(header, items.length, options));
  }

  if (items.length === 0) {
    issues.push({ rule: "request-shape", path: `${message.path}/BatchItem`, message: "the Request Message has no Batch Item", expected: "one or more BatchItem structures after the Request Header", severity: "fail" });
  }
  items.forEach((item) => issues.push(...batchItemIssues(item)));
  issues.push(...uniqueBatchItemIdIssues(header, items));
  return issues;
}

function headerIssues(header: PlacedNode, itemCount: number, options: RequestLintOptions): LintIssue[] {
  const issues = fieldOrderIssues(header, REQUEST_HEADER_FIELDS, "Table 282");
  issues.push(...unexpectedFields(header, REQUEST_HEADER_FIELDS, "Table 282"));
  issues.push(...protocolVersionIssues(header));

  const batchCount = placedChild(header, Tag.BatchCount);
  if (batchCount === undefined || batchCount.node.type !== ItemType.Integer) {
    issues.push({ rule: "request-shape", path: `${header.path}/BatchCount`, message: "the Request Header has no Batch Count Integer", expected: `BatchCount (Integer) = ${itemCount}`, severity: "fail" });
    return issues;
  }

  // §6.14: Batch Count is the number of Batch Items in the message.
  const count = batchCount.node.value;
  if (count !== itemCount) {
    issues.push({ rule: "batch-count", path: batchCount.path, message: `Batch Count is ${count} but the message contains ${itemCount} Batch Items`, expected: `BatchCount = ${itemCount}`, actual: String(count), severity: "fail" });
  }

  // §6.13: "This option SHALL only be present if the Batch Count is greater than 1."
  const continuation = placedChild(header, Tag.BatchErrorContinuationOption);
  if (continuation !== undefined && count <= 1) {
    issues.push({ rule: "batch-error-continuation-option", path: continuation.path, message: `Batch Error Continuation Option is present with Batch Count ${count}`, expected: "no BatchErrorContinuationOption when Batch Count is 1", actual: "present", severity: "fail" });
  }

  issues.push(...timeStampIssues(header, options));
  return issues;
}

// §6.1: this server speaks major version 1, minor versions 0 to 4.
function protocolVersionIssues(header: PlacedNode): LintIssue[] {
  const version = protocolVersionOf({ tag: Tag.RequestMessage, type: ItemType.Structure, value: [header.node] });
  const path = `${header.path}/ProtocolVersion`;
  if (version === undefined) {
    return [{ rule: "request-shape", path, message: "the Request Header has no Protocol Version with Integer Major and Minor", expected: "ProtocolVersion { ProtocolVersionMajor, ProtocolVersionMinor } (Integers)", severity: "fail" }];
  }

  const sentVersion = `${version.major}.${version.minor}`;
  const expected = `a version from 1.0 to ${HIGHEST_VERSION.major}.${HIGHEST_VERSION.minor}`;
  if (version.major !== HIGHEST_VERSION.major) {
    return [{ rule: "protocol-version", path, message: `protocol version ${sentVersion} has another major version than the 1.x this server speaks`, expected, actual: sentVersion, severity: "fail" }];
  }
  if (version.minor > HIGHEST_VERSION.minor) {
    return [{ rule: "protocol-version", path, message: `protocol version ${sentVersion} is newer than ${HIGHEST_VERSION.major}.${HIGHEST_VERSION.minor}, the highest this server speaks; it responds in ${HIGHEST_VERSION.major}.${HIGHEST_VERSION.minor}`, expected, actual: sentVersion, severity: "warn" }];
  }
  return [];
}

// §6.5: the Time Stamp of a request is the client's current time, so one in the future shows a wrong client clock.
function timeStampIssues(header: PlacedNode, options: RequestLintOptions): LintIssue[] {
  const timeStamp = placedChild(header, Tag.TimeStamp);
  if (timeStamp === undefined || timeStamp.node.type !== ItemType.DateTime) {
    return [];
  }

  const seconds = Number(timeStamp.node.value);
  const skew = options.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
  if (seconds <= options.now + skew) {
    return [];
  }
  const ahead = seconds - options.now;
  return [{ rule: "time-stamp-future", path: timeStamp.path, message: `Time Stamp ${formatIsoDateTime(BigInt(seconds))} is ${ahead} s ahead of the server clock (tolerance ${skew} s)`, expected: `the client's current time, at most ${skew} s ahead of ${formatIsoDateTime(BigInt(options.now))}`, actual: formatIsoDateTime(BigInt(seconds)), severity: "fail" }];
}

function batchItemIssues(item: PlacedNode): LintIssue[] {
  if (!isStructure(item.node)) {
    return [{ rule: "request-shape", path: item.path, message: `Batch Item is a ${ItemType[item.node.type]}, not a structure`, expected: "a BatchItem structure", severity: "fail" }];
  }

  const issues = fieldOrderIssues(item, REQUEST_BATCH_ITEM_FIELDS, "Table 283");
  issues.push(...unexpectedFields(item, REQUEST_BATCH_ITEM_FIELDS, "Table 283"));
  issues.push(...payloadOrderIssues(item));
  for (const [tag, type] of [[Tag.Operation, ItemType.Enumeration], [Tag.RequestPayload, ItemType.Structure]] as const) {
    const field = placedChild(item, tag);
    if (field === undefined || field.node.type !== type) {
      issues.push({ rule: "request-shape", path: `${item.path}/${tagLabel(tag)}`, message: `the Batch Item has no ${tagLabel(tag)} ${ItemType[type]}`, expected: `${tagLabel(tag)} (${ItemType[type]}), REQUIRED by Table 283`, actual: fieldList(item.node), severity: "fail" });
    }
  }
  return issues;
}

/** Checks the Request Payload's field order against the payload table of its Operation in §4. */
function payloadOrderIssues(item: PlacedNode): LintIssue[] {
  const operation = placedChild(item, Tag.Operation)?.node;
  const payload = placedChild(item, Tag.RequestPayload);
  const order = operation?.type === ItemType.Enumeration ? REQUEST_PAYLOAD_FIELDS.get(operation.value) : undefined;
  if (operation?.type !== ItemType.Enumeration || payload === undefined || order === undefined) {
    return [];
  }
  return fieldOrderIssues(payload, order, `the ${enumName("Operation", operation.value)} Request Payload table`);
}

/** §7.2 Table 283: Unique Batch Item ID is "REQUIRED if Batch Count > 1"; §6.4: the IDs correlate responses, so they must differ. */
function uniqueBatchItemIdIssues(header: PlacedNode | undefined, items: PlacedNode[]): LintIssue[] {
  const batchCount = header === undefined ? undefined : placedChild(header, Tag.BatchCount)?.node;
  const count = batchCount?.type === ItemType.Integer ? batchCount.value : items.length;
  const issues: LintIssue[] = [];
  const seen = new Map<string, string>();

  for (const item of items) {
    const id = placedChild(item, Tag.UniqueBatchItemID);
    if (id === undefined) {
      if (count > 1) {
        issues.push({ rule: "unique-batch-item-id-missing", path: `${item.path}/UniqueBatchItemID`, message: `the Batch Item has no Unique Batch Item ID, but Batch Count is ${count}`, expected: "UniqueBatchItemID (ByteString), distinct in each Batch Item, when Batch Count > 1", actual: "absent", severity: "fail" });
      }
      continue;
    }

    const hex = id.node.type === ItemType.ByteString ? id.node.value.toString("hex") : String(id.node.value);
    const first = seen.get(hex);
    if (first !== undefined) {
      issues.push({ rule: "unique-batch-item-id-duplicate", path: id.path, message: `Unique Batch Item ID ${hex} is also used at ${first}`, expected: "a Unique Batch Item ID that no other Batch Item of the message uses", actual: hex, severity: "fail" });
    }
    seen.set(hex, id.path);
  }
  return issues;
}

/** Fields a table does not list; §11.1 makes an unknown field Invalid Field for a server of the message's version. */
function unexpectedFields(structure: PlacedNode, fields: readonly number[], table: string): LintIssue[] {
  if (!isStructure(structure.node)) {
    return [];
  }

  const known = new Set(fields);
  const unknown = placedChildren(structure.node, structure.path).filter((item) => !known.has(item.node.tag));
  return unknown.map((item) => ({
    rule: "unexpected-field" as const,
    path: item.path,
    message: `${tagLabel(item.node.tag)} is not a field of ${tagLabel(structure.node.tag)}`,
    expected: `only the fields of ${table}: ${fields.map(tagLabel).join(", ")}`,
    actual: tagLabel(item.node.tag),
    severity: "fail" as const,
  }));
}
