/**
 * Outcomes of replaying vectors, as the report writers consume them.
 */
import type { Diff, ObjectLedger, RuleApplication } from "../match";
import type { TtlvViolation } from "../ttlv/errors";
import type { TtlvNode } from "../ttlv/types";
import type { ConnectOptions } from "../transport";

/** pass; fail: the server answered wrongly; error: the exchange broke (transport, decode, timeout). */
export type Verdict = "pass" | "fail" | "error";

/** An error that kept a step from being judged, with the stable code of the KmipcheckError behind it. */
export interface StepError {
  code: string;
  message: string;
}

/**
 * Kind of fault of a step that did not pass. operation-not-supported: a batch item got Result Reason
 * Operation Not Supported; wrong-status, wrong-reason: the Result Status or Result Reason differs;
 * wrong-content: another item differs (the path says which); encoding: the response breaks the TTLV
 * encoding; transport: the connection failed (refused, TLS, closed, timeout); not-run: the step was
 * not sent because an earlier step or the connection failed; harness: kmipcheck could not build or
 * load the step.
 */
export type FaultKind = "operation-not-supported" | "wrong-status" | "wrong-reason" | "wrong-content" | "encoding" | "transport" | "not-run" | "harness";

export interface StepFault {
  kind: FaultKind;
  /** Item path of the fault, e.g. ResponseMessage/BatchItem/ResultStatus; absent for transport faults. */
  path?: string;
  /** One sentence: what differs or broke, with the server's Result Reason and Result Message when it sent them. */
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
  /** Kind of fault of a step that did not pass. */
  fault?: StepFault;
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
  /** Set when the vector stopped midway and the objects it had created were revoked and destroyed (or kept, with --no-cleanup). */
  cleanup?: CleanupRecord;
  /** The negotiated TLS version (e.g. "TLSv1.3") and cipher suite of the vector's connection. */
  tls?: { protocol: string; cipher: string };
  startedAt: string;
  durationMs: number;
}

/** Clean-up result for one object the vector created and did not destroy. */
export interface CleanedObject {
  uniqueIdentifier: string;
  /** The State the server reported before clean-up, e.g. "Active"; absent when it could not be read. */
  state?: string;
  revoked: boolean;
  destroyed: boolean;
  /** Reason the object could not be revoked or destroyed. */
  error?: StepError;
}

export interface CleanupRecord {
  /** Reason clean-up ran, e.g. "the vector stopped at step 3 (the connection broke)". */
  reason: string;
  /** True with --no-cleanup: the objects are listed but were left on the server. */
  kept: boolean;
  objects: CleanedObject[];
  /** Set when clean-up could not finish, e.g. no new connection could be opened. */
  error?: StepError;
  durationMs: number;
}

/** The KMIP over HTTPS listener of the server under test (KMIP Additional Message Encodings §2). */
export interface HttpsEndpoint {
  /** Host name or address; default the host of the TTLV connection. */
  host?: string;
  port: number;
  /** Target URI; default /kmip. */
  path?: string;
}

/** Replay settings: the server under test and the tolerances of the comparison. */
export interface TargetOptions {
  connection: ConnectOptions;
  /** The server's KMIP over HTTPS endpoint, for the vectors message-encodings.ts sends over HTTPS; the TLS options of `connection` apply. */
  https?: HttpsEndpoint;
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
  /** Revoke and destroy what a vector created when it stops midway (default true; --no-cleanup sets false). */
  cleanup?: boolean;
  /** Time clean-up may take per vector, in milliseconds (default CLEANUP_TIMEOUT_MS). */
  cleanupTimeoutMs?: number;
  /** Time one vector may take, in milliseconds; when it passes, the vector stops and its steps left are not run. */
  vectorTimeoutMs?: number;
  /** Aborting it (e.g. on Ctrl-C) stops the current vector after cleaning up, and no further vector starts. */
  signal?: AbortSignal;
  /**
   * Authentication structure (§6.6) of the target's credential, put into the Request Header of
   * every request built from a template; raw-byte requests are sent as written.
   */
  authentication?: TtlvNode;
}
