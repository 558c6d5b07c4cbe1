/**
 * Runs a selection of vector files one after another and sends each finished step and vector to a
 * listener, so that reports can show progress and be written at the end.
 */
import { readdir } from "node:fs/promises";
import { basename, join } from "node:path";
import { ObjectLedger } from "../match";
import { findVectorFiles, isRawStepsFile, loadRawStepsFile, loadVectorFile, RAW_STEPS_EXTENSION } from "../vectors";
import { profileOfVector } from "./profiles";
import { toStepError } from "./step";
import type { StepOutcome, TargetOptions, VectorOutcome } from "./types";
import { runRawStepsVector } from "./raw-vector";
import { runVector } from "./vector";

export interface SelectedVector {
  path: string;
  /** File name without extension. */
  name: string;
  profile: string;
}

/** Receives the events of a run; every method is optional. */
export interface RunListener {
  vectorStarted?(vector: SelectedVector): void;
  stepFinished?(vector: SelectedVector, step: StepOutcome): void;
  vectorFinished?(outcome: VectorOutcome): void;
}

/** Lists the vector files of the folders, in folder order and sorted within each, keeping those of the given profiles (all when empty). */
export async function selectVectors(folders: ReadonlyArray<string>, profiles: ReadonlyArray<string>): Promise<SelectedVector[]> {
  const selected: SelectedVector[] = [];

  for (const folder of folders) {
    const paths = [...(await findVectorFiles(folder)), ...(await findRawStepsFiles(folder))].sort();
    for (const path of paths) {
      const name = isRawStepsFile(path) ? basename(path).slice(0, -RAW_STEPS_EXTENSION.length) : basename(path).replace(/\.xml$/i, "");
      const profile = profileOfVector(name);
      if (profiles.length === 0 || profiles.includes(profile)) {
        selected.push({ path, name, profile });
      }
    }
  }

  return selected;
}

export async function runVectors(vectors: ReadonlyArray<SelectedVector>, target: TargetOptions, listener: RunListener = {}): Promise<VectorOutcome[]> {
  const outcomes: VectorOutcome[] = [];
  const shared: TargetOptions = { ...target, serverCreatedIdentifiers: target.serverCreatedIdentifiers ?? new Set(), objects: target.objects ?? new ObjectLedger(), generatedIvs: target.generatedIvs ?? new Set() };

  for (const vector of vectors) {
    if (target.signal?.aborted === true) {
      break;
    }

    listener.vectorStarted?.(vector);
    const outcome = await runOne(vector, shared, listener);
    outcomes.push(outcome);
    listener.vectorFinished?.(outcome);
  }

  return outcomes;
}

async function runOne(vector: SelectedVector, target: TargetOptions, listener: RunListener): Promise<VectorOutcome> {
  const startedMs = Date.now();

  try {
    const onStep = (step: StepOutcome) => listener.stepFinished?.(vector, step);
    if (isRawStepsFile(vector.path)) {
      return await runRawStepsVector(await loadRawStepsFile(vector.path), target, onStep);
    }

    const file = await loadVectorFile(vector.path);
    return await runVector(file, target, onStep);
  } catch (error) {
    // Loading failed (or the replay itself broke): the vector gets an error verdict, the run goes on.
    const failure = toStepError(error);
    return { name: vector.name, path: vector.path, profile: vector.profile, verdict: "error", steps: [], error: failure, startedAt: new Date(startedMs).toISOString(), durationMs: Date.now() - startedMs };
  }
}

/** Lists the raw-step vectors (`*.steps.json`) of a folder; findVectorFiles has already checked that the folder can be read. */
async function findRawStepsFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  return entries.filter((entry) => !entry.isDirectory() && isRawStepsFile(entry.name)).map((entry) => join(folder, entry.name));
}
