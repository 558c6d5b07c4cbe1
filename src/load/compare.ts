/**
 * `kmipcheck load --compare A.json B.json`: the change from run A (for example firmware version A)
 * to run B, and whether B regressed beyond a threshold.
 */
import { KmipcheckError } from "../errors";
import { LOAD_RESULT_FORMAT, type LoadResult } from "./result";

export const DEFAULT_THRESHOLD_PERCENT = 10;

/** B's error rate may exceed A's by this many percentage points before it counts as a regression. */
export const ERROR_RATE_TOLERANCE_POINTS = 0.1;

export interface MetricChange {
  name: string;
  a: number;
  b: number;
  unit: string;
  /** (b - a) / a in percent; undefined when a is 0. */
  changePercent?: number;
  /** True for metrics where a higher value is better (throughput). */
  higherIsBetter: boolean;
  /** False for metrics shown but not judged (max latency, a single sample). */
  judged: boolean;
  regression: boolean;
}

export interface Comparison {
  thresholdPercent: number;
  changes: MetricChange[];
  /** Differences in settings that make the runs hard to compare (mix, connections, rate). */
  warnings: string[];
  regressed: boolean;
}

export class LoadResultFileError extends KmipcheckError {
  constructor(path: string, message: string, cause?: unknown) {
    super("LOAD_BAD_RESULT_FILE", `${path}: ${message}`, { cause, context: { path } });
  }
}

/** Parses a result file and checks the fields --compare reads. */
export function parseLoadResult(json: string, path: string): LoadResult {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (cause) {
    throw new LoadResultFileError(path, "not valid JSON: give a result file written by kmipcheck load", cause);
  }

  const result = value as Partial<LoadResult>;
  if (result?.format !== LOAD_RESULT_FORMAT) {
    throw new LoadResultFileError(path, `format is ${JSON.stringify(result?.format)}, expected "${LOAD_RESULT_FORMAT}": give a result file written by kmipcheck load`);
  }
  for (const field of ["requestsPerSecond", "requests"] as const) {
    if (typeof result[field] !== "number") throw new LoadResultFileError(path, `missing number ${field}`);
  }
  if (typeof result.latency?.p99Ms !== "number" || typeof result.errors?.total !== "number") {
    throw new LoadResultFileError(path, "missing latency or errors");
  }
  return result as LoadResult;
}

export function compareLoadResults(a: LoadResult, b: LoadResult, thresholdPercent = DEFAULT_THRESHOLD_PERCENT): Comparison {
  if (!Number.isFinite(thresholdPercent) || thresholdPercent < 0) {
    throw new RangeError(`invalid threshold ${thresholdPercent}: expected a percentage, 0 or more`);
  }

  const changes = [
    change("throughput", a.requestsPerSecond, b.requestsPerSecond, "req/s", true, true, thresholdPercent),
    change("latency p50", a.latency.p50Ms, b.latency.p50Ms, "ms", false, true, thresholdPercent),
    change("latency p90", a.latency.p90Ms, b.latency.p90Ms, "ms", false, true, thresholdPercent),
    change("latency p99", a.latency.p99Ms, b.latency.p99Ms, "ms", false, true, thresholdPercent),
    change("latency max", a.latency.maxMs, b.latency.maxMs, "ms", false, false, thresholdPercent),
    errorRateChange(a, b),
  ];
  return { thresholdPercent, changes, warnings: settingWarnings(a, b), regressed: changes.some((metric) => metric.regression) };
}

function change(name: string, a: number, b: number, unit: string, higherIsBetter: boolean, judged: boolean, thresholdPercent: number): MetricChange {
  const changePercent = a === 0 ? undefined : ((b - a) / a) * 100;

  // How much worse B is, in percent: a drop for throughput, a rise for latency.
  let worsePercent = changePercent ?? 0;
  if (higherIsBetter) worsePercent = -worsePercent;
  return { name, a, b, unit, changePercent, higherIsBetter, judged, regression: judged && worsePercent > thresholdPercent };
}

/** Error rate in percent of requests; a regression when B's exceeds A's by ERROR_RATE_TOLERANCE_POINTS. */
function errorRateChange(a: LoadResult, b: LoadResult): MetricChange {
  const [rateA, rateB] = [errorRate(a), errorRate(b)];
  const changePercent = rateA === 0 ? undefined : ((rateB - rateA) / rateA) * 100;
  return { name: "error rate", a: rateA, b: rateB, unit: "%", changePercent, higherIsBetter: false, judged: true, regression: rateB - rateA > ERROR_RATE_TOLERANCE_POINTS };
}

/** Failed requests in percent of all requests; a run whose every attempt failed before a response counts as 100 %. */
function errorRate(result: LoadResult): number {
  if (result.requests > 0) return (result.errors.total / result.requests) * 100;
  return result.errors.total > 0 ? 100 : 0;
}

function settingWarnings(a: LoadResult, b: LoadResult): string[] {
  const warnings: string[] = [];
  if (a.mix !== b.mix) warnings.push(`the runs used different mixes (${a.mix} and ${b.mix})`);
  if (a.connections !== b.connections) warnings.push(`the runs used different connection counts (${a.connections} and ${b.connections})`);
  if (a.rate !== b.rate) warnings.push(`the runs used different rates (${a.rate ?? "unpaced"} and ${b.rate ?? "unpaced"})`);
  return warnings;
}

export function formatComparison(comparison: Comparison, nameA: string, nameB: string): string {
  const lines = [`compare: A = ${nameA}, B = ${nameB}, threshold ${comparison.thresholdPercent} %`];
  lines.push(...comparison.warnings.map((warning) => `  warning: ${warning}`));

  for (const metric of comparison.changes) {
    const delta = metric.changePercent === undefined ? "n/a" : `${metric.changePercent >= 0 ? "+" : ""}${metric.changePercent.toFixed(1)} %`;
    let verdict = metric.regression ? "REGRESSION" : "ok";
    if (!metric.judged) verdict = "(not judged)";
    lines.push(`  ${metric.name.padEnd(12)} ${format(metric.a).padStart(12)} -> ${format(metric.b).padStart(12)} ${metric.unit.padEnd(5)} ${delta.padStart(9)}  ${verdict}`);
  }

  lines.push(comparison.regressed ? "result: B regressed beyond the threshold" : "result: no regression beyond the threshold");
  return lines.join("\n");
}

function format(value: number): string {
  return value >= 100 ? value.toFixed(1) : value.toFixed(3);
}
