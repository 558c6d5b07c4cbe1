/**
 * The stop of a vector before its last step: by the vector timeout, or by the run's abort signal (Ctrl-C).
 */
import { ReplayError } from "./errors";
import type { StepError, TargetOptions } from "./types";

export class VectorStop {
  /** The reason the vector was stopped; undefined while it may go on. */
  reason?: StepError;

  private readonly callbacks: Array<() => void> = [];
  private readonly timer?: NodeJS.Timeout;
  private readonly signal?: AbortSignal;
  private readonly onAbort = () => this.trigger({ code: "REPLAY_INTERRUPTED", message: "the run was interrupted" });

  constructor(target: Pick<TargetOptions, "vectorTimeoutMs" | "signal">) {
    const timeoutMs = target.vectorTimeoutMs;
    if (timeoutMs !== undefined) {
      const message = `the vector did not finish within its timeout of ${timeoutMs} ms`;
      this.timer = setTimeout(() => this.trigger({ code: "REPLAY_VECTOR_TIMEOUT", message }), timeoutMs);
    }

    this.signal = target.signal;
    if (this.signal?.aborted === true) {
      this.onAbort();
    }
    this.signal?.addEventListener("abort", this.onAbort, { once: true });
  }

  /** Calls the callback when the vector is stopped (at once if it already is). */
  onStop(callback: () => void): void {
    this.callbacks.push(callback);
    if (this.reason !== undefined) {
      callback();
    }
  }

  /** Settles like the promise, or rejects with the reason when the vector is stopped first. */
  guard<T>(promise: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.onStop(() => reject(new ReplayError(this.reason!.code, this.reason!.message)));
      promise.then(resolve, reject);
    });
  }

  /** Clears the timer and the signal listener; the vector can no longer be stopped. */
  dispose(): void {
    clearTimeout(this.timer);
    this.signal?.removeEventListener("abort", this.onAbort);
    this.callbacks.length = 0;
  }

  private trigger(reason: StepError): void {
    if (this.reason !== undefined) {
      return;
    }

    this.reason = reason;
    this.callbacks.forEach((callback) => callback());
  }
}
