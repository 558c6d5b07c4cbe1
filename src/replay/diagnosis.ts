/**
 * Diagnosis of a step that did not pass: the kind of fault it shows. The report then states
 * whether the server lacks the operation, returned the wrong Result Status or Result Reason, sent
 * wrong content or broke the TTLV encoding, or whether the exchange itself broke.
 */
import { enumName, ResultReason, Tag, tagName } from "../kmip";
import type { Diff } from "../match";
import { child, children, decodeLenient } from "../ttlv";
import { ItemType, type TtlvNode } from "../ttlv/types";
import { parseTtlvXml, type TemplateNode } from "../vectors";
import type { FaultKind, StepFault, StepOutcome, VectorOutcome } from "./types";

/** Words for each kind, as the console, JUnit and HTML reports print them. */
export const FAULT_LABELS: Readonly<Record<FaultKind, string>> = {
  "operation-not-supported": "operation not supported",
  "wrong-status": "wrong status",
  "wrong-reason": "wrong reason",
  "wrong-content": "wrong content",
  encoding: "encoding violation",
  transport: "transport",
  "not-run": "not run",
  harness: "harness error",
};

/** Error codes of steps that were never sent because an earlier step or the connection failed. */
const NOT_RUN_CODES = new Set(["REPLAY_NOT_RUN", "REPLAY_INTERRUPTED", "REPLAY_UNBOUND_PLACEHOLDER", "VECTOR_UNBOUND_PLACEHOLDER", "REPLAY_PLACEHOLDER_TYPE"]);

/** Returns the vector with a fault on each step that did not pass; steps that already have one keep it. */
export function withFaults(outcome: VectorOutcome): VectorOutcome {
  return { ...outcome, steps: outcome.steps.map(withFault) };
}

export function withFault(step: StepOutcome): StepOutcome {
  if (step.verdict === "pass" || step.fault !== undefined) {
    return step;
  }

  const fault = diagnoseStep(step);
  return fault === undefined ? step : { ...step, fault };
}

/** Names the fault of a step that did not pass; undefined for a passing step. */
export function diagnoseStep(step: StepOutcome): StepFault | undefined {
  if (step.verdict === "pass") {
    return undefined;
  }

  if (step.error !== undefined) {
    return diagnoseError(step);
  }

  return diagnoseResponse(step);
}

/** Classifies a step that could not be judged by its error code: transport, encoding, not run or harness. */
function diagnoseError(step: StepOutcome): StepFault {
  const { code, message } = step.error!;
  const failing = step.violations.find((violation) => violation.severity === "fail");

  if (code === "TRANSPORT_FRAMING" || (code.startsWith("TTLV_") && !code.startsWith("TTLV_ENCODE_") && step.responseBytes !== undefined)) {
    return { kind: "encoding", path: failing?.path || undefined, message: `${code}: ${message}` };
  }
  if ((code.startsWith("TRANSPORT_") && code !== "TRANSPORT_INVALID_OPTIONS" && code !== "TRANSPORT_BUSY") || code === "REPLAY_VECTOR_TIMEOUT") {
    return { kind: "transport", message: `${code}: ${message}` };
  }
  if (NOT_RUN_CODES.has(code)) {
    return { kind: "not-run", message: `${code}: ${message}` };
  }
  return { kind: "harness", message: `${code}: ${message}` };
}

/**
 * Classifies a step that was judged and failed, from the most telling fault to the least. A batch
 * item with Result Reason Operation Not Supported explains every other diff of that item, and a
 * Result Status diff explains the Result Reason and payload diffs that follow from it.
 */
function diagnoseResponse(step: StepOutcome): StepFault | undefined {
  const diffs = step.diffs.filter((diff) => diff.severity === "fail");
  const response = step.responseBytes === undefined ? undefined : decodeLenient(step.responseBytes, { namer: tagName }).node;

  const unsupported = unsupportedItem(diffs, response);
  if (unsupported !== undefined) {
    const operation = step.operations[unsupported.index] ?? "the operation";
    return { kind: "operation-not-supported", path: unsupported.path, message: `the server returned Result Reason Operation Not Supported for ${operation}${resultMessage(unsupported.item)}` };
  }

  const violation = step.violations.find((candidate) => candidate.severity === "fail");
  if (violation !== undefined) {
    return { kind: "encoding", path: violation.path, message: `${violation.code}: ${violation.message}` };
  }

  const status = diffs.find((diff) => lastName(diff.path) === "ResultStatus");
  if (status !== undefined) {
    const item = response === undefined ? undefined : batchItems(response)[batchItemIndex(status.path)];
    return { kind: "wrong-status", path: status.path, message: `${status.message}${item === undefined ? "" : resultReason(item)}${item === undefined ? "" : resultMessage(item)}` };
  }

  const reason = diffs.find((diff) => lastName(diff.path) === "ResultReason");
  if (reason !== undefined) {
    return { kind: "wrong-reason", path: reason.path, message: reason.message };
  }

  const first = diffs[0];
  if (first === undefined) {
    return undefined;
  }

  const attribute = attributeNameAt(step.expectedXml, first.path);
  return { kind: "wrong-content", path: first.path, message: attribute === undefined ? first.message : `${first.message} (Attribute Name "${attribute}")` };
}

/** Reads the Attribute Name of the Attribute structure that a diff path goes through, from the expected template. */
function attributeNameAt(expectedXml: string, path: string): string | undefined {
  const segments = path.split("/");
  const last = segments.findIndex((segment) => /^Attribute(\[\d+\])?$/.test(segment));
  if (last < 1) {
    return undefined;
  }

  let node: TemplateNode | undefined;
  try {
    node = parseTtlvXml(expectedXml)[0];
  } catch {
    // Raw-step and suite templates may hold several alternatives or none: no name then.
    return undefined;
  }

  for (const segment of segments.slice(1, last + 1)) {
    node = node === undefined ? undefined : childAt(node, segment);
  }
  const name = node === undefined ? undefined : childAt(node, "AttributeName")?.value;
  return typeof name === "string" ? name : undefined;
}

/** Returns the child a path segment such as `Attribute[3]` names: the third child with that tag name. */
function childAt(node: TemplateNode, segment: string): TemplateNode | undefined {
  const [, name, position] = /^([A-Za-z]+)(?:\[(\d+)\])?$/.exec(segment) ?? [];
  if (name === undefined || node.type !== ItemType.Structure) {
    return undefined;
  }

  const matching = (node.value as TemplateNode[]).filter((item) => tagName(item.tag) === name);
  return matching[position === undefined ? 0 : Number(position) - 1];
}

/** Finds a batch item with Result Reason Operation Not Supported and a failing diff. */
function unsupportedItem(diffs: Diff[], response: TtlvNode | undefined): { index: number; path: string; item: TtlvNode } | undefined {
  if (response === undefined) {
    return undefined;
  }

  const items = batchItems(response);
  for (const diff of diffs) {
    const index = batchItemIndex(diff.path);
    const item = items[index];
    if (index >= 0 && item !== undefined && child(item, Tag.ResultReason)?.value === ResultReason.OperationNotSupported) {
      return { index, path: diff.path.replace(/(BatchItem(\[\d+\])?).*$/, "$1/ResultReason"), item };
    }
  }
  return undefined;
}

function batchItems(response: TtlvNode): TtlvNode[] {
  return children(response, Tag.BatchItem);
}

/** Index (from 0) of the batch item a diff path points into, e.g. 1 for `ResponseMessage/BatchItem[2]/...`; -1 outside batch items. */
export function batchItemIndex(path: string): number {
  const match = /^ResponseMessage\/BatchItem(?:\[(\d+)\])?(?:\/|$)/.exec(path);
  if (match === null) {
    return -1;
  }
  return match[1] === undefined ? 0 : Number(match[1]) - 1;
}

function lastName(path: string): string {
  return path.split("/").at(-1)!.replace(/\[\d+\]$/, "");
}

function resultReason(item: TtlvNode): string {
  const reason = child(item, Tag.ResultReason)?.value;
  return typeof reason === "number" ? ` (Result Reason ${enumName("ResultReason", reason) ?? reason})` : "";
}

function resultMessage(item: TtlvNode): string {
  const message = child(item, Tag.ResultMessage)?.value;
  return typeof message === "string" && message !== "" ? `: "${message}"` : "";
}
