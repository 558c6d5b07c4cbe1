/**
 * `error-oracle`: for a batch item the vector expects to fail, the Result Reason follows the §11
 * table of its operation. The rule checks that the vector's own reason is one §11 (or §6.10's
 * General Failure) allows for that operation, compares the server's reason with it, and accepts a
 * different reason only where the spec supports both for the same situation, saying which clauses
 * do. A server reason outside every table fails with the rows the spec gives for the operation.
 */
import { CATCH_ALL_REASON, enumName, errorRowsFor, reasonAlternative, ResultStatus, Tag } from "../../kmip";
import { ItemType } from "../../ttlv/types";
import type { TemplateNode } from "../../vectors/types";
import type { Diff, ItemPair, Rule, RuleVerdict } from "../types";
import { ruleDiff } from "./verdicts";

const ID = "error-oracle";

export const errorOracle: Rule = {
  id: ID,
  description: "For a batch item expected to fail, the vector's Result Reason must be one §11 allows for the operation, and the server's must equal it or be a §11 alternative for the same situation (accepted and recorded).",
  reference: "KMIP 1.4 spec §11 Error Handling (Tables 327-365): the Result Reasons that SHALL be returned; §6.10 Result Reason: General Failure for other reasons",
  severity: "fail",

  judge(pair) {
    const operation = expectedFailingOperation(pair);
    if (operation === undefined || pair.expected.type !== ItemType.Enumeration || typeof pair.expected.value !== "number") {
      return undefined;
    }

    if (pair.actual.type !== ItemType.Enumeration) {
      return { note: "Result Reason is not an Enumeration", diffs: [ruleDiff(ID, pair.path, "type", "Result Reason must be an Enumeration", "Enumeration", ItemType[pair.actual.type])] };
    }

    const expected = enumName("ResultReason", pair.expected.value) ?? String(pair.expected.value);
    const actual = enumName("ResultReason", pair.actual.value) ?? `0x${pair.actual.value.toString(16)}`;
    return judgeReasons(pair, operation, expected, actual);
  },
};

/** Returns the Operation name of a batch item whose expected Result Status is Operation Failed. */
function expectedFailingOperation(pair: ItemPair): string | undefined {
  const item = pair.expectedAncestors.at(-1);
  if (pair.expected.tag !== Tag.ResultReason || item?.tag !== Tag.BatchItem || item.type !== ItemType.Structure) {
    return undefined;
  }

  const fields = item.value as TemplateNode[];
  const status = fields.find((field) => field.tag === Tag.ResultStatus);
  const operation = fields.find((field) => field.tag === Tag.Operation);
  if (status?.value !== ResultStatus.OperationFailed) {
    return undefined;
  }

  // §11.1: a message that cannot be parsed gets a batch item without Operation, judged by the general table.
  return typeof operation?.value === "number" ? (enumName("Operation", operation.value) ?? "General") : "General";
}

function judgeReasons(pair: ItemPair, operation: string, expected: string, actual: string): RuleVerdict {
  const diffs: Diff[] = [];
  const expectedRows = rowsWith(operation, expected);
  if (expectedRows.length === 0 && expected !== CATCH_ALL_REASON) {
    diffs.push({ ...ruleDiff(ID, pair.path, "value", `the vector expects ${expected}, which §11 does not list for ${operation}`, `a §11 reason for ${operation}`, expected), severity: "warn" });
  }

  const basis = expectedRows.length > 0 ? expectedRows.join("; ") : expected === CATCH_ALL_REASON ? "§6.10: a reason other than the defined ones" : "not in §11";
  if (actual === expected) {
    return { diffs, note: `${actual} for ${operation} (${basis})` };
  }

  const alternative = reasonAlternative(operation, expected, actual);
  if (alternative !== undefined) {
    return { diffs, note: `accepted ${actual} in place of ${expected} for ${operation}: the spec supports both when ${alternative.condition} (${alternative.source})` };
  }

  const actualRows = rowsWith(operation, actual);
  const actualBasis = actualRows.length === 0 ? `§11 does not list ${actual} for ${operation}` : `§11 gives ${actual} for ${operation} only when: ${actualRows.join("; ")}`;
  diffs.push(ruleDiff(ID, pair.path, "value", `expected ${expected} (${basis}), got ${actual}; ${actualBasis}`, expected, actual));
  return { diffs, note: `expected ${expected} for ${operation}, got ${actual}` };
}

function rowsWith(operation: string, reason: string): string[] {
  return errorRowsFor(operation).filter((row) => row.resultReason === reason).map((row) => `§${row.section} "${row.condition}"`);
}
