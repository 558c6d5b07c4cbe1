/**
 * `kmipcheck run`: select vectors, open the target, replay, report, and return the exit code.
 */
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rmdir } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { DEFAULT_TIME_WINDOW_SECONDS, ObjectLedger } from "../match";
import { CONNECTION_CLOSED_RULE, runVectors, type RunListener, type SelectedVector, type TargetOptions, type VectorOutcome } from "../replay";
import { buildRunReport, ConsoleReporter, HtmlReporter, JsonReporter, JunitReporter, type Reporter, type RunInfo, type RunReport } from "../report";
import { parseAcceptedReasons, type AcceptedReasons } from "../../suites/support/accept";
import { ACCEPTED_REASON_RULE, checkDefinitions } from "../../suites/support/checks";
import { DEFAULT_RESPONSE_TIMEOUT_MS, type SuiteTarget } from "../../suites/support/target";
import { runHelp } from "./help";
import { checkSelectionFlags, parseGrep, selectRun, type RunSelection } from "./run-plan";
import { parseBundledOptions } from "./bundled-options";
import { planHttpsEndpoint } from "./https-endpoint";
import { runSuites } from "./suites";
import { openTarget, planTarget, type OpenTarget } from "./target";
import { TARGET_OPTIONS, targetFlagsOf } from "./target-options";
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_PASSED, UsageError, withUsageErrors } from "./usage";
import { TOOL } from "./version";

const NONE: string[] = [];

const OPTIONS = {
  ...TARGET_OPTIONS,
  vectors: { type: "string", multiple: true, default: NONE },
  profile: { type: "string", multiple: true, default: NONE },
  "report-dir": { type: "string", default: "reports" },
  "time-window": { type: "string" },
  fault: { type: "string", multiple: true, default: NONE },
  grep: { type: "string" },
  bail: { type: "boolean", default: false },
  "accept-reason": { type: "string", multiple: true, default: NONE },
  "vector-timeout": { type: "string" },
  "no-cleanup": { type: "boolean", default: false },
  "https-url": { type: "string" },
  "bundled-option": { type: "string", multiple: true, default: NONE },
  verbose: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} satisfies ParseArgsConfig["options"];

export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
}

export async function runCommand(args: string[], io: Io): Promise<number> {
  const { values } = withUsageErrors("run", () => parseArgs({ args, options: OPTIONS, allowPositionals: false, strict: true }));
  if (values.help) {
    io.stdout.write(runHelp());
    return EXIT_PASSED;
  }

  const plan = await planTarget(targetFlagsOf(values, values.fault));
  const httpsUrl = planHttpsEndpoint(plan, values["https-url"]);
  const policy = parseBundledOptions(values["bundled-option"], plan);
  if (plan.kind === "bundled") plan.policy = policy;
  await checkSelectionFlags(values.profile, values.vectors);
  const settings: RunSettings = { timeWindowSeconds: parseTimeWindow(values["time-window"]), grep: parseGrep(values.grep), bail: values.bail, acceptedReasons: parseAcceptOptions(values["accept-reason"]),
    vectorTimeoutMs: parseVectorTimeout(values["vector-timeout"]), cleanup: !values["no-cleanup"] };
  await createReportFolder(values["report-dir"]);

  const target = await openTarget(plan);
  target.https = httpsUrl ?? target.https;
  try {
    const selection = await selectRun(values.profile, values.vectors, settings.grep, target);
    selection.notes.forEach((note) => io.stdout.write(`${note}\n`));

    const info: RunInfo = { runId: newRunId(), tool: TOOL, target: target.description, startedAt: new Date().toISOString(), profiles: selection.profiles, vectorFolders: values.vectors };
    const directory = join(values["report-dir"], info.runId);
    const files = [new JsonReporter(directory), new JunitReporter(directory), new HtmlReporter(directory)];
    const reporters = [new ConsoleReporter(io.stdout, { verbose: values.verbose }), ...files, new AcceptedReasonsReporter(io.stdout)];
    const interruption = stopOnInterrupt(io);
    try {
      const passed = await runAndReport(selection, info, target, { ...settings, signal: interruption.signal }, reporters);
      files.forEach((reporter) => io.stdout.write(`report: ${reporter.path}\n`));
      if (interruption.signal.aborted) {
        return EXIT_INTERRUPTED;
      }
      return passed ? EXIT_PASSED : EXIT_FAILED;
    } finally {
      interruption.dispose();
    }
  } finally {
    await target.close();
  }
}

/**
 * Turns the first Ctrl-C (SIGINT) into an abort: the vector or suite test that is running stops,
 * no other starts, and the reports of what ran are written. A second Ctrl-C exits at once.
 */
function stopOnInterrupt(io: Io): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onInterrupt = (): void => {
    if (controller.signal.aborted) {
      process.exit(EXIT_INTERRUPTED);
    }

    io.stderr.write("kmipcheck: interrupted; writing the reports of what ran (press Ctrl-C again to quit at once)\n");
    controller.abort();
  };

  process.on("SIGINT", onInterrupt);
  return { signal: controller.signal, dispose: () => process.off("SIGINT", onInterrupt) };
}

/** Lists, after the verdict table, every check that passed only through --accept-reason, so that no such pass goes unnoticed. */
class AcceptedReasonsReporter implements Reporter {
  constructor(private readonly out: NodeJS.WritableStream) {}

  runFinished(report: RunReport): void {
    for (const vector of report.vectors) {
      const accepted = vector.steps.flatMap((step) => step.diffs.filter((diff) => diff.rule === ACCEPTED_REASON_RULE.id));
      accepted.forEach((diff) => this.out.write(`ACCEPTED ${vector.name}: ${diff.path}: ${diff.message}\n`));
    }
  }
}

interface RunSettings {
  timeWindowSeconds: number | undefined;
  grep: RegExp | undefined;
  bail: boolean;
  acceptedReasons: AcceptedReasons;
  /** Time one vector may take, in milliseconds (--vector-timeout); undefined: no limit but the response timeout of each step. */
  vectorTimeoutMs: number | undefined;
  /** Revoke and destroy what a vector that stopped midway created (false with --no-cleanup). */
  cleanup: boolean;
  /** Aborted on Ctrl-C: the run stops and reports what ran. */
  signal?: AbortSignal;
}

/** Runs the vectors, then the suites (unless --bail stopped the run), and writes every report. */
async function runAndReport(selection: RunSelection, info: RunInfo, target: OpenTarget, settings: RunSettings, reporters: Reporter[]): Promise<boolean> {
  reporters.forEach((reporter) => reporter.runStarted?.(info));
  const listener: RunListener = {
    vectorStarted: (vector) => reporters.forEach((reporter) => reporter.vectorStarted?.(vector)),
    stepFinished: (vector, step) => reporters.forEach((reporter) => reporter.stepFinished?.(vector, step)),
    vectorFinished: (outcome) => reporters.forEach((reporter) => reporter.vectorFinished?.(outcome)),
  };

  const outcomes = await replayVectors(selection.vectors, { connection: target.connection, https: target.https, timeWindowSeconds: settings.timeWindowSeconds, authentication: target.authentication, vectorTimeoutMs: settings.vectorTimeoutMs, cleanup: settings.cleanup, signal: settings.signal }, settings.bail, listener);
  const bailed = settings.bail && outcomes.some((outcome) => outcome.verdict !== "pass");
  if (!bailed && settings.signal?.aborted !== true && selection.suites.length > 0) {
    const suiteTarget = toSuiteTarget(target, settings);
    outcomes.push(...(await runSuites(selection.suites, suiteTarget, { grep: settings.grep, bail: settings.bail, signal: settings.signal }, listener)));
  }

  const report = buildRunReport(info, outcomes, new Date());
  // The suites' checks and the raw-step rule are rules of this run too, so the report defines their ids.
  report.rules.push(...checkDefinitions(), CONNECTION_CLOSED_RULE);
  for (const reporter of reporters) {
    await reporter.runFinished(report);
  }
  return report.verdict === "pass";
}

/** Replays the vectors in order with shared run state; with bail, stops after the first that does not pass. */
async function replayVectors(vectors: SelectedVector[], target: TargetOptions, bail: boolean, listener: RunListener): Promise<VectorOutcome[]> {
  const shared: TargetOptions = { ...target, serverCreatedIdentifiers: new Set(), objects: new ObjectLedger(), generatedIvs: new Set() };
  const outcomes: VectorOutcome[] = [];

  for (const vector of vectors) {
    if (target.signal?.aborted === true) {
      break;
    }

    const [outcome] = await runVectors([vector], shared, listener);
    outcomes.push(outcome);
    if (bail && outcome.verdict !== "pass") {
      break;
    }
  }

  return outcomes;
}

function toSuiteTarget(target: OpenTarget, settings: RunSettings): SuiteTarget {
  const { kind, host, port } = target.description;
  return {
    description: `${kind} ${host}:${port}`,
    connection: target.connection,
    acceptedReasons: settings.acceptedReasons,
    timeWindowSeconds: settings.timeWindowSeconds ?? DEFAULT_TIME_WINDOW_SECONDS,
    responseTimeoutMs: target.connection.responseTimeoutMs ?? DEFAULT_RESPONSE_TIMEOUT_MS,
    authentication: target.authentication,
  };
}

function parseAcceptOptions(entries: string[]): AcceptedReasons {
  try {
    return parseAcceptedReasons(entries);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function parseVectorTimeout(text: string | undefined): number | undefined {
  if (text === undefined) {
    return undefined;
  }

  const milliseconds = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(milliseconds) || milliseconds === 0) {
    throw new UsageError(`invalid --vector-timeout ${text}: give a positive whole number of milliseconds, e.g. 60000`);
  }
  return milliseconds;
}

function parseTimeWindow(text: string | undefined): number | undefined {
  if (text === undefined) {
    return undefined;
  }

  const seconds = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(seconds)) {
    throw new UsageError(`invalid --time-window ${text}: give a whole number of seconds, e.g. 60`);
  }
  return seconds;
}

/**
 * Creates the report folder and checks that it can be written before the run, so that a bad
 * --report-dir fails at once instead of after every vector ran.
 */
async function createReportFolder(folder: string): Promise<void> {
  try {
    await mkdir(folder, { recursive: true });
    await rmdir(await mkdtemp(join(folder, ".kmipcheck-write-check-")));
  } catch (error) {
    throw new UsageError(describeReportFolderError(folder, error as NodeJS.ErrnoException));
  }
}

function describeReportFolderError(folder: string, error: NodeJS.ErrnoException): string {
  const fix = "give a folder that kmipcheck can create or write, e.g. --report-dir reports";
  switch (error.code) {
    case "EEXIST":
    case "ENOTDIR":
      return `invalid --report-dir ${folder}: ${error.code === "EEXIST" ? "it is a file" : "a part of the path is a file"}, not a folder; ${fix}`;
    case "EACCES":
    case "EPERM":
    case "EROFS":
      return `invalid --report-dir ${folder}: permission to write there was denied (${error.code}); ${fix}`;
    default:
      return `invalid --report-dir ${folder}: ${error.message}; ${fix}`;
  }
}

/** A run id sorts by start time and stays unique when runs start in the same second. */
function newRunId(): string {
  const stamp = new Date().toISOString().replace(/\.\d+Z$/, "Z").replace(/[-:]/g, "");
  return `${stamp}-${randomBytes(3).toString("hex")}`;
}
