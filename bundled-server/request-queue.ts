/**
 * Serves the requests of one connection one at a time, in arrival order. Requests that arrive
 * while one is being processed (pipelining) wait, up to a byte bound, so a client that sends
 * faster than the server responds cannot grow the server's memory without limit.
 */
export type RequestHandler = (message: Buffer) => Promise<void>;

export class RequestQueue {
  private readonly waiting: Buffer[] = [];
  private waitingBytes = 0;
  private busy = false;

  /** `handle` must not reject: it sends the response or closes the connection itself. */
  constructor(
    private readonly maxQueuedBytes: number,
    private readonly handle: RequestHandler,
  ) {}

  /** Bytes of the requests waiting behind the one being processed. */
  get queuedBytes(): number {
    return this.waitingBytes;
  }

  /**
   * Starts the request, or queues it behind the one being processed. Returns false, and drops the
   * request, when queueing it would put more than maxQueuedBytes behind that one.
   */
  add(message: Buffer): boolean {
    if (!this.busy) {
      this.start(message);
      return true;
    }

    if (this.waitingBytes + message.length > this.maxQueuedBytes) {
      return false;
    }
    this.waiting.push(message);
    this.waitingBytes += message.length;
    return true;
  }

  /** Drops the waiting requests; the one being processed still finishes. */
  clear(): void {
    this.waiting.length = 0;
    this.waitingBytes = 0;
  }

  private start(message: Buffer): void {
    this.busy = true;
    void this.handle(message).finally(() => this.startNext());
  }

  private startNext(): void {
    const message = this.waiting.shift();
    if (message === undefined) {
      this.busy = false;
      return;
    }

    this.waitingBytes -= message.length;
    this.start(message);
  }
}
