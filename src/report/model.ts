/**
 * The run report: everything a report writer needs, built once from the run's outcomes. Each
 * output format (console, report.json, later JUnit XML and HTML) is a Reporter fed the same events.
 */
import { ruleDefinitions, type RuleDefinition } from "../match";
import { CARRIED_RESPONSE_VALUE, PROFILES, type RunListener, type Verdict, type VectorOutcome } from "../replay";

/** Format version of report.json; raise it when a field changes meaning or goes away. */
export const REPORT_SCHEMA_VERSION = 1;

/**
 * Returns the number a report prints for a step: the first step of a vector is step 1, as item
 * paths count from 1 (BatchItem[1]). report.json keeps the index from 0, as its schema documents.
 */
export function stepNumber(step: { index: number }): number {
  return step.index + 1;
}

export interface TargetDescription {
  /** "bundled": the emulator started in-process; "remote": a server given as HOST:PORT. */
  kind: "bundled" | "remote";
  host: string;
  port: number;
}

/** Facts known when a run starts. */
export interface RunInfo {
  runId: string;
  tool: { name: string; version: string };
  target: TargetDescription;
  startedAt: string;
  /** Profiles asked for on the command line; empty means all. */
  profiles: string[];
  vectorFolders: string[];
}

export interface Totals {
  vectors: number;
  pass: number;
  fail: number;
  error: number;
}

export interface ProfileSummary extends Totals {
  profile: string;
  title: string;
  verdict: Verdict;
}

export interface RunReport extends RunInfo {
  schemaVersion: number;
  finishedAt: string;
  durationMs: number;
  verdict: Verdict;
  totals: Totals;
  summary: ProfileSummary[];
  /** Every rule the comparison may apply, so that the ids in `rulesApplied` can be looked up. */
  rules: RuleDefinition[];
  vectors: VectorOutcome[];
}

/** A report format. Listener events arrive while the run goes on; `runFinished` comes once at the end. */
export interface Reporter extends RunListener {
  runStarted?(info: RunInfo): void;
  runFinished(report: RunReport): Promise<void> | void;
}

export function buildRunReport(info: RunInfo, vectors: VectorOutcome[], finishedAt: Date): RunReport {
  const totals = countVerdicts(vectors);

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    ...info,
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - Date.parse(info.startedAt),
    verdict: worstVerdict(totals),
    totals,
    summary: summarizeProfiles(vectors),
    rules: [...ruleDefinitions(), CARRIED_RESPONSE_VALUE],
    vectors,
  };
}

/** Totals per profile, in the order of the profile list; profiles without vectors are left out. */
export function summarizeProfiles(vectors: ReadonlyArray<VectorOutcome>): ProfileSummary[] {
  const names = [...PROFILES.map((profile) => profile.name), ...vectors.map((vector) => vector.profile)];

  return [...new Set(names)].flatMap((name) => {
    const own = vectors.filter((vector) => vector.profile === name);
    if (own.length === 0) {
      return [];
    }

    const totals = countVerdicts(own);
    const title = PROFILES.find((profile) => profile.name === name)?.title ?? name;
    return [{ profile: name, title, ...totals, verdict: worstVerdict(totals) }];
  });
}

function countVerdicts(vectors: ReadonlyArray<VectorOutcome>): Totals {
  const count = (verdict: Verdict) => vectors.filter((vector) => vector.verdict === verdict).length;
  return { vectors: vectors.length, pass: count("pass"), fail: count("fail"), error: count("error") };
}

/** A set of vectors fails if any failed, errs if none failed but some erred, and passes otherwise. */
function worstVerdict(totals: Totals): Verdict {
  if (totals.fail > 0) {
    return "fail";
  }

  return totals.error > 0 ? "error" : "pass";
}
