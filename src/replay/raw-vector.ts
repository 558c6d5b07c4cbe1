/**
 * Replay of a raw-step vector (`*.steps.json`): each step sends exact bytes or a resolved
 * template, and passes when any of its accepted outcomes happens, the server closing the
 * connection included. A step after a closed connection runs on a new one.
 */
import { tagName } from "../kmip";
import { Bindings, DEFAULT_TIME_WINDOW_SECONDS, ObjectLedger, type RuleDefinition } from "../match";
import { decodeLenient, encode } from "../ttlv";
import type { TtlvNode } from "../ttlv/types";
import { KmipConnection, TransportError } from "../transport";
import { templateToXml, type ExpectedOutcome, type RawStep, type RawStepsVector, type TemplateNode } from "../vectors";
import { withFault, withFaults } from "./diagnosis";
import { judgeResponse, type Judgement } from "./judge";
import { profileOfVector } from "./profiles";
import { resolveRequest } from "./resolve";
import { erroredParts, operationsOf, toStepError, type VectorState } from "./step";
import type { StepOutcome, TargetOptions, VectorOutcome } from "./types";
import type { StepListener } from "./vector";
import { vectorVerdict } from "./verdict";

/** Time a raw step waits for a response or a close; a server that does neither within it fails the step. */
export const RAW_STEP_TIMEOUT_MS = 10_000;

export const CONNECTION_CLOSED_RULE: RuleDefinition = {
  id: "connection-closed",
  description: "A raw step that lists \"close\" among its outcomes passes when the server closes the connection without a response, and fails when the server neither answers nor closes in time.",
  reference: "KMIP 1.4 spec §11.1 Table 327: a message that cannot be parsed gives Invalid Message; a server that has lost the message boundaries can only close the connection, which the vector allows",
  severity: "fail",
};

interface RawStepResult {
  outcome: StepOutcome;
  /** The connection can carry no further request. */
  closed: boolean;
}

export async function runRawStepsVector(vector: RawStepsVector, target: TargetOptions, onStep?: StepListener): Promise<VectorOutcome> {
  const now = target.now ?? Date.now;
  const startedMs = now();
  const state = newState(target, startedMs);
  const steps: StepOutcome[] = [];
  let connection: KmipConnection | undefined;

  try {
    for (const step of vector.steps) {
      if (connection === undefined || step.newConnection) {
        await connection?.close();
        connection = await KmipConnection.connect(target.connection);
      }

      const result = await runRawStep(connection, step, state);
      steps.push(withFault(result.outcome));
      onStep?.(steps[steps.length - 1]);
      if (result.closed) {
        await connection.close();
        connection = undefined;
      }
    }
  } catch (error) {
    // Only a failed connect lands here: the steps left are reported as not run.
    const failure = toStepError(error);
    const notRun = vector.steps.slice(steps.length).map((step) => ({ ...erroredParts(error), ...identity(step), error: { code: failure.code, message: `not run because the connection could not be opened: ${failure.message}` }, durationMs: 0 }));
    steps.push(...notRun);
  } finally {
    await connection?.close();
  }

  return withFaults({ name: vector.name, path: vector.path, profile: profileOfVector(vector.name), verdict: vectorVerdict(steps), steps, startedAt: new Date(startedMs).toISOString(), durationMs: now() - startedMs });
}

async function runRawStep(connection: KmipConnection, step: RawStep, state: VectorState): Promise<RawStepResult> {
  const startedMs = state.now();
  const request = requestOf(step, state, startedMs);
  const operations = request.message === undefined ? [] : operationsOf(request.message);
  const base = { ...identity(step), operations, requestBytes: request.bytes, requestXml: request.xml, startedAt: new Date(startedMs).toISOString() };

  let bytes: Buffer;
  try {
    bytes = await connection.roundTrip(request.bytes, RAW_STEP_TIMEOUT_MS);
  } catch (error) {
    const durationMs = state.now() - startedMs;
    return { outcome: { ...base, ...noResponseParts(error, step.expected), durationMs }, closed: true };
  }

  const judgement = judgeAlternatives(step.expected, bytes, state, request.message, startedMs);
  if (judgement.response !== undefined) {
    state.responses.push(judgement.response);
  }

  const outcome: StepOutcome = {
    ...base,
    verdict: judgement.verdict,
    diffs: judgement.diffs,
    rulesApplied: judgement.rulesApplied,
    violations: judgement.violations,
    error: judgement.error,
    responseBytes: bytes,
    responseXml: judgement.response === undefined ? undefined : templateToXml(judgement.response),
    durationMs: state.now() - startedMs,
  };
  return { outcome, closed: judgement.verdict === "error" };
}

function requestOf(step: RawStep, state: VectorState, startedMs: number): { bytes: Buffer; xml?: string; message?: TtlvNode } {
  if ("bytes" in step.request) {
    const decoded = decodeLenient(step.request.bytes, { namer: tagName }).node;
    return { bytes: step.request.bytes, xml: decoded === undefined ? undefined : templateToXml(decoded), message: decoded };
  }

  const resolved = resolveRequest(step.request.template, { bindings: state.bindings, now: Math.floor(startedMs / 1000), responses: state.responses, authentication: state.authentication });
  return { bytes: encode(resolved.message), xml: templateToXml(resolved.message), message: resolved.message };
}

/** Judges a step that got no response: a close passes where allowed, a timeout there fails, and anything else is an error. */
function noResponseParts(error: unknown, expected: ExpectedOutcome[]): Pick<StepOutcome, "verdict" | "diffs" | "rulesApplied" | "violations" | "error"> {
  const closeAllowed = expected.some((outcome) => "close" in outcome);
  const code = error instanceof TransportError ? error.code : undefined;

  if (closeAllowed && code === "TRANSPORT_CLOSED") {
    return { verdict: "pass", diffs: [], violations: [], rulesApplied: [{ rule: CONNECTION_CLOSED_RULE.id, path: "ResponseMessage", note: "the server closed the connection without a response, which this step allows" }] };
  }

  if (closeAllowed && code === "TRANSPORT_RESPONSE_TIMEOUT") {
    const message = `the server neither answered nor closed the connection within ${RAW_STEP_TIMEOUT_MS} ms`;
    const diff = { path: "ResponseMessage", kind: "missing" as const, severity: "fail" as const, rule: CONNECTION_CLOSED_RULE.id, message, expected: "a response or a close", actual: "nothing" };
    return { verdict: "fail", diffs: [diff], violations: [], rulesApplied: [], error: undefined };
  }

  return erroredParts(error);
}

/** Judges the response against each accepted template and keeps the first that passes, else the first judgement. */
function judgeAlternatives(expected: ExpectedOutcome[], bytes: Buffer, state: VectorState, request: TtlvNode | undefined, startedMs: number): Judgement {
  const templates = expected.flatMap((outcome) => ("response" in outcome ? [outcome.response] : []));
  if (templates.length === 0) {
    const diff = { path: "ResponseMessage", kind: "unexpected" as const, severity: "fail" as const, rule: CONNECTION_CLOSED_RULE.id, message: "the step expects the server to close the connection, but it sent a response" };
    const response = decodeLenient(bytes, { namer: tagName });
    return { verdict: "fail", diffs: [diff], rulesApplied: [], violations: response.violations, response: response.node };
  }

  const clock = { vectorStartedAt: state.startedAt, sentAt: Math.floor(startedMs / 1000), receivedAt: Math.ceil(state.now() / 1000) };
  const matchState = { bindings: state.bindings, clock, timeWindowSeconds: state.timeWindowSeconds, serverCreatedIdentifiers: state.serverCreatedIdentifiers, request, objects: state.objects, generatedIvs: state.generatedIvs };
  const judgements = templates.map((template) => judgeResponse(template, bytes, matchState));
  return judgements.find((judgement) => judgement.verdict === "pass") ?? judgements[0];
}

function identity(step: RawStep): Pick<StepOutcome, "index" | "line" | "operations" | "expectedXml"> {
  const template = "template" in step.request ? step.request.template : undefined;
  return { index: step.index, line: step.line, operations: template === undefined ? [] : operationsOf(template), expectedXml: expectedXml(step.expected, step.comment) };
}

function expectedXml(expected: ExpectedOutcome[], comment: string): string {
  const header = comment === "" ? [] : [`<!-- ${comment.replace(/--/g, "- -")} -->`];
  const alternatives = expected.map((outcome) => ("close" in outcome ? "<!-- or: the server closes the connection -->" : templateToXml(outcome.response as TemplateNode)));
  return [...header, ...alternatives].join("\n");
}

function newState(target: TargetOptions, startedMs: number): VectorState {
  return {
    bindings: new Bindings(),
    responses: [],
    serverCreatedIdentifiers: target.serverCreatedIdentifiers ?? new Set(),
    objects: target.objects ?? new ObjectLedger(),
    generatedIvs: target.generatedIvs ?? new Set(),
    startedAt: Math.floor(startedMs / 1000),
    timeWindowSeconds: target.timeWindowSeconds ?? DEFAULT_TIME_WINDOW_SECONDS,
    now: target.now ?? Date.now,
    authentication: target.authentication,
  };
}
