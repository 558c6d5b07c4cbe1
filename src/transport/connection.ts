import { X509Certificate } from "node:crypto";
import { TLSSocket } from "node:tls";
import { debuglog } from "node:util";
import { FrameAssembler } from "../ttlv/framing";
import { errorCode, TransportError } from "./errors";
import { openTlsSocket, tlsError } from "./handshake";
import { ConnectOptions, formatAddress, resolveConnectOptions, ResolvedOptions } from "./options";

const debug = debuglog("kmipcheck:transport");

/** How long close() waits for the server to close its side before destroying the socket. */
const CLOSE_GRACE_MS = 1_000;

interface PendingRequest {
  resolve(response: Buffer): void;
  reject(error: TransportError): void;
  timer: NodeJS.Timeout;
  timeoutMs: number;
  bytesReceived: number;
}

/**
 * A mutual-TLS connection to a KMIP server that carries one request at a time: roundTrip() sends a
 * request message and resolves with the next whole response message (8-byte TTLV header plus
 * Length bytes). Every failure is a TransportError. After a failure, each later roundTrip() rejects
 * with that same error, except after a response timeout with no byte of the response received.
 */
export class KmipConnection {
  /** The certificate the server presented in the handshake. */
  readonly peerCertificate: X509Certificate;
  /** Negotiated TLS version, e.g. "TLSv1.3". */
  readonly protocol: string;
  /** Negotiated cipher suite in OpenSSL's naming, e.g. "TLS_AES_256_GCM_SHA384". */
  readonly cipher: string;

  private readonly assembler: FrameAssembler;
  private pending?: PendingRequest;
  private failure?: TransportError;
  private unsolicitedBytes = 0;
  private roundTrips = 0;

  private constructor(private readonly socket: TLSSocket, private readonly options: ResolvedOptions, peerCertificate: X509Certificate) {
    this.peerCertificate = peerCertificate;
    this.protocol = socket.getProtocol() ?? "unknown";
    this.cipher = socket.getCipher().standardName;
    this.assembler = new FrameAssembler({ maxMessageSize: options.maxMessageSize });

    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("error", (error: Error) => this.onError(error));
    socket.on("close", () => this.onClose());
  }

  /** Connects and completes the TLS handshake; raises TransportError on bad options or failure. */
  static async connect(options: ConnectOptions): Promise<KmipConnection> {
    const resolved = resolveConnectOptions(options);
    const { socket, peerCertificate } = await openTlsSocket(resolved);
    return new KmipConnection(socket, resolved, peerCertificate);
  }

  /** "host:port" of the server. */
  get address(): string {
    return formatAddress(this.options.host, this.options.port);
  }

  /**
   * Sends one request message and resolves with the next whole response message. Rejects while
   * another request is outstanding (TRANSPORT_BUSY), when the response takes longer than timeoutMs
   * (default: the connection's responseTimeoutMs), and on any failure of the connection.
   */
  roundTrip(request: Buffer, timeoutMs: number = this.options.responseTimeoutMs): Promise<Buffer> {
    const notReady = this.checkReady(timeoutMs);
    if (notReady !== undefined) {
      return Promise.reject(notReady);
    }

    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => this.onResponseTimeout(), timeoutMs);
      this.pending = { resolve, reject, timer, timeoutMs, bytesReceived: 0 };
      this.roundTrips += 1;

      debug("%s: sending request %d (%d bytes)", this.address, this.roundTrips, request.length);
      this.socket.write(request);
    });
  }

  /** Closes the connection (TLS close_notify, then TCP FIN) and rejects an outstanding request. */
  async close(): Promise<void> {
    this.fail(this.closedByClientError());
    if (this.socket.destroyed) {
      return;
    }

    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS);
      this.socket.once("close", () => {
        clearTimeout(timer);
        resolve();
      });
      this.socket.end();
    });
  }

  /** Returns the error that forbids a new request now, if any. */
  private checkReady(timeoutMs: number): TransportError | undefined {
    if (this.pending !== undefined) {
      const message = `cannot send a request to ${this.address} while request ${this.roundTrips} awaits its response: KMIP requests on one connection are sequential, so await each roundTrip() first`;
      return this.error("TRANSPORT_BUSY", message);
    }

    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      return this.error("TRANSPORT_INVALID_OPTIONS", `invalid response timeout ${timeoutMs} ms for ${this.address}: expected a positive number`);
    }

    if (this.unsolicitedBytes > 0 && this.failure === undefined) {
      this.fail(this.unsolicitedDataError());
      this.socket.destroy();
    }
    return this.failure;
  }

  private onData(chunk: Buffer): void {
    if (this.pending === undefined) {
      this.unsolicitedBytes += chunk.length;
      debug("%s: %d bytes arrived while no request was outstanding", this.address, chunk.length);
      return;
    }

    this.pending.bytesReceived += chunk.length;
    let messages: Buffer[];
    try {
      messages = this.assembler.push(chunk);
    } catch (cause) {
      this.fail(this.framingError(cause));
      this.socket.destroy();
      return;
    }

    if (messages.length > 0) {
      this.resolvePending(messages[0]);
      const extraBytes = messages.slice(1).reduce((total, message) => total + message.length, 0);
      this.unsolicitedBytes += extraBytes + this.assembler.pendingBytes;
    }
  }

  private resolvePending(response: Buffer): void {
    const pending = this.pending;
    if (pending === undefined) return;

    clearTimeout(pending.timer);
    this.pending = undefined;
    debug("%s: response %d received (%d bytes)", this.address, this.roundTrips, response.length);
    pending.resolve(response);
  }

  /** Rejects the outstanding request and keeps the error for later ones, unless one is already kept. */
  private fail(error: TransportError): void {
    this.failure ??= error;

    const pending = this.pending;
    if (pending !== undefined) {
      clearTimeout(pending.timer);
      this.pending = undefined;
      pending.reject(error);
    }
  }

  /**
   * Rejects the outstanding request. When part of the response had arrived, the rest would be
   * taken for the next response, so the connection is closed and keeps the error for later requests.
   */
  private onResponseTimeout(): void {
    const pending = this.pending;
    if (pending === undefined) return;

    debug("%s: response %d timed out after %d ms", this.address, this.roundTrips, pending.timeoutMs);
    const error = this.responseTimeoutError(pending);
    if (pending.bytesReceived === 0) {
      this.pending = undefined;
      pending.reject(error);
      return;
    }

    this.fail(error);
    this.socket.destroy();
  }

  private onError(cause: Error): void {
    debug("%s: socket error: %s", this.address, cause.message);
    const isTlsError = errorCode(cause)?.startsWith("ERR_SSL_") ?? false;
    this.fail(isTlsError ? tlsError(this.options, cause, "TLS connection") : this.connectionLostError(cause));
  }

  private onClose(): void {
    debug("%s: connection closed after %d requests", this.address, this.roundTrips);
    this.fail(this.closedByServerError());
  }

  private responseTimeoutError(pending: PendingRequest): TransportError {
    const received = pending.bytesReceived === 0 ? "nothing received" : `${pending.bytesReceived} bytes of it received`;
    const message =
      `no complete response from ${this.address} within ${pending.timeoutMs} ms to request ${this.roundTrips} (${received}): ` +
      "check that the server handles this request, or raise --response-timeout MS for slow operations";
    return this.error("TRANSPORT_RESPONSE_TIMEOUT", message, { timeoutMs: pending.timeoutMs, bytesReceived: pending.bytesReceived });
  }

  private closedByServerError(): TransportError {
    const bytesReceived = this.pending?.bytesReceived ?? 0;
    const message = this.pending === undefined
      ? `the server at ${this.address} closed the connection after ${this.roundTrips} requests`
      : `the server at ${this.address} closed the connection after sending ${bytesReceived} bytes of the response to request ${this.roundTrips}, before a whole message`;
    return this.error("TRANSPORT_CLOSED", message + this.rejectedClientHint(), { bytesReceived });
  }

  private connectionLostError(cause: Error): TransportError {
    const bytesReceived = this.pending?.bytesReceived ?? 0;
    const message = `connection to ${this.address} failed after ${bytesReceived} bytes of the current response: ${cause.message}`;
    return this.error("TRANSPORT_CLOSED", message + this.rejectedClientHint(), { bytesReceived, systemCode: errorCode(cause) }, cause);
  }

  /**
   * Returns a hint when the connection ends before any response byte. In TLS 1.3 the client's
   * handshake finishes before the server checks the client certificate, and a server that rejects
   * it (Node's does so without a TLS alert) simply closes the connection.
   */
  private rejectedClientHint(): string {
    const firstRequest = this.roundTrips === 0 || (this.roundTrips === 1 && this.pending?.bytesReceived === 0);
    if (!firstRequest || this.protocol !== "TLSv1.3") {
      return "";
    }
    return ": a TLS 1.3 server that rejects the client certificate closes the connection right after the handshake, so check that the client certificate is signed by a CA the server trusts";
  }

  private closedByClientError(): TransportError {
    return this.error("TRANSPORT_CLOSED", `the connection to ${this.address} was closed by this client`);
  }

  private unsolicitedDataError(): TransportError {
    const message =
      `the server at ${this.address} sent ${this.unsolicitedBytes} bytes while no request was outstanding ` +
      "(an extra or late response): requests and responses are out of step, so the connection is closed";
    return this.error("TRANSPORT_FRAMING", message, { bytesReceived: this.unsolicitedBytes });
  }

  private framingError(cause: unknown): TransportError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const message = `invalid response from ${this.address} to request ${this.roundTrips}: ${reason}`;
    return this.error("TRANSPORT_FRAMING", message, { framingCode: errorCode(cause) }, cause);
  }

  private error(code: TransportError["code"], message: string, context: Record<string, unknown> = {}, cause?: unknown): TransportError {
    return new TransportError(code, message, { cause, context: { host: this.options.host, port: this.options.port, ...context } });
  }
}
