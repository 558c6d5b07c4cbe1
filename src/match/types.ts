/**
 * The result of comparing an expected response template with the response a server sent.
 */
import type { TtlvNode } from "../ttlv/types";
import type { TemplateNode } from "../vectors/types";
import type { Bindings } from "./bindings";

export type Severity = "fail" | "warn";

/** Kind of a diff. `order` is a field present on both sides but out of place. */
export type DiffKind = "missing" | "unexpected" | "type" | "value" | "order";

/**
 * One difference between the expected and the actual message, addressed by path such as
 * `ResponseMessage/BatchItem/ResponsePayload/Attribute[3]/AttributeValue`. Values are written in the
 * XML form of the vectors (enumeration names, hex byte strings, ISO 8601 dates).
 */
export interface Diff {
  path: string;
  kind: DiffKind;
  expected?: string;
  actual?: string;
  /** Set when a named rule judged the value and found it outside what the rule tolerates. */
  rule?: string;
  /** A "warn" diff is shown but does not fail the step. */
  severity: Severity;
  message: string;
}

/** A named tolerance that was used on one item of one step. */
export interface RuleApplication {
  rule: string;
  path: string;
  /** What the rule accepted, e.g. "TimeStamp 2 s from the local clock". */
  note: string;
}

/** The published description of a rule, as the report lists it. */
export interface RuleDefinition {
  id: string;
  description: string;
  /** The spec or Profiles clause that permits or requires the tolerance. */
  reference: string;
  /** Severity of a diff that the rule reports. */
  severity: Severity;
}

/** Time facts of one step, in whole POSIX seconds, for the rules that judge Date-Time values. */
export interface StepClock {
  /** When the vector's first request was sent. */
  vectorStartedAt: number;
  /** When this step's request was sent. */
  sentAt: number;
  /** When this step's response arrived. */
  receivedAt: number;
}

/** Facts the replay has collected about the vector so far, which some rules consult. */
export interface MatchState {
  bindings: Bindings;
  clock: StepClock;
  /** Half-width of the window, in seconds, in which server time values are accepted. */
  timeWindowSeconds: number;
  /** Unique Identifiers of objects the server generated with Create or Create Key Pair in this vector. */
  serverCreatedIdentifiers: ReadonlySet<string>;
}

/** The pair of items a rule judges, with their path and ancestors. */
export interface ItemPair {
  expected: TemplateNode;
  actual: TtlvNode;
  path: string;
  /** Expected ancestors, outermost first (the message itself first). */
  expectedAncestors: ReadonlyArray<TemplateNode>;
  /** Actual ancestors, outermost first. */
  actualAncestors: ReadonlyArray<TtlvNode>;
}

/** The verdict of a rule that took charge of an item pair. */
export interface RuleVerdict {
  /** Accepted values leave this empty. */
  diffs: Diff[];
  note: string;
}

/**
 * A tolerance or check. `judge` returns undefined when the rule does not concern the pair, and a
 * verdict when it does. The comparison then records the rule and does not compare the pair itself.
 */
export interface Rule extends RuleDefinition {
  judge(pair: ItemPair, state: MatchState, compare: CompareFn): RuleVerdict | undefined;

  /** Optionally judges an expected item the response lacks; undefined leaves it a `missing` diff. */
  judgeMissing?(item: MissingItem, state: MatchState): RuleVerdict | undefined;
}

/** An expected item with no counterpart in the actual response. */
export interface MissingItem {
  expected: TemplateNode;
  path: string;
  expectedAncestors: ReadonlyArray<TemplateNode>;
}

/** The full comparison (rules included), offered to rules that judge a structure by its parts. */
export type CompareFn = (pair: ItemPair) => Diff[];

export interface MatchResult {
  diffs: Diff[];
  rulesApplied: RuleApplication[];
}
