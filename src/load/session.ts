/**
 * One load connection: sends each request as its own Request Message, times it, paces it when a
 * rate is set, and records the outcome.
 */
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { KmipcheckError } from "../errors";
import type { KmipConnection } from "../transport";
import { decode, encode } from "../ttlv";
import type { StructureNode, TtlvNode } from "../ttlv/types";
import { batchItem, requestMessage, type HeaderSettings } from "./requests";
import { LoadRecorder } from "./recorder";
import { isSuccess, OperationFailedError, singleBatchResult } from "./responses";

export interface SessionOptions {
  responseTimeoutMs: number;
  /** Protocol Version and Authentication of every request header. */
  header?: HeaderSettings;
  /** Requests per second on this connection; undefined sends each request as soon as the last returns. */
  rate?: number;
}

export class LoadSession {
  /** False during a mix's preparation and cleanup, whose requests are not counted. */
  measuring = false;
  private nextSlot: number | undefined;

  constructor(
    private readonly connection: KmipConnection,
    private readonly recorder: LoadRecorder,
    private readonly options: SessionOptions,
  ) {}

  /**
   * Sends one operation and returns its Response Payload. Raises OperationFailedError when the
   * Result Status is not Success, and the transport's error when the connection fails. While
   * measuring, it counts each error under errorKey().
   */
  async request(operationName: string, operation: number, payload: TtlvNode[]): Promise<StructureNode | undefined> {
    try {
      const bytes = encode(requestMessage([batchItem(operation, payload)], this.options.header));
      // Without a rate there is nothing to wait for, so the await (one more promise per request) is skipped.
      const start = this.options.rate === undefined || !this.measuring ? performance.now() : await this.waitForSlot();
      const response = await this.connection.roundTrip(bytes, this.options.responseTimeoutMs);
      if (this.measuring) this.recorder.recordLatency(operationName, (performance.now() - start) * 1000);
      return checkResult(operationName, response);
    } catch (error) {
      if (this.measuring) this.recorder.recordError(errorKey(error), error);
      throw error;
    }
  }

  /**
   * Waits for this request's send time (a rate is set) and returns the time latency counts from.
   * At a fixed rate, latency counts from the scheduled send time, not the actual one, so a slow
   * response also counts against the requests it delayed (the "coordinated omission" correction).
   */
  private async waitForSlot(): Promise<number> {
    const now = performance.now();
    const rate = this.options.rate as number;

    const slot = this.nextSlot ?? now;
    this.nextSlot = slot + 1000 / rate;
    if (slot > now) await sleep(slot - now);
    return slot;
  }
}

function checkResult(operationName: string, response: Buffer): StructureNode | undefined {
  const result = singleBatchResult(decode(response));
  if (isSuccess(result)) return result.payload;
  throw new OperationFailedError(operationName, result);
}

/** Returns the key an error is counted under: the Result Reason name for a KMIP failure, else the error code. */
export function errorKey(error: unknown): string {
  if (error instanceof OperationFailedError) return error.result.resultReason ?? "NoResultReason";
  if (error instanceof KmipcheckError) return error.code;
  return "UNEXPECTED_ERROR";
}
