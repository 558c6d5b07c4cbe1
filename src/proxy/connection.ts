/**
 * One client connection through the proxy: its own upstream connection to the server, each
 * complete message forwarded unchanged in both directions, and every request paired with the
 * response that follows it. KMIP over TLS returns responses in request order on one connection, so the
 * pairing is first in, first out.
 */
import type { TLSSocket } from "node:tls";
import { openTlsSocket } from "../transport/handshake";
import { resolveConnectOptions, type ConnectOptions } from "../transport";
import { FrameAssembler, TtlvFramingError } from "../ttlv";
import type { Exchange } from "../lint";

export type ProxyLog = (format: string, ...args: unknown[]) => void;

export interface ProxyConnectionOptions {
  upstream: ConnectOptions;
  /** Maximum wait for the server's response to a forwarded request, in milliseconds. */
  responseTimeoutMs: number;
  /** The connection closes after this long without traffic from the client, in milliseconds. */
  idleTimeoutMs: number;
  maxMessageSize: number;
  onExchange: (exchange: Exchange) => void;
}

interface PendingRequest {
  request: Buffer;
  receivedAt: Date;
}

export class ProxyConnection {
  private upstream: TLSSocket | undefined;
  private readonly fromClient: FrameAssembler;
  private readonly fromServer: FrameAssembler;
  /** Requests received but not yet forwarded, while the upstream connection opens. */
  private readonly unsent: Buffer[] = [];
  /** Forwarded requests that await their response, oldest first. */
  private readonly pending: PendingRequest[] = [];
  private responseTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly client: TLSSocket,
    private readonly subject: string,
    private readonly options: ProxyConnectionOptions,
    private readonly log: ProxyLog,
  ) {
    this.fromClient = new FrameAssembler({ maxMessageSize: options.maxMessageSize });
    this.fromServer = new FrameAssembler({ maxMessageSize: options.maxMessageSize });
  }

  start(): void {
    this.log("connected");
    this.client.setTimeout(this.options.idleTimeoutMs, () => this.close(`no traffic from the client for ${this.options.idleTimeoutMs} ms (idle timeout)`));
    this.client.on("data", (chunk: Buffer) => this.guarded(() => this.receiveRequest(chunk)));
    this.client.on("error", (error) => this.log("client socket error: %s", error.message));
    this.client.on("close", () => this.close("the client closed the connection"));
    void this.openUpstream();
  }

  private async openUpstream(): Promise<void> {
    try {
      const { socket } = await openTlsSocket(resolveConnectOptions(this.options.upstream));
      if (this.closed) {
        socket.destroy();
        return;
      }

      this.upstream = socket;
      socket.on("data", (chunk: Buffer) => this.guarded(() => this.receiveResponse(chunk)));
      socket.on("error", (error) => this.log("server socket error: %s", error.message));
      socket.on("close", () => this.close("the server closed the connection"));
      this.log("upstream connected to %s:%d", this.options.upstream.host, this.options.upstream.port);
      this.unsent.splice(0).forEach((request) => this.forward(request));
    } catch (error) {
      this.close(`cannot connect to the server: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private receiveRequest(chunk: Buffer): void {
    for (const request of this.frame(this.fromClient, chunk, "client")) {
      this.pending.push({ request, receivedAt: new Date() });
      if (this.upstream === undefined) {
        this.unsent.push(request);
      } else {
        this.forward(request);
      }
    }
  }

  private forward(request: Buffer): void {
    this.upstream?.write(request);
    this.startResponseTimer();
  }

  private receiveResponse(chunk: Buffer): void {
    for (const response of this.frame(this.fromServer, chunk, "server")) {
      const request = this.pending.shift();
      if (request === undefined) {
        this.close("the server sent a message that answers no request");
        return;
      }

      this.report(request, response);
      this.client.write(response);
      this.stopResponseTimer();
      if (this.pending.length > 0) {
        this.startResponseTimer();
      }
    }
  }

  private report(request: PendingRequest, response: Buffer | undefined): void {
    try {
      this.options.onExchange({ request: request.request, response, client: this.subject, receivedAt: request.receivedAt });
    } catch (error) {
      this.log("the exchange listener failed: %s", error instanceof Error ? error.stack : String(error));
    }
  }

  /** Returns the messages a chunk completes; a stream that cannot be framed closes the connection. */
  private frame(assembler: FrameAssembler, chunk: Buffer, sender: string): Buffer[] {
    if (this.closed) {
      return [];
    }

    try {
      return assembler.push(chunk);
    } catch (error) {
      if (!(error instanceof TtlvFramingError)) {
        throw error;
      }
      this.close(`the ${sender}'s stream cannot be framed: ${error.message}`);
      return [];
    }
  }

  private startResponseTimer(): void {
    if (this.responseTimer !== undefined) {
      return;
    }
    const timeout = this.options.responseTimeoutMs;
    this.responseTimer = setTimeout(() => this.close(`the server sent no response within ${timeout} ms (response timeout)`), timeout);
  }

  private stopResponseTimer(): void {
    clearTimeout(this.responseTimer);
    this.responseTimer = undefined;
  }

  /** Runs a socket event handler; an exception it raises closes this connection instead of the process. */
  private guarded(step: () => void): void {
    try {
      step();
    } catch (error) {
      this.close(`internal error: ${error instanceof Error ? error.stack : String(error)}`);
    }
  }

  /** Closes both sides once; requests still waiting are reported without a response, so their findings are kept. */
  close(reason: string): void {
    if (this.closed) {
      return;
    }
    this.closed = true;
    this.log("closing: %s", reason);

    this.stopResponseTimer();
    this.pending.splice(0).forEach((request) => this.report(request, undefined));
    this.client.end();
    this.upstream?.end();
    setTimeout(() => {
      this.client.destroy();
      this.upstream?.destroy();
    }, CLOSE_GRACE_MS).unref();
  }
}

/** After a clean close starts, a peer that does not close its side is cut off after this long. */
const CLOSE_GRACE_MS = 2000;
