/**
 * Replay of one vector file over one connection.
 */
import { Bindings, DEFAULT_TIME_WINDOW_SECONDS, ObjectLedger } from "../match";
import type { KmipChannel } from "../transport";
import { templateToXml, type Step, type VectorFile } from "../vectors";
import { CLEANUP_TIMEOUT_MS, cleanUp } from "./cleanup";
import { CreatedObjects } from "./created-objects";
import { withFault, withFaults } from "./diagnosis";
import { connectForVector } from "./message-encodings";
import { profileOfVector } from "./profiles";
import { ConnectionBroken, erroredParts, operationsOf, runStep, toStepError, type VectorState } from "./step";
import { VectorStop } from "./stop";
import type { CleanupRecord, StepError, StepOutcome, TargetOptions, VectorOutcome } from "./types";
import { vectorVerdict } from "./verdict";

/** Called after each step, for live progress. */
export type StepListener = (step: StepOutcome) => void;

interface StepsRun {
  steps: StepOutcome[];
  /** The connection broke (or was closed to stop the vector) and can carry no further request. */
  broken: boolean;
}

/**
 * Sends each request of the vector in order on one connection and judges each response. A failed
 * step does not stop the vector. A broken connection, the vector timeout or an abort does, and the
 * steps left get an "error" verdict that gives the reason they were not run. A vector that did not
 * complete (a step erred or was not run) has the objects it created revoked and destroyed.
 */
export async function runVector(vector: VectorFile, target: TargetOptions, onStep?: StepListener): Promise<VectorOutcome> {
  const now = target.now ?? Date.now;
  const startedMs = now();
  const outcome = (steps: StepOutcome[], error?: StepError): VectorOutcome => withFaults({
    name: vector.name, path: vector.path, profile: profileOfVector(vector.name), verdict: error === undefined ? vectorVerdict(steps) : "error",
    steps, error, startedAt: new Date(startedMs).toISOString(), durationMs: now() - startedMs,
  });

  const stop = new VectorStop(target);
  let connection: KmipChannel;
  const connecting = connectForVector(vector.name, target);
  try {
    connection = await stop.guard(connecting);
  } catch (error) {
    stop.dispose();
    // A connection that opens after the vector was stopped is closed at once.
    connecting.then((late) => late.close(), () => undefined);
    const failure = stop.reason ?? toStepError(error);
    return outcome(notRun(vector.steps, `the connection could not be opened: ${failure.message}`), failure);
  }

  const state = newState(target, startedMs, vector.name);
  try {
    const run = await runSteps(connection, vector.steps, state, stop, onStep);
    stop.dispose();
    const cleanup = await cleanUpAfter(run, state, target, run.broken || stop.reason !== undefined ? undefined : connection);
    return { ...outcome(run.steps), cleanup, tls: { protocol: connection.protocol, cipher: connection.cipher } };
  } finally {
    stop.dispose();
    await connection.close();
  }
}

async function runSteps(connection: KmipChannel, steps: Step[], state: VectorState, stop: VectorStop, onStep?: StepListener): Promise<StepsRun> {
  const outcomes: StepOutcome[] = [];
  const report = (step: StepOutcome) => {
    outcomes.push(withFault(step));
    onStep?.(outcomes[outcomes.length - 1]);
  };
  stop.onStop(() => void connection.close());

  for (const [position, step] of steps.entries()) {
    if (stop.reason !== undefined) {
      notRun(steps.slice(position), stop.reason.message).forEach(report);
      return { steps: outcomes, broken: true };
    }

    try {
      report(await runStep(connection, step, state));
    } catch (error) {
      if (!(error instanceof ConnectionBroken)) {
        throw error;
      }

      // A connection closed to stop the vector reports why it was stopped, not the close.
      const broken = stop.reason === undefined ? error.outcome : { ...error.outcome, error: stop.reason };
      report(broken);
      notRun(steps.slice(position + 1), `the connection broke at step ${step.index}: ${broken.error?.message ?? "unknown error"}`).forEach(report);
      return { steps: outcomes, broken: true };
    }
  }

  return { steps: outcomes, broken: false };
}

/**
 * Removes what the vector left on the server when it did not complete. A vector that ran all its
 * steps keeps its objects even if some failed: a vector may leave keys for a later one on purpose
 * (TL-M-2 creates the keys that TL-M-3 reads and destroys).
 * NOTE: only the stopped vector's own objects are removed. Keys that an earlier, completed vector
 * left for it stay when it stops, and raw-step vectors (*.steps.json) track no objects.
 */
async function cleanUpAfter(run: StepsRun, state: VectorState, target: TargetOptions, reusable: KmipChannel | undefined): Promise<CleanupRecord | undefined> {
  const stopped = run.steps.find((step) => step.verdict === "error");
  const identifiers = state.created?.remaining() ?? [];
  if (stopped === undefined || identifiers.length === 0) {
    return undefined;
  }

  // Steps are numbered from 1 here, as the console, JUnit and HTML reports number them.
  const reason = `step ${stopped.index + 1} (${stopped.operations.join(", ") || "no operation"}) did not complete: ${stopped.error?.code ?? "error"}`;
  return cleanUp({ identifiers, reason, keep: target.cleanup === false, connection: target.connection, reusable, header: state.lastRequestHeader, timeoutMs: target.cleanupTimeoutMs ?? CLEANUP_TIMEOUT_MS });
}

function newState(target: TargetOptions, startedMs: number, vectorName: string): VectorState {
  return {
    vector: { name: vectorName, profile: profileOfVector(vectorName) },
    bindings: new Bindings(),
    responses: [],
    serverCreatedIdentifiers: target.serverCreatedIdentifiers ?? new Set(),
    objects: target.objects ?? new ObjectLedger(),
    generatedIvs: target.generatedIvs ?? new Set(),
    startedAt: Math.floor(startedMs / 1000),
    timeWindowSeconds: target.timeWindowSeconds ?? DEFAULT_TIME_WINDOW_SECONDS,
    now: target.now ?? Date.now,
    created: new CreatedObjects(),
    authentication: target.authentication,
  };
}

function notRun(steps: Step[], reason: string): StepOutcome[] {
  return steps.map((step) => {
    const parts = erroredParts(undefined);
    return {
      ...parts,
      error: { code: "REPLAY_NOT_RUN", message: `not run because ${reason}` },
      index: step.index, line: step.line, operations: operationsOf(step.request), expectedXml: templateToXml(step.expected), durationMs: 0,
    };
  });
}
