/**
 * One step of a vector: resolve the request, send it, judge the response.
 */
import { debuglog } from "node:util";
import { enumName, Tag, tagName } from "../kmip";
import { Bindings, type ObjectLedger, type RuleApplication } from "../match";
import { encode } from "../ttlv";
import { ItemType, type TtlvNode } from "../ttlv/types";
import type { KmipChannel } from "../transport";
import { templateToXml, type Step, type TemplateNode } from "../vectors";
import { KmipcheckError } from "../errors";
import type { CreatedObjects } from "./created-objects";
import { judgeResponse, updateServerCreated } from "./judge";
import { resolveRequest } from "./resolve";
import type { StepError, StepOutcome } from "./types";

const log = debuglog("kmipcheck:replay");

/** State shared by the steps of one vector: bound placeholders, responses so far, the clock. */
export interface VectorState {
  /** File name and profile of the vector, for the rules that depend on them (vector-erratum, query-result-set). */
  vector?: { name: string; profile: string };
  bindings: Bindings;
  responses: TtlvNode[];
  serverCreatedIdentifiers: Set<string>;
  /** Objects registered, generated or retrieved so far, with the key material the harness knows. */
  objects: ObjectLedger;
  /** IVs the server generated so far; a Random IV must not repeat. */
  generatedIvs: Set<string>;
  /** Whole POSIX seconds when the first request was sent. */
  startedAt: number;
  timeWindowSeconds: number;
  now: () => number;
  /** Objects this vector created and has not destroyed, for clean-up when it stops midway. */
  created?: CreatedObjects;
  /** Authentication (§6.6) put into every request header built from a template. */
  authentication?: TtlvNode;
  /** Request Header of the last request sent, whose Protocol Version and Authentication clean-up reuses. */
  lastRequestHeader?: TtlvNode;
}

/** Raised when the connection broke, so that the remaining steps are not run. */
export class ConnectionBroken extends Error {
  constructor(readonly outcome: StepOutcome) {
    super(outcome.error?.message);
  }
}

export async function runStep(connection: KmipChannel, step: Step, state: VectorState): Promise<StepOutcome> {
  const startedMs = state.now();
  const base = { index: step.index, line: step.line, operations: operationsOf(step.request), expectedXml: templateToXml(step.expected), startedAt: new Date(startedMs).toISOString() };

  let request: { message: TtlvNode; rulesApplied: RuleApplication[]; bytes: Buffer };
  try {
    const resolved = resolveRequest(step.request, { bindings: state.bindings, now: Math.floor(startedMs / 1000), responses: state.responses, authentication: state.authentication });
    request = { ...resolved, bytes: encode(resolved.message, { namer: tagName }) };
  } catch (error) {
    return { ...base, ...erroredParts(error), durationMs: state.now() - startedMs };
  }

  const requestXml = templateToXml(request.message);
  state.lastRequestHeader = request.message.type === ItemType.Structure ? request.message.value.find((item) => item.tag === Tag.RequestHeader) : undefined;
  let bytes: Buffer;
  try {
    bytes = await connection.roundTrip(request.bytes);
  } catch (error) {
    log("step %d: round trip failed: %o", step.index, error);
    throw new ConnectionBroken({ ...base, ...erroredParts(error), requestXml, requestBytes: request.bytes, durationMs: state.now() - startedMs });
  }

  const receivedMs = state.now();
  const clock = { vectorStartedAt: state.startedAt, sentAt: Math.floor(startedMs / 1000), receivedAt: Math.ceil(receivedMs / 1000) };
  const position = state.vector === undefined ? undefined : { vector: state.vector.name, profile: state.vector.profile, step: step.index };
  const matchState = { position, bindings: state.bindings, clock, timeWindowSeconds: state.timeWindowSeconds, serverCreatedIdentifiers: state.serverCreatedIdentifiers, request: request.message, objects: state.objects, generatedIvs: state.generatedIvs };
  const judgement = judgeResponse(step.expected, bytes, matchState);
  recordResponse(state, request.message, judgement.response);

  return {
    ...base,
    verdict: judgement.verdict,
    diffs: judgement.diffs,
    rulesApplied: [...request.rulesApplied, ...judgement.rulesApplied],
    error: judgement.error,
    violations: judgement.violations,
    requestXml,
    requestBytes: request.bytes,
    responseBytes: bytes,
    responseXml: judgement.response === undefined ? undefined : templateToXml(judgement.response),
    durationMs: receivedMs - startedMs,
  };
}

function recordResponse(state: VectorState, request: TtlvNode, response: TtlvNode | undefined): void {
  if (response === undefined) {
    return;
  }

  state.responses.push(response);
  state.created?.recordResponse(response);
  state.objects.recordExchange(request, response);
  const serverCreated = updateServerCreated(state.serverCreatedIdentifiers, response);
  state.serverCreatedIdentifiers.clear();
  serverCreated.forEach((identifier) => state.serverCreatedIdentifiers.add(identifier));
}

/** The parts of an outcome for a step that could not be judged. */
export function erroredParts(error: unknown): { verdict: "error"; diffs: []; rulesApplied: []; violations: []; error: StepError } {
  return { verdict: "error", diffs: [], rulesApplied: [], violations: [], error: toStepError(error) };
}

export function toStepError(error: unknown): StepError {
  if (error instanceof KmipcheckError) {
    return { code: error.code, message: error.message };
  }

  return { code: "INTERNAL", message: error instanceof Error ? error.message : String(error) };
}

/** Returns the Operation name of each batch item of a request template. */
export function operationsOf(request: TemplateNode): string[] {
  if (request.type !== ItemType.Structure) {
    return [];
  }

  return request.value
    .filter((item) => item.tag === Tag.BatchItem && item.type === ItemType.Structure)
    .flatMap((item) => (item.value as TemplateNode[]).filter((field) => field.tag === Tag.Operation))
    .map((field) => (typeof field.value === "number" ? (enumName("Operation", field.value) ?? String(field.value)) : String(field.value)));
}
