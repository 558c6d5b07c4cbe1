/**
 * One client connection: frames the byte stream into messages, processes them one at a time in
 * arrival order, and logs with the peer address and client certificate subject. Every resource a
 * client can make the connection hold is bounded (see ConnectionLimits): message size, queued
 * pipelined requests, unread responses (the next request waits until the client reads), and time.
 */
import { TLSSocket } from "node:tls";
import { FrameAssembler, TtlvFramingError } from "../src/ttlv";
import { ClientIdentity, clientIdentity } from "./identity";
import { ConnectionLimits } from "./limits";
import { LogFunction, RequestProcessor, SILENT_LOG } from "./processor";
import { RequestQueue } from "./request-queue";

/** After a clean close (TLS close_notify, then FIN) starts, a peer that does not close its side is cut off after this long. */
const CLOSE_GRACE_MS = 2000;

export function serveConnection(socket: TLSSocket, processor: RequestProcessor, limits: ConnectionLimits, serverLog: LogFunction): void {
  const client = clientIdentity(socket);
  new ServedConnection(socket, processor, limits, client, connectionLog(socket, client, serverLog)).start();
}

class ServedConnection {
  private readonly assembler: FrameAssembler;
  private readonly queue: RequestQueue;
  private messageTimer: NodeJS.Timeout | undefined;
  private closing = false;

  constructor(
    private readonly socket: TLSSocket,
    private readonly processor: RequestProcessor,
    private readonly limits: ConnectionLimits,
    private readonly client: ClientIdentity,
    private readonly log: LogFunction,
  ) {
    this.assembler = new FrameAssembler({ maxMessageSize: limits.maxMessageSize });
    this.queue = new RequestQueue(limits.maxQueuedBytes, (message) => this.answer(message));
  }

  start(): void {
    this.log("connected");
    this.socket.setTimeout(this.limits.idleTimeoutMs, () => this.close(`no traffic for ${this.limits.idleTimeoutMs} ms (idle timeout)`));
    this.socket.on("error", (error) => this.log("socket error: %s", error.message));
    this.socket.on("close", () => {
      this.stopMessageTimer();
      this.queue.clear();
      this.log("closed");
    });
    this.socket.on("data", (chunk: Buffer) => this.guarded(() => this.receive(chunk)));
  }

  private receive(chunk: Buffer): void {
    if (this.closing) {
      return;
    }

    const messages = this.frame(chunk);
    if (messages.length > 0) {
      this.stopMessageTimer();
    }
    for (const message of messages) {
      if (!this.queue.add(message)) {
        this.close(`a pipelined request would put more than ${this.limits.maxQueuedBytes} bytes of requests in the queue (maxQueuedBytes)`);
        return;
      }
    }

    // A request has begun but not ended: it must end within messageTimeoutMs of this chunk.
    if (this.assembler.pendingBytes > 0 && this.messageTimer === undefined) {
      const timeout = this.limits.messageTimeoutMs;
      this.messageTimer = setTimeout(() => this.close(`a request was not complete ${timeout} ms after its first byte (messageTimeoutMs)`), timeout);
    }
  }

  /**
   * Returns the messages a chunk completes. A framing error (not TTLV, or a message over the
   * maximum size) leaves no request to respond to and no way to find the next message, so the connection closes.
   */
  private frame(chunk: Buffer): Buffer[] {
    try {
      return this.assembler.push(chunk);
    } catch (error) {
      if (!(error instanceof TtlvFramingError)) {
        throw error;
      }
      this.close(`the stream cannot be framed: ${error.message}`);
      return [];
    }
  }

  private async answer(message: Buffer): Promise<void> {
    if (this.closing || this.socket.destroyed) {
      return;
    }

    try {
      const response = await this.processor.process(message, this.log, this.client);
      if (!this.socket.writable) {
        return;
      }
      // The next request waits until the client has read this response, so unread responses never pile up.
      if (!this.socket.write(response)) {
        await drained(this.socket);
      }
    } catch (error) {
      // The processor turns every KMIP failure into a response itself, so reaching here is a server bug.
      this.log("closing after an internal error: %s", error instanceof Error ? error.stack : String(error));
      this.socket.destroy();
    }
  }

  /** Runs a socket event handler; an exception it raises closes this connection instead of the process. */
  private guarded(step: () => void): void {
    try {
      step();
    } catch (error) {
      this.log("closing after an internal error: %s", error instanceof Error ? error.stack : String(error));
      this.socket.destroy();
    }
  }

  private close(reason: string): void {
    if (this.closing) {
      return;
    }
    this.closing = true;
    this.log("closing: %s", reason);

    this.stopMessageTimer();
    this.queue.clear();
    this.socket.end();
    setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS).unref();
  }

  private stopMessageTimer(): void {
    clearTimeout(this.messageTimer);
    this.messageTimer = undefined;
  }
}

/** Resolves when the socket has flushed its write buffer or has closed. */
function drained(socket: TLSSocket): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      socket.off("drain", done);
      socket.off("close", done);
      resolve();
    };
    socket.on("drain", done);
    socket.on("close", done);
  });
}

function connectionLog(socket: TLSSocket, client: ClientIdentity, serverLog: LogFunction): LogFunction {
  if (serverLog === SILENT_LOG) {
    return SILENT_LOG;
  }
  const peer = `${socket.remoteAddress}:${socket.remotePort}`;
  const subject = client.commonName ?? "no certificate";
  return (format, ...args) => serverLog(`[%s CN=%s] ${format}`, peer, subject, ...args);
}
