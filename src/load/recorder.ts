/** Counts of a load run: latency per operation and overall, errors by Result Reason or transport code. */
import { LatencyHistogram, type LatencySummary } from "./histogram";

export class LoadRecorder {
  readonly overall = new LatencyHistogram();
  readonly byOperation = new Map<string, LatencyHistogram>();
  /** Error counts keyed by Result Reason name (e.g. "ItemNotFound") or error code (e.g. "TRANSPORT_RESPONSE_TIMEOUT"). */
  readonly errors = new Map<string, number>();
  iterations = 0;
  private readonly counted = new WeakSet<object>();
  /** Connections that failed during the run and stopped sending. */
  lostConnections = 0;

  /** Records one request that got a response, successful or not. */
  recordLatency(operation: string, microseconds: number): void {
    this.overall.record(microseconds);

    let histogram = this.byOperation.get(operation);
    if (histogram === undefined) {
      histogram = new LatencyHistogram();
      this.byOperation.set(operation, histogram);
    }
    histogram.record(microseconds);
  }

  /** Counts an error once under `key`, however many layers report the same error object. */
  recordError(key: string, error?: unknown): void {
    if (typeof error === "object" && error !== null) {
      if (this.counted.has(error)) return;
      this.counted.add(error);
    }
    this.errors.set(key, (this.errors.get(key) ?? 0) + 1);
  }

  get errorCount(): number {
    let total = 0;
    for (const count of this.errors.values()) total += count;
    return total;
  }

  operationSummaries(): Record<string, LatencySummary> {
    const entries = [...this.byOperation].sort(([left], [right]) => left.localeCompare(right));
    return Object.fromEntries(entries.map(([operation, histogram]) => [operation, histogram.summary()]));
  }
}
