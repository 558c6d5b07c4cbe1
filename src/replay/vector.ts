/**
 * Replay of one vector file over one connection.
 */
import { Bindings, DEFAULT_TIME_WINDOW_SECONDS, ObjectLedger } from "../match";
import { KmipConnection } from "../transport";
import { templateToXml, type Step, type VectorFile } from "../vectors";
import { profileOfVector } from "./profiles";
import { ConnectionBroken, erroredParts, operationsOf, runStep, toStepError, type VectorState } from "./step";
import type { StepError, StepOutcome, TargetOptions, VectorOutcome } from "./types";
import { vectorVerdict } from "./verdict";

/** Called after each step, for live progress. */
export type StepListener = (step: StepOutcome) => void;

/**
 * Sends each request of the vector in order on one connection and judges each response. A failed
 * step does not stop the vector; a broken connection does, and the steps left get an "error"
 * verdict that says why they were not run.
 */
export async function runVector(vector: VectorFile, target: TargetOptions, onStep?: StepListener): Promise<VectorOutcome> {
  const now = target.now ?? Date.now;
  const startedMs = now();
  const outcome = (steps: StepOutcome[], error?: StepError): VectorOutcome => ({
    name: vector.name, path: vector.path, profile: profileOfVector(vector.name), verdict: error === undefined ? vectorVerdict(steps) : "error",
    steps, error, startedAt: new Date(startedMs).toISOString(), durationMs: now() - startedMs,
  });

  let connection: KmipConnection;
  try {
    connection = await KmipConnection.connect(target.connection);
  } catch (error) {
    const failure = toStepError(error);
    return outcome(notRun(vector.steps, `the connection could not be opened: ${failure.message}`), failure);
  }

  try {
    const steps = await runSteps(connection, vector.steps, newState(target, startedMs), onStep);
    return { ...outcome(steps), tls: { protocol: connection.protocol, cipher: connection.cipher } };
  } finally {
    await connection.close();
  }
}

async function runSteps(connection: KmipConnection, steps: Step[], state: VectorState, onStep?: StepListener): Promise<StepOutcome[]> {
  const outcomes: StepOutcome[] = [];

  for (const [position, step] of steps.entries()) {
    try {
      outcomes.push(await runStep(connection, step, state));
      onStep?.(outcomes[outcomes.length - 1]);
    } catch (error) {
      if (!(error instanceof ConnectionBroken)) {
        throw error;
      }

      outcomes.push(error.outcome);
      onStep?.(error.outcome);
      const reason = `the connection broke at step ${step.index}: ${error.outcome.error?.message ?? "unknown error"}`;
      outcomes.push(...notRun(steps.slice(position + 1), reason));
      break;
    }
  }

  return outcomes;
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
