/**
 * Runs the profile suites (mocha files under suites/PROFILE/) in this process against the run's
 * target. Each test becomes a VectorOutcome, so the report shows suite checks beside the vectors.
 * Its exchanges become the steps, and its checks the rules and diffs.
 */
import { existsSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { debuglog } from "node:util";
import Mocha from "mocha";
import { withFaults, type RunListener, type StepOutcome, type VectorOutcome } from "../replay";
import { recorder, type RecordedStep, type TestRecord } from "../../suites/support/recorder";
import { configureSuiteTarget, type SuiteTarget } from "../../suites/support/target";
import { projectRoot } from "../../suites/support/project";

const log = debuglog("kmipcheck:suites");

/** Time one suite test may take, hooks included, in milliseconds. */
const SUITE_TEST_TIMEOUT_MS = 60_000;

export interface SuiteOptions {
  grep?: RegExp;
  bail: boolean;
  /** Aborting it (Ctrl-C) stops the suites after the test that is running. */
  signal?: AbortSignal;
}

/**
 * Folder of the compiled suites: suites/PROFILE/*.test.js beside this file's dist/src/cli.
 * NOTE: run from the sources (tsx src/cli/main.ts), this finds suites/*.ts and so no suite.
 */
function suitesFolder(): string {
  return join(__dirname, "..", "..", "suites");
}

/** Returns the profiles that have a suite folder with test files. */
export function suiteProfiles(): string[] {
  const folder = suitesFolder();
  if (!existsSync(folder)) {
    return [];
  }

  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && testFiles(entry.name).length > 0)
    .map((entry) => entry.name)
    .sort();
}

function testFiles(profile: string): string[] {
  const folder = join(suitesFolder(), profile);
  return readdirSync(folder).filter((name) => name.endsWith(".test.js")).sort().map((name) => join(folder, name));
}

/**
 * Runs the suites of the profiles and returns one outcome per test. The target is configured for
 * the duration of the run only.
 */
export async function runSuites(profiles: ReadonlyArray<string>, target: SuiteTarget, options: SuiteOptions, listener: RunListener = {}): Promise<VectorOutcome[]> {
  const outcomes: VectorOutcome[] = [];

  configureSuiteTarget(target);
  try {
    for (const profile of profiles) {
      if (options.signal?.aborted === true) {
        break;
      }

      const own = await runProfileSuite(profile, options, listener);
      outcomes.push(...own);
      if (options.bail && own.some((outcome) => outcome.verdict !== "pass")) {
        break;
      }
    }
  } finally {
    configureSuiteTarget(undefined);
  }

  return outcomes;
}

function runProfileSuite(profile: string, options: SuiteOptions, listener: RunListener): Promise<VectorOutcome[]> {
  const mocha = new Mocha({ reporter: "base", timeout: SUITE_TEST_TIMEOUT_MS, bail: options.bail, grep: options.grep });
  testFiles(profile).forEach((file) => mocha.addFile(file));
  // A file already loaded (by an earlier run in this process, or by the test runner) would not define its tests again.
  mocha.unloadFiles();

  const outcomes: VectorOutcome[] = [];
  const errors = new Map<Mocha.Runnable, Error>();

  return new Promise<VectorOutcome[]>((resolve) => {
    const reported = new Set<Mocha.Runnable>();
    const runner = mocha.run(() => {
      // A failure outside a test's own run (an uncaught exception, say) may arrive without "test end".
      for (const [runnable, error] of errors) {
        if (!reported.has(runnable) && runnable instanceof Mocha.Test) {
          push(testOutcome(runnable, error, profile));
        }
      }
      resolve(outcomes);
    });
    options.signal?.addEventListener("abort", () => runner.abort(), { once: true });

    runner.on("fail", (runnable: Mocha.Runnable, error: Error) => {
      log("%s failed: %s", runnable.fullTitle(), error.stack ?? error.message);
      errors.set(runnable, error);
      if (runnable instanceof Mocha.Hook) {
        // A failed hook skips the tests it serves; it becomes an errored outcome of its own.
        push(hookOutcome(runnable, error, profile));
      }
    });
    runner.on("test end", (test: Mocha.Test) => {
      if (test.state === "passed" || test.state === "failed") {
        reported.add(test);
        push(testOutcome(test, errors.get(test), profile));
      }
    });

    function push(outcome: VectorOutcome): void {
      const diagnosed = withFaults(outcome);
      outcomes.push(diagnosed);
      listener.vectorFinished?.(diagnosed);
    }
  });
}

function testOutcome(test: Mocha.Test, error: Error | undefined, profile: string): VectorOutcome {
  const record: TestRecord = recorder.take(test.fullTitle()) ?? { title: test.fullTitle(), steps: [] };
  const verdict = error === undefined ? "pass" : isAssertion(error) ? "fail" : "error";
  const steps = record.steps.map(toStepOutcome);

  if (verdict === "error") {
    attachError(steps, error as Error);
  }
  if (verdict === "fail" && !steps.some((step) => step.verdict === "fail")) {
    attachFailure(steps, error as Error);
  }

  return {
    name: test.fullTitle(),
    path: sourcePath(test.file),
    profile,
    verdict,
    steps,
    error: verdict === "error" && steps.length === 0 ? toError(error as Error) : undefined,
    startedAt: steps[0]?.startedAt ?? new Date().toISOString(),
    durationMs: Math.round(test.duration ?? 0),
  };
}

function hookOutcome(hook: Mocha.Hook, error: Error, profile: string): VectorOutcome {
  return { name: hook.fullTitle(), path: sourcePath(hook.file), profile, verdict: "error", steps: [], error: toError(error), startedAt: new Date().toISOString(), durationMs: Math.round(hook.duration ?? 0) };
}

function toStepOutcome(step: RecordedStep, index: number): StepOutcome {
  const failing = step.diffs.some((diff) => diff.severity === "fail") || step.violations.some((violation) => violation.severity === "fail");
  let verdict: StepOutcome["verdict"] = failing ? "fail" : "pass";
  if (step.error !== undefined) {
    verdict = "error";
  }

  return {
    index,
    line: 1,
    operations: step.operations,
    verdict,
    diffs: step.diffs,
    rulesApplied: step.rulesApplied,
    error: step.error,
    violations: step.violations,
    requestXml: step.requestXml,
    responseXml: step.responseXml,
    expectedXml: step.expected,
    requestBytes: step.requestBytes,
    responseBytes: step.responseBytes,
    startedAt: step.startedAt,
    durationMs: step.durationMs,
  };
}

/** Puts the test's exception on its last step, unless that step already records why it broke. */
function attachError(steps: StepOutcome[], error: Error): void {
  const last = steps.at(-1);
  if (last !== undefined && last.error === undefined) {
    last.error = toError(error);
    last.verdict = "error";
  }
}

/** Records an assertion that failed outside the check helpers as a diff, so that the report shows why the test failed. */
function attachFailure(steps: StepOutcome[], error: Error): void {
  const diff = { path: "ResponseMessage", kind: "value" as const, severity: "fail" as const, message: error.message };
  const last = steps.at(-1);
  if (last === undefined) {
    steps.push({ index: 0, line: 1, operations: [], verdict: "fail", diffs: [diff], rulesApplied: [], violations: [], expectedXml: "", durationMs: 0 });
    return;
  }
  last.diffs.push(diff);
  last.verdict = "fail";
}

function toError(error: Error): { code: string; message: string } {
  const code = (error as { code?: unknown }).code;
  return { code: typeof code === "string" && /^[A-Z][A-Z0-9_]*$/.test(code) ? code : "SUITE_EXCEPTION", message: error.message };
}

/** chai's AssertionError, or Node's: a check that did not hold. */
function isAssertion(error: Error): boolean {
  return error.name === "AssertionError";
}

/** Maps dist/suites/.../x.test.js to suites/.../x.test.ts for the report. */
function sourcePath(file: string | undefined): string {
  if (file === undefined) {
    return "suites";
  }
  return relative(projectRoot(), file).replace(/^dist[\\/]/, "").replace(/\.js$/, ".ts");
}

