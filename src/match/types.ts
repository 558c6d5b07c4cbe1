/**
 * The result of comparing an expected response template with the response a server sent.
 */
import type { TtlvNode } from "../ttlv/types";
import type { TemplateNode } from "../vectors/types";
import type { Bindings } from "./bindings";
import type { ObjectLedger } from "./objects";

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

/** The vector file and step a response answers, for rules that depend on the profile or on a vector's known defects. */
export interface StepPosition {
  /** File name of the vector without extension, e.g. "OMOS-O-1-14". */
  vector: string;
  /** Profile the vector belongs to, e.g. "suite-b-minlos-128" (the names of the replay's profile table). */
  profile: string;
  /** Position of the step in the vector, from 0. */
  step: number;
}

/** Facts the replay has collected about the vector so far, which some rules consult. */
export interface MatchState {
  /** Which vector and step is judged; absent when a caller judges a response outside a vector. */
  position?: StepPosition;
  bindings: Bindings;
  clock: StepClock;
  /** Half-width of the window, in seconds, in which server time values are accepted. */
  timeWindowSeconds: number;
  /** Unique Identifiers of objects the server generated with Create or Create Key Pair in this vector. */
  serverCreatedIdentifiers: ReadonlySet<string>;
  /** The request this response answers, as sent (placeholders resolved); rules that judge outputs against inputs need it. */
  request?: TtlvNode;
  /** Key material and parameters of the objects the vector registered or a Get returned, by Unique Identifier. */
  objects?: ObjectLedger;
  /** Hex of every IV, counter or nonce the server generated so far in this run; a Random IV must not repeat. */
  generatedIvs?: Set<string>;
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

  /**
   * Optionally pairs the same-tag items of a structure by a key (an Attribute Name, an Operation
   * value) instead of by position. Returns the key function when the rule takes charge of the group.
   */
  pairBy?(group: SiblingGroup, state: MatchState): PairKey | undefined;

  /** Optionally checks the whole actual message once, after the item comparison; undefined when the rule does not apply. */
  checkMessage?(actual: TtlvNode, state: MatchState): RuleVerdict | undefined;

  /** Optionally judges an actual item the expected response lacks; undefined leaves it an `unexpected` diff. */
  judgeUnexpected?(item: UnexpectedItem, state: MatchState): RuleVerdict | undefined;
}

/** The items of one tag inside a structure, on both sides. */
export interface SiblingGroup {
  tag: number;
  /** Path of the structure that holds the items. */
  parentPath: string;
  expectedItems: ReadonlyArray<TemplateNode>;
  actualItems: ReadonlyArray<TtlvNode>;
  /** Expected ancestors of the items, outermost first; the last one holds them. */
  expectedAncestors: ReadonlyArray<TemplateNode>;
  /** Actual ancestors of the items, outermost first; the last one holds them. */
  actualAncestors: ReadonlyArray<TtlvNode>;
}

/** The key by which a rule pairs items, with the note recorded when the rule is applied. */
export interface PairKey {
  key: (item: TemplateNode | TtlvNode) => string;
  note: string;
}

/** An actual item with no counterpart in the expected response. */
export interface UnexpectedItem {
  actual: TtlvNode;
  path: string;
  /** Actual ancestors, outermost first; the last one holds the item. */
  actualAncestors: ReadonlyArray<TtlvNode>;
  /** The expected structure that corresponds to the actual parent. */
  expectedParent: TemplateNode;
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
