/**
 * KMIP over HTTPS (KMIP Additional Message Encodings 1.0 §2): HTTP/1.0 and HTTP/1.1 over the same
 * mutual TLS as the TTLV listener. A client POSTs one request message to the target URI (/kmip,
 * §2.3) with the Content-Type of its encoding. The response has status 200, the same
 * Content-Type, a Content-Length and Cache-Control "no-cache" (§2.5).
 *
 * Requests that carry no KMIP message get an HTTP error instead, because there is no KMIP response
 * to send: 404 for another path, 405 for another method, 415 for another Content-Type, 413 for a
 * body over maxMessageSize, 400 for a body that is not a message in its encoding.
 */
import { IncomingMessage, ServerResponse } from "node:http";
import { createServer, Server } from "node:https";
import { AddressInfo, Socket } from "node:net";
import { TLSSocket } from "node:tls";
import { KmipcheckError } from "../src/errors";
import { CONTENT_TYPES, encodingOfContentType, MessageEncoding, MessageEncodingError, requestToTtlv, responseFromTtlv } from "./message-encodings";
import { LogFunction } from "./processor";

/** Target URI that servers SHOULD support (§2.3). */
export const DEFAULT_KMIP_HTTPS_PATH = "/kmip";

export interface HttpsListenOptions {
  host: string;
  port: number;
  cert: string;
  key: string;
  clientCa: string;
  /** Target URI of KMIP requests; default /kmip. */
  path?: string;
  /** Largest request body accepted, in bytes. */
  maxMessageSize: number;
  /** Time allowed to receive one whole request, headers and body, in milliseconds. */
  requestTimeoutMs: number;
  /** A keep-alive connection with no request for this long is closed, in milliseconds. */
  idleTimeoutMs: number;
}

/** Processes one TTLV request message from the client on `socket` and returns the TTLV response. */
export type TtlvMessageHandler = (message: Buffer, socket: TLSSocket) => Promise<Buffer>;

export interface HttpsListener {
  port: number;
  close(): Promise<void>;
}

class HttpRequestError extends KmipcheckError {
  constructor(readonly status: number, message: string) {
    super("BUNDLED_SERVER_HTTP_REQUEST", message, { context: { status } });
  }
}

export async function listenHttps(options: HttpsListenOptions, handle: TtlvMessageHandler, log: LogFunction): Promise<HttpsListener> {
  const server = createServer(
    { cert: options.cert, key: options.key, ca: options.clientCa, requestCert: true, rejectUnauthorized: true, minVersion: "TLSv1.2", maxVersion: "TLSv1.3" },
    (request, response) => void serveRequest(request, response, options, handle, log),
  );
  server.requestTimeout = options.requestTimeoutMs;
  server.headersTimeout = Math.min(options.requestTimeoutMs, 60_000);
  server.keepAliveTimeout = options.idleTimeoutMs;
  server.on("tlsClientError", (error, socket) => log("[https %s:%s] TLS handshake failed, client rejected: %s", socket.remoteAddress, socket.remotePort, error.message));

  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await startListening(server, options);
  const port = (server.address() as AddressInfo).port;
  log("listening for KMIP over HTTPS on %s:%d%s", options.host, port, options.path ?? DEFAULT_KMIP_HTTPS_PATH);
  return { port, close: () => stop(server, sockets, log) };
}

async function serveRequest(request: IncomingMessage, response: ServerResponse, options: HttpsListenOptions, handle: TtlvMessageHandler, log: LogFunction): Promise<void> {
  const socket = request.socket as TLSSocket;
  const peer = `${socket.remoteAddress}:${socket.remotePort}`;
  try {
    const encoding = checkRequest(request, options.path ?? DEFAULT_KMIP_HTTPS_PATH);
    const body = await readBody(request, options.maxMessageSize);
    const message = requestToTtlv(body, encoding);

    const answer = responseFromTtlv(await handle(message, socket), encoding);
    response.writeHead(200, { "Content-Type": CONTENT_TYPES[encoding], "Content-Length": answer.length, "Cache-Control": "no-cache" });
    response.end(answer);
  } catch (error) {
    const status = httpStatusOf(error);
    const text = error instanceof Error ? error.message : String(error);
    const detail = status === 500 && error instanceof Error ? error.stack : text;
    log("[https %s] %s %s failed with HTTP status %d: %s", peer, request.method, request.url, status, detail);
    sendError(response, status, status === 500 ? "the server failed to process the request" : text);
  }
}

/** Returns 400 for a body that is not a message, the status a request check chose, or 500 for a server bug. */
function httpStatusOf(error: unknown): number {
  if (error instanceof HttpRequestError) {
    return error.status;
  }
  return error instanceof MessageEncodingError ? 400 : 500;
}

/** Returns the encoding of a well-formed KMIP request, or raises the HTTP status for another request. */
function checkRequest(request: IncomingMessage, path: string): MessageEncoding {
  const url = (request.url ?? "").split("?")[0];
  if (url !== path) {
    throw new HttpRequestError(404, `no KMIP endpoint at ${url}; POST requests to ${path}`);
  }
  if (request.method !== "POST") {
    throw new HttpRequestError(405, `method ${request.method} is not allowed; KMIP requests use POST`);
  }
  const encoding = encodingOfContentType(request.headers["content-type"]);
  if (encoding === undefined) {
    const accepted = Object.values(CONTENT_TYPES).join(", ");
    throw new HttpRequestError(415, `Content-Type "${request.headers["content-type"] ?? ""}" is not supported; send one of ${accepted}`);
  }
  return encoding;
}

/** Collects the body, raising 413 as soon as it exceeds maxBytes. */
function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers["content-length"] ?? "0");
  if (declared > maxBytes) {
    return Promise.reject(new HttpRequestError(413, `the body has ${declared} bytes; the maximum is ${maxBytes}`));
  }

  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    request.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        reject(new HttpRequestError(413, `the body exceeds the maximum of ${maxBytes} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

function sendError(response: ServerResponse, status: number, text: string): void {
  if (response.headersSent || response.destroyed) {
    return;
  }
  const body = Buffer.from(`${text}\n`, "utf8");
  response.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": body.length, "Cache-Control": "no-cache", Connection: "close" });
  response.end(body);
}

function startListening(server: Server, options: HttpsListenOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", (error) =>
      reject(new KmipcheckError("BUNDLED_SERVER_LISTEN", `the bundled server cannot listen for HTTPS on ${options.host}:${options.port}: ${error.message}; choose another port or 0 for any free one`, { cause: error, context: { host: options.host, port: options.port } })),
    );
    server.listen(options.port, options.host, () => resolve());
  });
}

/** Stops accepting, ends every open connection, and resolves once the listener has closed. */
function stop(server: Server, sockets: Set<Socket>, log: LogFunction): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => {
      log("stopped listening for KMIP over HTTPS");
      resolve();
    });
    for (const socket of sockets) {
      socket.destroy();
    }
  });
}
