/**
 * Client diagnosis: checks of the messages a client sends (and of a server's responses), the
 * session that records them as findings, and the capture of a session as a replayable vector.
 */
export { LINT_RULES, type LintRule, type LintRuleId, type LintSide } from "./rules";
export type { Exchange, Finding, FindingSeverity, LintIssue } from "./types";
export { lintRequest, DEFAULT_CLOCK_SKEW_SECONDS, type RequestLintOptions, type RequestLintResult } from "./request-checks";
export { lintResponse } from "./response-checks";
export { SessionCapture, placeholderSteps } from "./capture";
export { LintSession, formatFinding, type LintSessionOptions, type LintSummary } from "./session";
