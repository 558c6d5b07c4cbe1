/** The result of a load run: the JSON file `kmipcheck load` writes and `--compare` reads. */
import type { LatencySummary } from "./histogram";
import type { LoadMix } from "./mixes";
import type { LoadRecorder } from "./recorder";
import type { LoadOptions } from "./run";

export const LOAD_RESULT_FORMAT = "kmipcheck-load-result/1";

export interface LoadResult {
  format: typeof LOAD_RESULT_FORMAT;
  target: string;
  mix: string;
  mixDescription: string;
  connections: number;
  /** Requested duration; the run ends after the iterations in flight at that point finish. */
  durationSeconds: number;
  elapsedSeconds: number;
  /** Requested total rate in requests per second; absent for an unpaced run. */
  rate?: number;
  startedAt: string;
  tls: { protocol: string; cipher: string };
  /** Requests that got a response, successful or not. */
  requests: number;
  /** Whole mix iterations that succeeded. */
  iterations: number;
  requestsPerSecond: number;
  latency: LatencySummary;
  operations: Record<string, LatencySummary>;
  errors: { total: number; byReason: Record<string, number> };
  lostConnections: number;
}

export interface ResultInputs {
  options: LoadOptions;
  mix: LoadMix;
  recorder: LoadRecorder;
  startedAt: Date;
  elapsedSeconds: number;
  tls: { protocol: string; cipher: string };
}

export function buildLoadResult(inputs: ResultInputs): LoadResult {
  const { options, recorder } = inputs;
  const byReason = Object.fromEntries([...recorder.errors].sort(([left], [right]) => left.localeCompare(right)));

  return {
    format: LOAD_RESULT_FORMAT,
    target: options.target,
    mix: inputs.mix.name,
    mixDescription: inputs.mix.description,
    connections: options.connections,
    durationSeconds: options.durationSeconds,
    elapsedSeconds: inputs.elapsedSeconds,
    ...(options.rate === undefined ? {} : { rate: options.rate }),
    startedAt: inputs.startedAt.toISOString(),
    tls: inputs.tls,
    requests: recorder.overall.count,
    iterations: recorder.iterations,
    requestsPerSecond: recorder.overall.count / inputs.elapsedSeconds,
    latency: recorder.overall.summary(),
    operations: recorder.operationSummaries(),
    errors: { total: recorder.errorCount, byReason },
    lostConnections: recorder.lostConnections,
  };
}

const ms = (value: number): string => `${value.toFixed(3)} ms`;

/** Formats the end-of-run summary for the console. */
export function formatLoadResult(result: LoadResult): string {
  const rate = result.rate === undefined ? "unpaced" : `paced at ${result.rate} req/s`;
  const lines = [
    `load: mix ${result.mix} (${result.mixDescription}) on ${result.target}, ${result.connections} connection(s), ${result.elapsedSeconds.toFixed(1)} s, ${rate}, ${result.tls.protocol}`,
    `  requests     ${result.requests} (${result.iterations} iterations)`,
    `  throughput   ${result.requestsPerSecond.toFixed(1)} requests/s`,
    `  latency      p50 ${ms(result.latency.p50Ms)}  p90 ${ms(result.latency.p90Ms)}  p99 ${ms(result.latency.p99Ms)}  max ${ms(result.latency.maxMs)}`,
  ];

  for (const [operation, summary] of Object.entries(result.operations)) {
    lines.push(`  ${operation.padEnd(12)} ${summary.count} requests, p50 ${ms(summary.p50Ms)}  p99 ${ms(summary.p99Ms)}`);
  }

  const reasons = Object.entries(result.errors.byReason).map(([reason, count]) => `${reason} ${count}`);
  lines.push(`  errors       ${result.errors.total}${reasons.length > 0 ? ` (${reasons.join(", ")})` : ""}`);
  if (result.lostConnections > 0) lines.push(`  lost         ${result.lostConnections} connection(s) failed during the run`);
  return lines.join("\n");
}
