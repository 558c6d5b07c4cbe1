/**
 * Counters of the bundled server that benchmarks read through `BundledServer.stats()`: requests
 * processed, and how many keys were generated and how long that took. The benchmark compares a
 * replay's wall time with the key generation time, because protocol code cannot shorten the latter.
 */
import { performance } from "node:perf_hooks";

export interface BundledServerStats {
  /** Request messages processed, on the TLS and HTTPS listeners together. */
  requests: number;
  /** Keys and key pairs generated: Create, Create Key Pair and Re-key. */
  keyGenerations: number;
  /** Wall time spent generating them, in milliseconds. */
  keyGenerationMs: number;
}

export class ServerStatistics {
  private requests = 0;
  private keyGenerations = 0;
  private keyGenerationMs = 0;

  countRequest(): void {
    this.requests += 1;
  }

  /**
   * Runs `generate` (the random bytes of a symmetric key, or a whole key pair) and adds its wall
   * time to the key generation total, also when it throws.
   */
  timeKeyGeneration<T>(generate: () => T): T {
    const start = performance.now();
    try {
      return generate();
    } finally {
      this.keyGenerationMs += performance.now() - start;
      this.keyGenerations += 1;
    }
  }

  snapshot(): BundledServerStats {
    return { requests: this.requests, keyGenerations: this.keyGenerations, keyGenerationMs: this.keyGenerationMs };
  }
}

/** Runs a key generation step, timed when the context carries the server's statistics (unit tests build contexts without). */
export function generateKey<T>(context: { statistics?: ServerStatistics }, generate: () => T): T {
  return context.statistics === undefined ? generate() : context.statistics.timeKeyGeneration(generate);
}
