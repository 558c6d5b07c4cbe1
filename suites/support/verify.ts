/**
 * Check helpers of the suites. Each records its outcome on the current step: a rule application
 * when the check passes, or a diff naming the check and the path when it does not. The first
 * broken check fails the mocha test through chai.
 */
import { expect } from "chai";
import { enumName, ResultStatus, Tag, tagLabel } from "../../src/kmip";
import type { Diff } from "../../src/match";
import { child, children, type TtlvNode } from "../../src/ttlv";
import { ACCEPTED_REASON_RULE, type CheckDefinition } from "./checks";
import { recorder } from "./recorder";
import type { SuiteTarget } from "./target";

export interface Finding {
  message: string;
  expected?: string;
  actual?: string;
  kind?: Diff["kind"];
}

/** Records that the check passed at the path. */
export function passed(check: CheckDefinition, path: string, note: string): void {
  recorder.addRuleApplication({ rule: check.id, path, note });
}

/** Records the broken check and fails the test with a message naming the check, its clause and the path. */
export function failed(check: CheckDefinition, path: string, finding: Finding): never {
  const note = check.mismatchNote === undefined ? "" : ` Note: ${check.mismatchNote}`;
  const message = `${finding.message}.${note} Required by ${check.reference}.`;
  recorder.addDiff({ path, kind: finding.kind ?? "value", severity: "fail", rule: check.id, message, expected: finding.expected, actual: finding.actual });
  expect.fail(`${check.id} at ${path}: ${message}`);
}

/** Passes with `note` when the condition holds, else fails with the finding. */
export function verify(check: CheckDefinition, path: string, condition: boolean, note: string, finding: Finding): void {
  if (!condition) {
    failed(check, path, finding);
  }
  passed(check, path, note);
}

/** Returns the child with the tag, failing the check with a `missing` diff when there is none. */
export function required(check: CheckDefinition, parent: TtlvNode, parentPath: string, tag: number): TtlvNode {
  const found = child(parent, tag);
  if (found === undefined) {
    failed(check, `${parentPath}/${tagLabel(tag)}`, { kind: "missing", message: `${tagLabel(tag)} is missing`, expected: tagLabel(tag), actual: "absent" });
  }
  return found;
}

/** Path of the n-th (from 0) Batch Item of a response of `count` items, as the comparison writes it. */
export function batchItemPath(index: number, count: number): string {
  return count > 1 ? `ResponseMessage/BatchItem[${index + 1}]` : "ResponseMessage/BatchItem";
}

export function resultReasonName(value: number | undefined): string {
  return value === undefined ? "no Result Reason" : (enumName("ResultReason", value) ?? `0x${value.toString(16).padStart(8, "0")}`);
}

export function resultStatusName(value: number | undefined): string {
  return value === undefined ? "no Result Status" : (enumName("ResultStatus", value) ?? `0x${value.toString(16).padStart(8, "0")}`);
}

/** Returns the Result Status and Result Reason values of a response batch item. */
export function resultOf(item: TtlvNode): { status: number | undefined; reason: number | undefined } {
  return { status: child(item, Tag.ResultStatus)?.value as number | undefined, reason: child(item, Tag.ResultReason)?.value as number | undefined };
}

/**
 * Checks that a batch item failed with the expected Result Reason. Another reason passes only
 * when the certifier accepted it for this check with --accept-reason. The step then carries a
 * warning diff and a rule application that record the decision.
 */
export function verifyFailure(check: CheckDefinition, target: SuiteTarget, item: TtlvNode, itemPath: string, expectedReason: number): void {
  const { status, reason } = resultOf(item);
  const expected = resultReasonName(expectedReason);
  const actual = resultReasonName(reason);

  verify(check, `${itemPath}/ResultStatus`, status === ResultStatus.OperationFailed, `Result Status ${resultStatusName(status)}`, {
    message: `expected Result Status OperationFailed with ${expected}, got ${resultStatusName(status)}`,
    expected: "OperationFailed",
    actual: resultStatusName(status),
  });

  const path = `${itemPath}/ResultReason`;
  if (reason === expectedReason) {
    passed(check, path, `Result Reason ${actual}`);
    return;
  }

  if (target.acceptedReasons.get(check.id)?.has(actual) === true) {
    const message = `${actual} accepted in place of ${expected} by --accept-reason ${check.id}=${actual}`;
    recorder.addDiff({ path, kind: "value", severity: "warn", rule: ACCEPTED_REASON_RULE.id, message, expected, actual });
    recorder.addRuleApplication({ rule: ACCEPTED_REASON_RULE.id, path, note: message });
    return;
  }

  failed(check, path, { message: `expected Result Reason ${expected}, got ${actual}`, expected, actual });
}

/** Returns the Batch Items of a response message. */
export function batchItems(message: TtlvNode): TtlvNode[] {
  return children(message, Tag.BatchItem);
}
