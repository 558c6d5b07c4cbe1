/** Checks over a whole message tree: TTLV encoding violations, unknown tags and version gating. */
import { tagLabel, tagName } from "../kmip";
import { Bindings, type MatchState } from "../match";
import { versionGating } from "../match/rules/version-gating";
import type { TtlvViolation } from "../ttlv";
import type { TtlvNode } from "../ttlv/types";
import type { LintRuleId } from "./rules";
import { walk, type PlacedNode } from "./tree";
import type { LintIssue } from "./types";

/** §9.1.1.1: tags of the specification start with 0x42, extension tags with 0x54. */
const EXTENSION_TAG_BYTE = 0x54;

/** Turns the decoder's violations into issues; the decoder already grades them "fail" or "warn". */
export function encodingIssues(violations: ReadonlyArray<TtlvViolation>, rule: LintRuleId): LintIssue[] {
  return violations.map((violation) => ({
    rule,
    path: violation.path,
    message: `${violation.message} (${violation.code} at byte offset ${violation.offset})`,
    expected: violation.expected,
    actual: violation.actual,
    severity: violation.severity,
  }));
}

/** Lists the items whose tag is neither in Table 288 nor an extension tag. */
export function unknownTagIssues(message: PlacedNode, rule: LintRuleId): LintIssue[] {
  const issues: LintIssue[] = [];
  walk(message, ({ node, path }) => {
    if (isUnknownTag(node.tag)) {
      const actual = tagLabel(node.tag);
      issues.push({ rule, path, message: `tag ${actual} is not in Table 288 and is not an extension tag (0x54XXXX)`, expected: "a tag of Table 288, or an extension tag 0x54XXXX", actual, severity: "fail" });
    }
  });
  return issues;
}

function isUnknownTag(tag: number): boolean {
  return tagName(tag) === undefined && tag >>> 16 !== EXTENSION_TAG_BYTE;
}

/**
 * Runs the `version-gating` rule of src/match on `message` with the version of `versionSource`:
 * tags, attribute names, and Result Reason, Operation and Object Type values defined after that
 * version. Unknown tags are left to unknownTagIssues.
 */
export function versionGatingIssues(message: TtlvNode, versionSource: TtlvNode, rule: LintRuleId): LintIssue[] {
  const state: MatchState = { bindings: new Bindings(), clock: { vectorStartedAt: 0, sentAt: 0, receivedAt: 0 }, timeWindowSeconds: 0, serverCreatedIdentifiers: new Set(), request: versionSource };
  const verdict = versionGating.checkMessage?.(message, state);
  const unknownPaths = new Set<string>();
  walk({ node: message, path: tagLabel(message.tag) }, ({ node, path }) => {
    if (isUnknownTag(node.tag)) {
      unknownPaths.add(path);
    }
  });

  const diffs = (verdict?.diffs ?? []).filter((diff) => !unknownPaths.has(diff.path));
  return diffs.map((diff) => ({ rule, path: diff.path, message: diff.message, expected: diff.expected ?? "a field defined in the message's protocol version", actual: diff.actual, severity: diff.severity }));
}
