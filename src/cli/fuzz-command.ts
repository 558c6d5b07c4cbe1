/**
 * `kmipcheck fuzz`: send mutated KMIP requests to a target, probe that it keeps working, save
 * each crash, hang or malformed response as a reproducer, or replay one with --replay FILE.
 */
import { randomBytes } from "node:crypto";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import {
  builtinSeeds,
  DEFAULT_PROBE_EVERY,
  DEFAULT_RESPONSE_TIMEOUT_MS,
  FuzzRunner,
  loadFinding,
  replayFinding,
  seedsFromVectorFolders,
  type FuzzCounts,
  type FuzzSummary,
  type SeedRequest,
} from "../fuzz";
import type { Io } from "./run-command";
import { openTarget, planTarget, type OpenTarget, type TargetFlags, type TargetPlan } from "./target";
import { EXIT_FAILED, EXIT_PASSED, UsageError, withUsageErrors } from "./usage";

const NONE: string[] = [];

/** Messages sent when neither --iterations nor --duration is given. */
const DEFAULT_ITERATIONS = 10_000;

/** Time between progress lines, in milliseconds. */
const PROGRESS_INTERVAL_MS = 5_000;

const OPTIONS = {
  target: { type: "string", default: "bundled" },
  vectors: { type: "string", multiple: true, default: NONE },
  iterations: { type: "string" },
  seed: { type: "string" },
  duration: { type: "string" },
  replay: { type: "string" },
  "client-cert": { type: "string" },
  "client-key": { type: "string" },
  ca: { type: "string" },
  "server-cert": { type: "string" },
  "report-dir": { type: "string", default: "reports" },
  "response-timeout": { type: "string" },
  "probe-every": { type: "string" },
  "keep-objects": { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} satisfies ParseArgsConfig["options"];

type FuzzValues = ReturnType<typeof parseFuzzArgs>["values"];

function parseFuzzArgs(args: string[]) {
  return withUsageErrors("fuzz", () => parseArgs({ args, options: OPTIONS, allowPositionals: false, strict: true }));
}

export async function fuzzCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseFuzzArgs(args);
  if (values.help) {
    io.stdout.write(FUZZ_HELP);
    return EXIT_PASSED;
  }

  const flags: TargetFlags = { target: values.target, clientCert: values["client-cert"], clientKey: values["client-key"], ca: values.ca, serverCert: values["server-cert"], faults: [] };
  const plan = await planTarget(flags);
  const responseTimeoutMs = positiveNumber("--response-timeout", values["response-timeout"]) ?? DEFAULT_RESPONSE_TIMEOUT_MS;

  if (values.replay !== undefined) {
    return replayCommand(values.replay, plan, responseTimeoutMs, io);
  }
  return fuzzRun(values, plan, responseTimeoutMs, io);
}

/** Exported for scripts and tests that call the command without the main dispatcher. */
export function runFuzzCommand(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }): Promise<number> {
  return fuzzCommand(argv, io);
}

async function fuzzRun(values: FuzzValues, plan: TargetPlan, responseTimeoutMs: number, io: Io): Promise<number> {
  const durationSeconds = positiveNumber("--duration", values.duration);
  const iterations = positiveInteger("--iterations", values.iterations) ?? (durationSeconds === undefined ? DEFAULT_ITERATIONS : Infinity);
  const probeEvery = positiveInteger("--probe-every", values["probe-every"]) ?? DEFAULT_PROBE_EVERY;
  const seed = values.seed ?? randomBytes(4).toString("hex");
  const seeds = await loadSeeds(values.vectors, seed);
  const reportDir = join(values["report-dir"], "fuzz", newRunId());

  const target = await openTarget(plan);
  try {
    io.stdout.write(`fuzzing ${target.description.host}:${target.description.port} with seed ${seed}: ${seeds.length} seed requests, ${Number.isFinite(iterations) ? `${iterations} messages` : `for ${durationSeconds} s`}\n`);
    const progress = new ProgressPrinter(io);
    const runner = new FuzzRunner({
      connection: target.connection,
      seeds,
      seed,
      iterations,
      durationMs: durationSeconds === undefined ? undefined : durationSeconds * 1000,
      responseTimeoutMs,
      probeEvery,
      cleanup: !values["keep-objects"],
      reportDir,
      onProgress: (counts) => progress.update(counts),
      onFinding: (finding, path) => io.stdout.write(`${finding.kind} at iteration ${finding.iteration}: ${finding.detail}\n  saved to ${path}\n`),
    });

    const summary = await runGuarded(runner, target, io);
    printSummary(summary, target, io);
    return summary.counts.crash + summary.counts.hang + summary.counts.malformed > 0 ? EXIT_FAILED : EXIT_PASSED;
  } finally {
    await target.close();
  }
}

/**
 * Runs the fuzzer with Ctrl-C stopping it after the current message, so the summary is still
 * written. With the bundled target in this process, an uncaught exception is the server failing:
 * it is saved as a crash finding before the process exits.
 */
async function runGuarded(runner: FuzzRunner, target: OpenTarget, io: Io): Promise<FuzzSummary> {
  const controller = new AbortController();
  const onInterrupt = (): void => controller.abort();
  const onFatal = (error: Error): void => {
    const path = runner.recordFatalError(error);
    io.stderr.write(`kmipcheck: the bundled server failed (${error.message}); crash finding saved to ${path}\n`);
    process.exit(EXIT_FAILED);
  };

  process.once("SIGINT", onInterrupt);
  // NOTE: a bundled server that blocks the event loop (an endless loop) also stops the fuzzer's
  // timers in this process, so the run stalls instead of reporting a hang.
  if (target.description.kind === "bundled") process.on("uncaughtException", onFatal);
  try {
    return await runner.run(controller.signal);
  } finally {
    process.off("SIGINT", onInterrupt);
    process.off("uncaughtException", onFatal);
  }
}

async function replayCommand(path: string, plan: TargetPlan, responseTimeoutMs: number, io: Io): Promise<number> {
  await loadFinding(path); // checks the file before a bundled server starts
  const target = await openTarget(plan);
  try {
    const result = await replayFinding(path, { connection: target.connection, responseTimeoutMs });
    const { finding } = result;
    io.stdout.write(`replayed ${finding.kind} finding of seed ${finding.seed}, iteration ${finding.iteration} (${finding.messages.length} message${finding.messages.length === 1 ? "" : "s"})\n`);
    io.stdout.write(`${result.verdict}: ${result.detail}\n`);
    return result.verdict === "ok" ? EXIT_PASSED : EXIT_FAILED;
  } finally {
    await target.close();
  }
}

async function loadSeeds(folders: string[], seed: string): Promise<SeedRequest[]> {
  if (folders.length === 0) return builtinSeeds();

  for (const folder of folders) {
    const info = await stat(folder).catch(() => undefined);
    if (info === undefined || !info.isDirectory()) {
      throw new UsageError(`vectors folder ${folder} ${info === undefined ? "does not exist" : "is not a folder"}; pass --vectors with a folder of *.xml vector files`);
    }
  }

  const seeds = await seedsFromVectorFolders(folders, { nowSeconds: Math.floor(Date.now() / 1000), seed });
  if (seeds.length === 0) throw new UsageError(`no vector requests in ${folders.join(", ")}; check --vectors, or leave it out for the built-in requests`);
  return seeds;
}

/** Prints one progress line every PROGRESS_INTERVAL_MS. */
class ProgressPrinter {
  private readonly started = Date.now();
  private lastPrinted = Date.now();

  constructor(private readonly io: Io) {}

  update(counts: Readonly<FuzzCounts>): void {
    const now = Date.now();
    if (now - this.lastPrinted < PROGRESS_INTERVAL_MS) return;

    this.lastPrinted = now;
    const rate = Math.round((counts.sent * 1000) / (now - this.started));
    this.io.stdout.write(`  ${counts.sent} sent (${rate}/s): ${describeCounts(counts)}\n`);
  }
}

function describeCounts(counts: Readonly<FuzzCounts>): string {
  return (
    `${counts.answered} responses, ${counts.closed} closed, ${counts.waited} waited; ${counts.destroyed}/${counts.created} created objects destroyed; ` +
    `crash ${counts.crash}, hang ${counts.hang}, malformed ${counts.malformed}; probes ${counts.probesPassed}/${counts.probes} passed`
  );
}

function printSummary(summary: FuzzSummary, target: OpenTarget, io: Io): void {
  const { counts } = summary;
  io.stdout.write(`done (${summary.stopReason}): ${counts.sent} messages in ${(summary.durationMs / 1000).toFixed(1)} s, ${summary.messagesPerSecond}/s, ${counts.connections} connections\n`);
  io.stdout.write(`  ${describeCounts(counts)}\n`);

  if (target.description.kind === "bundled") {
    // maxRSS is in kibibytes; the bundled server runs in this process, so the figure covers both.
    const peakMiB = process.resourceUsage().maxRSS / 1024;
    io.stdout.write(`  peak RSS of kmipcheck and the bundled server: ${peakMiB.toFixed(1)} MiB\n`);
  }
  io.stdout.write(`report: ${join(summary.reportDir, "summary.json")}\n`);
}

function positiveInteger(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;

  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) {
    throw new UsageError(`invalid ${flag} ${text}: give a whole number of at least 1`);
  }
  return value;
}

function positiveNumber(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;

  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value <= 0) {
    throw new UsageError(`invalid ${flag} ${text}: give a positive number`);
  }
  return value;
}

/** Returns a run id that sorts by start time and stays unique when runs start in the same second. */
function newRunId(): string {
  const stamp = new Date().toISOString().replace(/\.\d+Z$/, "Z").replace(/[-:]/g, "");
  return `${stamp}-${randomBytes(3).toString("hex")}`;
}

export const FUZZ_HELP = `Usage: kmipcheck fuzz [--target bundled|HOST:PORT] [--vectors DIR]... [--iterations N]
                      [--seed S] [--duration SECONDS] [--replay FILE]
                      [--client-cert FILE --client-key FILE] [--ca FILE] [--server-cert FILE]
                      [--report-dir DIR] [--response-timeout MS] [--probe-every N] [--keep-objects]

Sends mutated KMIP requests (broken type bytes, lengths, padding and tags, truncated, reordered,
duplicated or deeply nested items, other enumeration values, unknown and extension tags, oversize
strings) and checks that the target sends a well-formed response or closes the connection each
time, and still handles a valid Discover Versions request afterwards. Each crash, hang or
malformed response is saved as REPORT-DIR/fuzz/RUN-ID/KIND-ITERATION.json with the messages in hex.

Options:
  --target bundled|HOST:PORT  server under test (default bundled: the emulator started in-process on
                              127.0.0.1 with a fresh test PKI); HOST alone means port 5696
  --vectors DIR               mutate the requests of the *.xml vector files in DIR; repeat for
                              several folders (default: built-in Query, Discover Versions and Create)
  --iterations N              number of messages to send (default ${DEFAULT_ITERATIONS}, or no limit with --duration)
  --seed S                    any text; the same seed and seed requests send the same messages
                              (default: random, printed at the start)
  --duration SECONDS          stop after this many seconds
  --replay FILE               send the messages of a saved finding again and report what happens
  --client-cert FILE          PEM client certificate for a HOST:PORT target (required there)
  --client-key FILE           PEM private key of the client certificate (required there)
  --ca FILE                   PEM CA certificate(s) that sign the server certificate
  --server-cert FILE          PEM server certificate to pin instead of checking a CA chain
  --report-dir DIR            folder for fuzz reports (default reports)
  --response-timeout MS       time allowed for each response in milliseconds (default ${DEFAULT_RESPONSE_TIMEOUT_MS})
  --probe-every N             probe the open connection after every N messages (default ${DEFAULT_PROBE_EVERY})
  --keep-objects              leave the objects that fuzzed requests created; by default each is
                              revoked and destroyed (Revoke, then Destroy) during the run
  -h, --help                  show this help

Exit codes: 0 no crash, hang or malformed response (or the replay found none); 1 one was found or
the run failed; 2 invalid command line.
`;
