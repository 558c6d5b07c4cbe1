/**
 * `kmipcheck proxy`: a TLS server that forwards each client connection to a KMIP server over its
 * own mutual-TLS connection, message by message and unchanged, and reports every exchange.
 */
import type { AddressInfo, Socket } from "node:net";
import { createServer, type TLSSocket } from "node:tls";
import { debuglog } from "node:util";
import { KmipcheckError } from "../errors";
import type { Exchange } from "../lint";
import { DEFAULT_MAX_MESSAGE_SIZE } from "../ttlv";
import type { ConnectOptions } from "../transport";
import { ProxyConnection, type ProxyLog } from "./connection";

export const DEFAULT_PROXY_RESPONSE_TIMEOUT_MS = 30_000;
export const DEFAULT_PROXY_IDLE_TIMEOUT_MS = 300_000;
export const DEFAULT_PROXY_HANDSHAKE_TIMEOUT_MS = 10_000;

export interface ProxyOptions {
  /** Address to listen on, e.g. 127.0.0.1. */
  host: string;
  /** Port to listen on; 0 picks a free port. */
  port: number;
  /** Certificate and key (PEM) the proxy presents to clients. */
  cert: string;
  key: string;
  /** PEM of the CA that signs client certificates; other clients are refused at the handshake. */
  clientCa: string;
  /** The server to forward to, with the proxy's own client credentials. */
  upstream: ConnectOptions;
  /** Called with each request and its response (undefined when the connection ended first). */
  onExchange: (exchange: Exchange) => void;
  responseTimeoutMs?: number;
  idleTimeoutMs?: number;
  handshakeTimeoutMs?: number;
  maxMessageSize?: number;
  /** Log function (util.format style); default util.debuglog("kmipcheck:proxy"). */
  log?: ProxyLog;
}

export interface KmipProxy {
  host: string;
  port: number;
  /** Stops listening and closes every open connection. */
  close(): Promise<void>;
}

export async function startProxy(options: ProxyOptions): Promise<KmipProxy> {
  const log = options.log ?? debuglog("kmipcheck:proxy");
  const connections = new Set<ProxyConnection>();
  const sockets = new Set<Socket>();

  const server = createServer(
    { cert: options.cert, key: options.key, ca: options.clientCa, requestCert: true, rejectUnauthorized: true, minVersion: "TLSv1.2", handshakeTimeout: options.handshakeTimeoutMs ?? DEFAULT_PROXY_HANDSHAKE_TIMEOUT_MS },
    (socket: TLSSocket) => {
      const connection = accept(socket, options, log);
      connections.add(connection);
      socket.on("close", () => connections.delete(connection));
    },
  );
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("tlsClientError", (error, socket) => {
    log("[%s:%s] TLS handshake failed, client rejected: %s", socket.remoteAddress, socket.remotePort, error.message);
    socket.destroy();
  });

  await listen(server, options);
  const port = (server.address() as AddressInfo).port;
  log("listening on %s:%d, forwarding to %s:%d", options.host, port, options.upstream.host, options.upstream.port);
  return { host: options.host, port, close: () => stop(server, connections, sockets) };
}

function accept(socket: TLSSocket, options: ProxyOptions, serverLog: ProxyLog): ProxyConnection {
  const subject = certificateSubject(socket);
  const peer = `${socket.remoteAddress}:${socket.remotePort}`;
  const log: ProxyLog = (format, ...args) => serverLog(`[%s %s] ${format}`, peer, subject, ...args);
  const connection = new ProxyConnection(socket, subject, {
    upstream: options.upstream,
    responseTimeoutMs: options.responseTimeoutMs ?? DEFAULT_PROXY_RESPONSE_TIMEOUT_MS,
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_PROXY_IDLE_TIMEOUT_MS,
    maxMessageSize: options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE,
    onExchange: options.onExchange,
  }, log);
  connection.start();
  return connection;
}

/** Returns the subject of the client certificate as "O=..., CN=...", the same form the bundled server uses. */
export function certificateSubject(socket: TLSSocket): string {
  const subject: Record<string, string | string[] | undefined> = socket.getPeerCertificate()?.subject ?? {};
  return Object.entries(subject)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join("+") : value}`)
    .join(", ");
}

function listen(server: ReturnType<typeof createServer>, options: ProxyOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", (error) =>
      reject(new KmipcheckError("PROXY_LISTEN", `the proxy cannot listen on ${options.host}:${options.port}: ${error.message}; choose another port or 0 for any free one`, { cause: error, context: { host: options.host, port: options.port } })),
    );
    server.listen(options.port, options.host, () => resolve());
  });
}

function stop(server: ReturnType<typeof createServer>, connections: Set<ProxyConnection>, sockets: Set<Socket>): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    connections.forEach((connection) => connection.close("the proxy is stopping"));
    sockets.forEach((socket) => socket.destroy());
  });
}
