/**
 * `kmipcheck load`: drive a request mix against a server and write a result file, or compare two
 * result files with --compare.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { isIP } from "node:net";
import { dirname, join } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { FAULT_NAMES } from "../../bundled-server/faults";
import {
  compareLoadResults,
  DEFAULT_THRESHOLD_PERCENT,
  ERROR_RATE_TOLERANCE_POINTS,
  formatComparison,
  formatLoadResult,
  formatProgress,
  LOAD_MIXES,
  parseLoadResult,
  runLoad,
  type LoadOptions,
  type LoadProgress,
} from "../load";
import type { Io } from "./run-command";
import { BUNDLED_TARGET, openTarget, parseHostPort, planTarget, type TargetPlan } from "./target";
import { TARGET_HELP, TARGET_OPTIONS, targetFlagsOf } from "./target-options";
import { EXIT_FAILED, EXIT_PASSED, UsageError, withUsageErrors } from "./usage";

const NONE: string[] = [];

const OPTIONS = {
  ...TARGET_OPTIONS,
  mix: { type: "string", default: "query" },
  connections: { type: "string", default: "1" },
  duration: { type: "string", default: "10" },
  rate: { type: "string" },
  output: { type: "string" },
  "report-dir": { type: "string", default: "reports" },
  fault: { type: "string", multiple: true, default: NONE },
  "allow-remote": { type: "boolean", default: false },
  compare: { type: "boolean", default: false },
  threshold: { type: "string", default: String(DEFAULT_THRESHOLD_PERCENT) },
  help: { type: "boolean", short: "h", default: false },
} satisfies ParseArgsConfig["options"];

type LoadValues = ReturnType<typeof parseLoadArgs>["values"];

function parseLoadArgs(args: string[]) {
  return withUsageErrors("load", () => parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true }));
}

export async function loadCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseLoadArgs(args);
  if (values.help) {
    io.stdout.write(loadHelp());
    return EXIT_PASSED;
  }

  if (values.compare) return compareCommand(positionals, values, io);
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}; only --compare takes file arguments`);
  return runLoadCommand(values, io);
}

async function compareCommand(files: string[], values: LoadValues, io: Io): Promise<number> {
  if (files.length !== 2) throw new UsageError(`--compare takes two result files, A.json B.json; got ${files.length}`);
  const threshold = parseNumber("--threshold", values.threshold, 0);

  const [a, b] = await Promise.all(files.map(async (file) => parseLoadResult(await readResultFile(file), file)));
  const comparison = compareLoadResults(a, b, threshold);
  io.stdout.write(`${formatComparison(comparison, files[0], files[1])}\n`);
  return comparison.regressed ? EXIT_FAILED : EXIT_PASSED;
}

async function readResultFile(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read result file ${file}: ${(error as Error).message}; give a file written by kmipcheck load`);
  }
}

async function runLoadCommand(values: LoadValues, io: Io): Promise<number> {
  // A HOST:PORT target is checked before its files are read, and a configured one once it is resolved.
  if (values.target?.includes(":") === true) checkLoopback(parseHostPort(values.target).host, values["allow-remote"]);
  const plan = await planTarget(targetFlagsOf(values, values.fault));
  if (plan.kind === "remote") checkLoopback(plan.connection.host, values["allow-remote"]);
  const settings = loadSettings(values, plan);

  const target = await openTarget(plan);
  try {
    const progress = progressWriter(io.stderr);
    const header = { protocolVersion: target.protocolVersion, authentication: target.authentication };
    const result = await runLoad({ ...settings, connection: target.connection, responseTimeoutMs: target.connection.responseTimeoutMs, header, onProgress: progress.write });
    progress.end();

    const output = values.output ?? join(values["report-dir"], "load", `${result.startedAt.replace(/[:.]/g, "-")}-${result.mix}.json`);
    await mkdir(dirname(output), { recursive: true });
    await writeFile(output, `${JSON.stringify(result, null, 2)}\n`);
    io.stdout.write(`${formatLoadResult(result)}\nresult: ${output}\n`);
    return result.errors.total === 0 && result.lostConnections === 0 ? EXIT_PASSED : EXIT_FAILED;
  } finally {
    await target.close();
  }
}

/** Checks the load settings and returns them; an invalid value raises a UsageError. */
function loadSettings(values: LoadValues, plan: TargetPlan): Omit<LoadOptions, "connection" | "onProgress"> {
  if (!LOAD_MIXES.has(values.mix)) throw new UsageError(`unknown mix ${values.mix}; choose from ${[...LOAD_MIXES.keys()].join(", ")}`);

  return {
    target: plan.kind === "bundled" ? BUNDLED_TARGET : values.target ?? plan.name,
    mix: values.mix,
    connections: parseNumber("--connections", values.connections, 1, true),
    durationSeconds: parseNumber("--duration", values.duration, Number.MIN_VALUE),
    rate: values.rate === undefined ? undefined : parseNumber("--rate", values.rate, Number.MIN_VALUE),
  };
}

function parseNumber(flag: string, text: string, minimum: number, integer = false): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value < minimum || (integer && !Number.isInteger(value))) {
    const kind = integer ? "a whole number" : "a number";
    throw new UsageError(`invalid ${flag} ${text}: give ${kind}${minimum > 0 && minimum < 1 ? " above 0" : ` of ${minimum} or more`}`);
  }
  return value;
}

/**
 * A load test sends as many requests as the server takes, so by default it only targets this
 * machine; --allow-remote lets it target a server under test elsewhere.
 */
function checkLoopback(host: string, allowRemote: boolean): void {
  const loopback = host === "localhost" || (isIP(host) === 4 && host.startsWith("127.")) || host === "::1";
  if (!loopback && !allowRemote) {
    throw new UsageError(`--target ${host} is not this machine; pass --allow-remote to load a server you are allowed to load`);
  }
}

/** Writes the progress line in place on a terminal, and every fifth line otherwise (logs, CI). */
function progressWriter(stream: NodeJS.WritableStream): { write: (progress: LoadProgress) => void; end: () => void } {
  const terminal = (stream as { isTTY?: boolean }).isTTY === true;
  let calls = 0;

  return {
    write: (progress) => {
      calls += 1;
      if (terminal) stream.write(`\r${formatProgress(progress)}\u001b[K`);
      else if (calls % 5 === 0) stream.write(`${formatProgress(progress)}\n`);
    },
    end: () => {
      if (terminal && calls > 0) stream.write("\n");
    },
  };
}

export function loadHelp(): string {
  const mixes = [...LOAD_MIXES.values()].map((mix) => `  ${mix.name.padEnd(10)} ${mix.description}`).join("\n");
  return `Usage: kmipcheck load [--target NAME|bundled|HOST:PORT] [--config FILE] [target options]
                      [--mix NAME] [--connections N] [--duration S] [--rate R] [--output FILE]
                      [--allow-remote] [--fault NAME]
       kmipcheck load --compare A.json B.json [--threshold PERCENT]

Drives a request mix over N persistent mutual-TLS connections for S seconds, printing a progress line
each second, then prints requests/s, latency p50/p90/p99/max and errors by Result Reason, and writes
a JSON result file. Objects the mix creates are destroyed before it ends.

${TARGET_HELP}

Options:
  --mix NAME                  request mix (default query), one of:
${mixes.replace(/^/gm, "                            ")}
  --connections N             persistent TLS connections, each sending one request at a time (default 1)
  --duration S                seconds to send requests for (default 10)
  --rate R                    total requests per second over all connections (default: as fast as
                              responses return); latency then counts from each request's scheduled time
  --output FILE               result file (default REPORT-DIR/load/START-MIX.json)
  --report-dir DIR            folder for result files (default reports)
  --allow-remote              allow a remote target that is not this machine
  --fault NAME                bundled server fault switch: ${FAULT_NAMES.join(", ")}
  --compare A.json B.json     print the change from run A to run B; exit 1 when B is worse than A
                              by more than the threshold in throughput or latency p50/p90/p99, or
                              when its error rate is higher by more than ${ERROR_RATE_TOLERANCE_POINTS} percentage points
  --threshold PERCENT         regression threshold for --compare (default ${DEFAULT_THRESHOLD_PERCENT})
  -h, --help                  show this help

Exit codes: 0 every request succeeded, or no regression; 1 a request failed or a connection was
lost, or a regression; 2 invalid command line.
`;
}
