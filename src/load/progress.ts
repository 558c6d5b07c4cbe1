/** The live progress line of a load run. */
import type { LoadProgress } from "./run";

export function formatProgress(progress: LoadProgress): string {
  const elapsed = `${Math.min(progress.elapsedSeconds, progress.durationSeconds).toFixed(0)}/${progress.durationSeconds} s`;
  return `[${elapsed}] ${progress.requests} requests, ${progress.currentRate.toFixed(0)} req/s, p99 ${progress.p99Ms.toFixed(3)} ms, ${progress.errors} errors`;
}
