/**
 * The TLS listener (node:tls). Clients must present a certificate signed by the configured client
 * CA: requestCert with rejectUnauthorized refuses any other client during the handshake.
 */
import { AddressInfo, Socket } from "node:net";
import { createServer, Server, TLSSocket } from "node:tls";
import { KmipcheckError } from "../src/errors";
import { serveConnection } from "./connection";
import { ConnectionLimits } from "./limits";
import { LogFunction, RequestProcessor } from "./processor";

export interface ListenOptions extends ConnectionLimits {
  host: string;
  port: number;
  cert: string;
  key: string;
  clientCa: string;
}

export interface Listener {
  port: number;
  close(): Promise<void>;
}

export async function listen(options: ListenOptions, processor: RequestProcessor, log: LogFunction): Promise<Listener> {
  const server = createServer(
    {
      cert: options.cert, key: options.key, ca: options.clientCa, requestCert: true, rejectUnauthorized: true, minVersion: "TLSv1.2", maxVersion: "TLSv1.3",
      handshakeTimeout: options.handshakeTimeoutMs,
    },
    (socket: TLSSocket) => serveSafely(socket, processor, options, log),
  );
  // net.Server drops connections beyond maxConnections right after accept, before any TLS byte.
  server.maxConnections = options.maxConnections;
  server.on("drop", (peer) => log("[%s:%s] connection refused: %d connections are open (maxConnections)", peer?.remoteAddress, peer?.remotePort, options.maxConnections));

  // TCP sockets are tracked from accept, so close() also ends connections still in the handshake.
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  // A handshake that fails or exceeds handshakeTimeoutMs ends here. Once this event has a
  // listener, Node.js 20 leaves the socket open (a timed-out handshake stayed open in a test), so
  // the listener destroys it.
  server.on("tlsClientError", (error, socket) => {
    log("[%s:%s] TLS handshake failed, client rejected: %s", socket.remoteAddress, socket.remotePort, error.message);
    socket.destroy();
  });

  await startListening(server, options);
  server.on("error", (error) => log("listener error: %s", error.message));
  const port = (server.address() as AddressInfo).port;
  log("listening on %s:%d", options.host, port);
  return { port, close: () => stop(server, sockets, log) };
}

/** Serves the connection; an exception while setting it up closes that connection, not the process. */
function serveSafely(socket: TLSSocket, processor: RequestProcessor, limits: ConnectionLimits, log: LogFunction): void {
  try {
    serveConnection(socket, processor, limits, log);
  } catch (error) {
    log("[%s:%s] closing after an internal error: %s", socket.remoteAddress, socket.remotePort, error instanceof Error ? error.stack : String(error));
    socket.destroy();
  }
}

function startListening(server: Server, options: ListenOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", (error) =>
      reject(new KmipcheckError("BUNDLED_SERVER_LISTEN", `the bundled server cannot listen on ${options.host}:${options.port}: ${error.message}; choose another port or 0 for any free one`, { cause: error, context: { host: options.host, port: options.port } })),
    );
    server.listen(options.port, options.host, () => resolve());
  });
}

/** Stops accepting, ends every open connection, and resolves once the listener has closed. */
function stop(server: Server, sockets: Set<Socket>, log: LogFunction): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => {
      log("stopped");
      resolve();
    });
    for (const socket of sockets) {
      socket.destroy();
    }
  });
}
