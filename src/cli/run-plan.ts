/**
 * Selection of what `kmipcheck run` runs: the vectors of the --vectors folders and the suites of
 * the selected profiles, filtered by --grep. `--profile auto` becomes the profiles the server claims.
 */
import { stat } from "node:fs/promises";
import { profileNames, selectVectors, type SelectedVector } from "../replay";
import { queryClaimedProfiles, type QueryTarget } from "./auto-profiles";
import { suiteProfiles } from "./suites";
import { UsageError } from "./usage";

export const AUTO_PROFILE = "auto";

export interface RunSelection {
  /** Profiles the run covers; empty means every profile. */
  profiles: string[];
  vectors: SelectedVector[];
  /** Profiles whose suites run. */
  suites: string[];
  /** Lines for the console, e.g. which profiles the server claimed. */
  notes: string[];
}

/** Checks --profile names and --vectors folders before anything starts. */
export async function checkSelectionFlags(profiles: string[], folders: string[]): Promise<void> {
  const known = [...profileNames(), AUTO_PROFILE];
  const unknown = profiles.find((name) => !known.includes(name));
  if (unknown !== undefined) {
    throw new UsageError(`unknown profile ${unknown}; choose from ${known.join(", ")}`);
  }

  for (const folder of folders) {
    const info = await stat(folder).catch(() => undefined);
    if (info === undefined || !info.isDirectory()) {
      throw new UsageError(`vectors folder ${folder} ${info === undefined ? "does not exist" : "is not a folder"}; pass --vectors with a folder of *.xml or *.steps.json vector files`);
    }
  }
}

/**
 * Selects the run's vectors and suites. Without --profile, suites run only when no --vectors
 * folder is given, so that `--vectors DIR` alone replays exactly the vectors of DIR.
 */
export async function selectRun(requested: string[], folders: string[], grep: RegExp | undefined, target: QueryTarget): Promise<RunSelection> {
  const notes: string[] = [];
  let profiles = requested;

  if (requested.includes(AUTO_PROFILE)) {
    const claimed = await queryClaimedProfiles(target);
    profiles = [...new Set([...requested.filter((name) => name !== AUTO_PROFILE), ...claimed.profiles])];
    notes.push(`the server claims: ${claimed.profiles.join(", ") || "no profile kmipcheck tests"}${claimed.unmapped.length === 0 ? "" : ` (no tests for ${claimed.unmapped.join(", ")})`}`);
    if (profiles.length === 0) {
      throw new UsageError("--profile auto: the server claims no profile that kmipcheck tests (Query Profiles returned none it knows); name the profiles with --profile NAME");
    }
  }

  const available = suiteProfiles();
  let suites = available.filter((name) => profiles.includes(name));
  if (profiles.length === 0) {
    suites = folders.length === 0 ? available : [];
  }
  const vectors = folders.length === 0 ? [] : (await selectVectors(folders, profiles)).filter((vector) => grep === undefined || grep.test(`${vector.profile} ${vector.name}`));

  if (vectors.length === 0 && suites.length === 0) {
    throw new UsageError(nothingToRun(profiles, folders, available));
  }
  return { profiles, vectors, suites, notes };
}

function nothingToRun(profiles: string[], folders: string[], suites: string[]): string {
  const which = profiles.length === 0 ? "" : ` of profile ${profiles.join(", ")}`;
  if (folders.length === 0) {
    return `no suite${which}: built-in suites exist for ${suites.join(", ") || "no profile"}; pass --vectors DIR for the other profiles, e.g. --vectors ../shared/oasis-kmip-1.4/mandatory`;
  }
  return `no vector files${which} in ${folders.join(", ")} and no suite for it; check --vectors, --profile and --grep`;
}

/** Parses --grep as a regular expression, as mocha does. */
export function parseGrep(text: string | undefined): RegExp | undefined {
  if (text === undefined) {
    return undefined;
  }

  try {
    return new RegExp(text);
  } catch (error) {
    throw new UsageError(`invalid --grep ${text}: ${(error as Error).message}; give a regular expression such as "Batch|SKLC-M-1"`);
  }
}
