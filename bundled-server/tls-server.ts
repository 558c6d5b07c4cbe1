/**
 * The TLS listener (node:tls). Clients must present a certificate signed by the configured client
 * CA: requestCert with rejectUnauthorized refuses any other client during the handshake.
 */
import { AddressInfo, Socket } from "node:net";
import { createServer, Server, TLSSocket } from "node:tls";
import { KmipcheckError } from "../src/errors";
import { ConnectionOptions, serveConnection } from "./connection";
import { LogFunction, RequestProcessor } from "./processor";

export interface ListenOptions extends ConnectionOptions {
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
    { cert: options.cert, key: options.key, ca: options.clientCa, requestCert: true, rejectUnauthorized: true, minVersion: "TLSv1.2", maxVersion: "TLSv1.3" },
    (socket: TLSSocket) => serveConnection(socket, processor, options, log),
  );

  // TCP sockets are tracked from accept, so close() also ends connections still in the handshake.
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("tlsClientError", (error, socket) => log("[%s:%s] TLS handshake failed, client rejected: %s", socket.remoteAddress, socket.remotePort, error.message));

  await startListening(server, options);
  const port = (server.address() as AddressInfo).port;
  log("listening on %s:%d", options.host, port);
  return { port, close: () => stop(server, sockets, log) };
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
