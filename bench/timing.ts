/** Timing loops and summary statistics shared by the benchmark parts. */
import { performance } from "node:perf_hooks";

export interface TimedLoop {
  iterations: number;
  seconds: number;
}

/** Runs `operation` until both the time budget and the minimum iteration count are spent. */
export function timeLoop(operation: () => unknown, budgetSeconds: number, minIterations: number): TimedLoop {
  // Check the clock every `batch` calls so that reading it does not dominate a sub-microsecond operation.
  const batch = 64;
  const start = performance.now();
  let iterations = 0;
  let elapsed = 0;

  while (elapsed < budgetSeconds || iterations < minIterations) {
    for (let index = 0; index < batch; index++) operation();
    iterations += batch;
    elapsed = (performance.now() - start) / 1000;
  }
  return { iterations, seconds: elapsed };
}

export function perSecond(loop: TimedLoop): number {
  return loop.iterations / loop.seconds;
}

export function median(values: number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
