/**
 * KMIP over HTTPS (KMIP Additional Message Encodings 1.0 §2): each request message is POSTed to
 * the target URI over the same mutual TLS as the TTLV transport, and the response body contains the
 * response message. One keep-alive agent per connection object keeps one TLS connection open
 * across requests and opens a new one, with the same checks, if the server closes it.
 */
import { X509Certificate } from "node:crypto";
import type { ClientRequest, IncomingMessage } from "node:http";
import { Agent, request as httpsRequest } from "node:https";
import type { Duplex } from "node:stream";
import type { TLSSocket } from "node:tls";
import { debuglog } from "node:util";
import { DEFAULT_MAX_MESSAGE_SIZE } from "../ttlv/framing";
import type { KmipChannel } from "./channel";
import { errorCode, TransportError, type TransportErrorCode } from "./errors";
import { openTlsSocket } from "./handshake";
import { checkResponseHeaders, TTLV_BODY, type HttpBodyEncoding } from "./http-body";
import { ConnectOptions, formatAddress, resolveConnectOptions, ResolvedOptions } from "./options";

const debug = debuglog("kmipcheck:transport");

/** Target URI that KMIP servers SHOULD support (§2.3). */
export const DEFAULT_KMIP_HTTPS_PATH = "/kmip";

/**
 * Response bodies in XML or JSON take more bytes than the TTLV message they carry, so their limit is
 * this many times maxMessageSize. NOTE: an estimate; hex Byte Strings in XML double, names add more.
 */
const TEXT_BODY_EXPANSION = 8;

export interface HttpsOptions {
  /** TCP port of the HTTPS listener; default the port of the ConnectOptions. */
  port?: number;
  /** Target URI; default /kmip. */
  path?: string;
  /** Encoding of the bodies; default TTLV. */
  encoding?: HttpBodyEncoding;
}

/** Hands the TLS socket of the first handshake to the first request, and opens and checks later ones like it. */
class ChannelAgent extends Agent {
  constructor(private readonly tlsOptions: ResolvedOptions, private spare: TLSSocket | undefined) {
    super({ keepAlive: true, maxSockets: 1 });
  }

  override createConnection(_options: unknown, callback?: (error: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const spare = this.spare;
    this.spare = undefined;
    if (spare !== undefined && !spare.destroyed) {
      return spare;
    }

    debug("%s: opening a new TLS connection for KMIP over HTTPS", formatAddress(this.tlsOptions.host, this.tlsOptions.port));
    openTlsSocket(this.tlsOptions).then(
      ({ socket }) => callback?.(null, socket),
      (error: Error) => callback?.(error, undefined as unknown as Duplex),
    );
    return undefined;
  }

  /** Destroys the pooled connections and the first one if no request has taken it. */
  override destroy(): void {
    this.spare?.destroy();
    this.spare = undefined;
    super.destroy();
  }
}

/** A KMIP over HTTPS connection that sends one request at a time; every failure is a TransportError. */
export class HttpsKmipConnection implements KmipChannel {
  readonly peerCertificate: X509Certificate;
  readonly protocol: string;
  readonly cipher: string;

  private readonly agent: ChannelAgent;
  private readonly encoding: HttpBodyEncoding;
  private busy = false;
  private closed = false;
  private roundTrips = 0;

  private constructor(private readonly options: ResolvedOptions, private readonly path: string, encoding: HttpBodyEncoding, first: { socket: TLSSocket; peerCertificate: X509Certificate }) {
    this.peerCertificate = first.peerCertificate;
    this.protocol = first.socket.getProtocol() ?? "unknown";
    this.cipher = first.socket.getCipher().standardName;
    this.encoding = encoding;
    this.agent = new ChannelAgent(options, first.socket);
  }

  /** Completes the first TLS handshake; raises TransportError on bad options or failure, as KmipConnection.connect does. */
  static async connect(options: ConnectOptions, https: HttpsOptions = {}): Promise<HttpsKmipConnection> {
    const resolved = resolveConnectOptions({ ...options, port: https.port ?? options.port });
    const path = checkPath(https.path ?? DEFAULT_KMIP_HTTPS_PATH, resolved);
    const first = await openTlsSocket(resolved);
    return new HttpsKmipConnection(resolved, path, https.encoding ?? TTLV_BODY, first);
  }

  /** "https://host:port/path" of the KMIP endpoint. */
  get address(): string {
    return `https://${formatAddress(this.options.host, this.options.port)}${this.path}`;
  }

  /** Name of the body encoding, e.g. "TTLV". */
  get encodingName(): string {
    return this.encoding.name;
  }

  /** POSTs one TTLV request message in the connection's encoding and resolves with the TTLV response message. */
  async roundTrip(request: Buffer, timeoutMs: number = this.options.responseTimeoutMs): Promise<Buffer> {
    this.checkReady(timeoutMs);
    this.busy = true;
    this.roundTrips += 1;
    try {
      const response = await this.post(this.encoding.encodeRequest(request), timeoutMs);
      return this.decodeBody(response);
    } finally {
      this.busy = false;
    }
  }

  /** Closes the agent's connections; later requests raise TRANSPORT_CLOSED. */
  async close(): Promise<void> {
    this.closed = true;
    this.agent.destroy();
  }

  private checkReady(timeoutMs: number): void {
    if (this.closed) {
      throw this.error("TRANSPORT_CLOSED", `the connection to ${this.address} was closed by this client`);
    }
    if (this.busy) {
      throw this.error("TRANSPORT_BUSY", `cannot send a request to ${this.address} while request ${this.roundTrips} awaits its response: await each roundTrip() first`);
    }
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      throw this.error("TRANSPORT_INVALID_OPTIONS", `invalid response timeout ${timeoutMs} ms for ${this.address}: expected a positive number`);
    }
  }

  /** Sends the POST and collects the response; the timeout covers the connection, the request and the whole body. */
  private post(body: Buffer, timeoutMs: number): Promise<{ response: IncomingMessage; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const headers = { "Content-Type": this.encoding.contentType, "Content-Length": body.length, "Cache-Control": "no-cache" };
      const request = httpsRequest({ agent: this.agent, host: this.options.host, port: this.options.port, path: this.path, method: "POST", headers });
      const fail = (error: TransportError): void => {
        clearTimeout(timer);
        request.destroy();
        reject(error);
      };
      const timer = setTimeout(() => fail(this.responseTimeoutError(timeoutMs)), timeoutMs);

      request.on("error", (error: Error) => fail(error instanceof TransportError ? error : this.connectionLostError(error)));
      request.on("response", (response) => this.readBody(response, request, fail, (received) => {
        clearTimeout(timer);
        resolve({ response, body: received });
      }));
      debug("%s: POST request %d (%s, %d bytes)", this.address, this.roundTrips, this.encoding.name, body.length);
      request.end(body);
    });
  }

  private readBody(response: IncomingMessage, request: ClientRequest, fail: (error: TransportError) => void, done: (body: Buffer) => void): void {
    const limit = this.bodyLimit();
    const chunks: Buffer[] = [];
    let received = 0;

    response.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) {
        fail(this.error("TRANSPORT_FRAMING", `the response body from ${this.address} to request ${this.roundTrips} exceeds ${limit} bytes: raise the maximum message size if the server's responses are this large`, { bytesReceived: received }));
        return;
      }
      chunks.push(chunk);
    });
    response.on("end", () => done(Buffer.concat(chunks)));
    response.on("error", (error: Error) => fail(this.connectionLostError(error)));
    request.on("close", () => {
      if (!response.complete) fail(this.connectionLostError(new Error("the connection closed before the whole response body arrived")));
    });
  }

  /** Checks the HTTP status and headers of §2.5, then converts the body to one TTLV message. */
  private decodeBody({ response, body }: { response: IncomingMessage; body: Buffer }): Buffer {
    const status = response.statusCode ?? 0;
    if (status !== 200) {
      const text = body.toString("utf8").slice(0, 200).trim();
      throw this.error("TRANSPORT_HTTP_STATUS", `the server at ${this.address} returned HTTP status ${status} ${response.statusMessage ?? ""} to request ${this.roundTrips} instead of 200 and a KMIP response${text === "" ? "" : `: ${text}`}`, { status });
    }

    const headerFault = checkResponseHeaders(response.headers, body.length, this.encoding);
    if (headerFault !== undefined) {
      throw this.error("TRANSPORT_HTTP_RESPONSE", `invalid HTTP response from ${this.address} to request ${this.roundTrips}: ${headerFault} (KMIP Additional Message Encodings §2.5)`);
    }

    try {
      return this.encoding.decodeResponse(body, this.options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw this.error("TRANSPORT_FRAMING", `invalid ${this.encoding.name} response body from ${this.address} to request ${this.roundTrips}: ${reason}`, { framingCode: errorCode(cause) }, cause);
    }
  }

  private bodyLimit(): number {
    const maxMessageSize = this.options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE;
    return this.encoding === TTLV_BODY ? maxMessageSize : maxMessageSize * TEXT_BODY_EXPANSION;
  }

  private responseTimeoutError(timeoutMs: number): TransportError {
    const message = `no complete HTTP response from ${this.address} within ${timeoutMs} ms to request ${this.roundTrips}: check that the server handles this request, or raise the response timeout for slow operations`;
    return this.error("TRANSPORT_RESPONSE_TIMEOUT", message, { timeoutMs });
  }

  private connectionLostError(cause: Error): TransportError {
    return this.error("TRANSPORT_CLOSED", `the connection to ${this.address} failed during request ${this.roundTrips}: ${cause.message}`, { systemCode: errorCode(cause) }, cause);
  }

  private error(code: TransportErrorCode, message: string, context: Record<string, unknown> = {}, cause?: unknown): TransportError {
    return new TransportError(code, message, { cause, context: { host: this.options.host, port: this.options.port, path: this.path, ...context } });
  }
}

/** §2.3: the target URI is configurable; it must be an absolute path. */
function checkPath(path: string, options: ResolvedOptions): string {
  if (!/^\/[\x21-\x7e]*$/.test(path)) {
    const message = `invalid HTTPS target URI ${JSON.stringify(path)} for ${formatAddress(options.host, options.port)}: give an absolute path such as ${DEFAULT_KMIP_HTTPS_PATH}`;
    throw new TransportError("TRANSPORT_INVALID_OPTIONS", message, { context: { host: options.host, port: options.port, option: "path" } });
  }
  return path;
}
