/**
 * `kmipcheck run`: select vectors, open the target, replay, report, and return the exit code.
 */
import { randomBytes } from "node:crypto";
import { mkdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { profileNames, runVectors, selectVectors, type SelectedVector } from "../replay";
import { buildRunReport, ConsoleReporter, HtmlReporter, JsonReporter, JunitReporter, type Reporter, type RunInfo } from "../report";
import { runHelp } from "./help";
import { openTarget, planTarget, type TargetFlags } from "./target";
import { EXIT_FAILED, EXIT_PASSED, UsageError, withUsageErrors } from "./usage";
import { TOOL } from "./version";

const NONE: string[] = [];

const OPTIONS = {
  target: { type: "string", default: "bundled" },
  vectors: { type: "string", multiple: true, default: NONE },
  profile: { type: "string", multiple: true, default: NONE },
  "client-cert": { type: "string" },
  "client-key": { type: "string" },
  ca: { type: "string" },
  "server-cert": { type: "string" },
  "report-dir": { type: "string", default: "reports" },
  "time-window": { type: "string" },
  fault: { type: "string", multiple: true, default: NONE },
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

  const flags: TargetFlags = { target: values.target, clientCert: values["client-cert"], clientKey: values["client-key"], ca: values.ca, serverCert: values["server-cert"], faults: values.fault };
  const plan = await planTarget(flags);
  checkProfiles(values.profile);
  const timeWindowSeconds = parseTimeWindow(values["time-window"]);
  const vectors = await selectOrExplain(values.vectors, values.profile);
  await createReportFolder(values["report-dir"]);

  const target = await openTarget(plan);
  try {
    const info: RunInfo = { runId: newRunId(), tool: TOOL, target: target.description, startedAt: new Date().toISOString(), profiles: values.profile, vectorFolders: values.vectors };
    const directory = join(values["report-dir"], info.runId);
    const files = [new JsonReporter(directory), new JunitReporter(directory), new HtmlReporter(directory)];
    const passed = await replayAndReport(vectors, info, { connection: target.connection, timeWindowSeconds }, [new ConsoleReporter(io.stdout, { verbose: values.verbose }), ...files]);
    files.forEach((reporter) => io.stdout.write(`report: ${reporter.path}\n`));
    return passed ? EXIT_PASSED : EXIT_FAILED;
  } finally {
    await target.close();
  }
}

async function replayAndReport(vectors: SelectedVector[], info: RunInfo, target: Parameters<typeof runVectors>[1], reporters: Reporter[]): Promise<boolean> {
  reporters.forEach((reporter) => reporter.runStarted?.(info));

  const outcomes = await runVectors(vectors, target, {
    vectorStarted: (vector) => reporters.forEach((reporter) => reporter.vectorStarted?.(vector)),
    stepFinished: (vector, step) => reporters.forEach((reporter) => reporter.stepFinished?.(vector, step)),
    vectorFinished: (outcome) => reporters.forEach((reporter) => reporter.vectorFinished?.(outcome)),
  });

  const report = buildRunReport(info, outcomes, new Date());
  for (const reporter of reporters) {
    await reporter.runFinished(report);
  }
  return report.verdict === "pass";
}

function checkProfiles(profiles: string[]): void {
  const known = profileNames();
  const unknown = profiles.find((name) => !known.includes(name));
  if (unknown !== undefined) {
    throw new UsageError(`unknown profile ${unknown}; choose from ${known.join(", ")}`);
  }
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

async function selectOrExplain(folders: string[], profiles: string[]): Promise<SelectedVector[]> {
  if (folders.length === 0) {
    throw new UsageError("missing --vectors DIR: name at least one folder of vector files, e.g. --vectors ../shared/oasis-kmip-1.4/mandatory");
  }

  for (const folder of folders) {
    const info = await stat(folder).catch(() => undefined);
    if (info === undefined || !info.isDirectory()) {
      throw new UsageError(`vectors folder ${folder} ${info === undefined ? "does not exist" : "is not a folder"}; pass --vectors with a folder of *.xml vector files`);
    }
  }

  const vectors = await selectVectors(folders, profiles);
  if (vectors.length === 0) {
    const which = profiles.length === 0 ? "" : ` of profile ${profiles.join(", ")}`;
    throw new UsageError(`no vector files${which} in ${folders.join(", ")}; check --vectors and --profile`);
  }
  return vectors;
}

/** Creates the report folder before the run, so that a path that cannot hold reports fails at once instead of after every vector ran. */
async function createReportFolder(folder: string): Promise<void> {
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`cannot create --report-dir ${folder} (${reason}); give a folder that can be created and written`);
  }
}

/** A run id sorts by start time and stays unique when runs start in the same second. */
function newRunId(): string {
  const stamp = new Date().toISOString().replace(/\.\d+Z$/, "Z").replace(/[-:]/g, "");
  return `${stamp}-${randomBytes(3).toString("hex")}`;
}
