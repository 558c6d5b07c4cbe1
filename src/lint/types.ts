/** Findings about one request/response exchange, as the lint checks return them and the session records them. */
import type { LintRuleId, LintSide } from "./rules";

export type FindingSeverity = "fail" | "warn";

/** One rule broken at one place of one message. */
export interface LintIssue {
  rule: LintRuleId;
  /** Path of the item at fault, e.g. `RequestMessage/BatchItem[1]/UniqueBatchItemID`. */
  path: string;
  /** Description of the fault, naming the value. */
  message: string;
  /** The item a conformant peer sends at this path. */
  expected: string;
  /** The value sent, when there is one to show. */
  actual?: string;
  /** "warn" marks a deviation the specification allows but a strict server may reject. */
  severity: FindingSeverity;
}

/** A LintIssue with who sent the message and where it sits in the session. */
export interface Finding extends LintIssue {
  side: LintSide;
  /** Clause of the specification that states the rule. */
  section: string;
  /** Subject of the client's TLS certificate, e.g. "O=kmipcheck test, CN=client". */
  client: string;
  /** Number of the exchange in the session, from 1. */
  exchange: number;
  /** ISO 8601 time the request arrived. */
  time: string;
}

/** One request and the response it got, as serve and proxy see them. */
export interface Exchange {
  /** The request message exactly as the client sent it. */
  request: Buffer;
  /** The response message exactly as the server returned it; undefined when none came. */
  response: Buffer | undefined;
  /** Subject of the client's TLS certificate. */
  client: string;
  /** When the request arrived. */
  receivedAt: Date;
}
