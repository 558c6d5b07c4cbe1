/**
 * Outcomes of replaying vectors, as the report writers consume them.
 */
import type { Diff, ObjectLedger, RuleApplication } from "../match";
import type { TtlvViolation } from "../ttlv/errors";
import type { ConnectOptions } from "../transport";

/** pass; fail: the server answered wrongly; error: the exchange broke (transport, decode, timeout). */
export type Verdict = "pass" | "fail" | "error";

/** An error that kept a step from being judged, with the stable code of the KmipcheckError behind it. */
export interface StepError {
  code: string;
  message: string;
}

export interface StepOutcome {
  /** Position in the vector, from 0. */
  index: number;
  /** Line of the request in the vector file. */
  line: number;
  /** Operation of each batch item of the request, e.g. ["Create"]. */
  operations: string[];
  verdict: Verdict;
  diffs: Diff[];
  rulesApplied: RuleApplication[];
  error?: StepError;
  /** Faults of the response's TTLV encoding; "warn" ones do not fail the step. */
  violations: TtlvViolation[];
  /** The request as sent, the response as received (leniently decoded if need be) and the expected template, in the XML form. */
  requestXml?: string;
  responseXml?: string;
  expectedXml: string;
  /** The request and response bytes exactly as sent and received; report.json writes them as hex. */
  requestBytes?: Buffer;
  responseBytes?: Buffer;
  /** ISO 8601 time the request was sent; absent for a step not run. */
  startedAt?: string;
  durationMs: number;
}

export interface VectorOutcome {
  name: string;
  path: string;
  profile: string;
  /** The verdict of the first step that did not pass, else pass. */
  verdict: Verdict;
  steps: StepOutcome[];
  /** Set when the vector could not be loaded or the connection could not be opened. */
  error?: StepError;
  /** The negotiated TLS version (e.g. "TLSv1.3") and cipher suite of the vector's connection. */
  tls?: { protocol: string; cipher: string };
  startedAt: string;
  durationMs: number;
}

/** Replay settings: the server under test and the tolerances of the comparison. */
export interface TargetOptions {
  connection: ConnectOptions;
  /** Half-width of the window for Time Stamp and `$NOW` values, in seconds (default 60). */
  timeWindowSeconds?: number;
  /** Clock in milliseconds since the epoch; Date.now by default. Tests pass a fixed one. */
  now?: () => number;
  /**
   * Unique Identifiers of the objects the server generated, shared by the vectors of one run: a
   * vector may read a key that an earlier vector created (the Tape Library cases do). Default: a new set per vector.
   */
  serverCreatedIdentifiers?: Set<string>;
  /** Objects and their known key material, shared by the vectors of one run like serverCreatedIdentifiers. */
  objects?: ObjectLedger;
  /** IVs the server generated in this run, so that a repeated Random IV is caught across vectors. */
  generatedIvs?: Set<string>;
}
