/**
 * Servers on 127.0.0.1 for the transport tests: real TLS (node:tls) with certificates from the
 * test PKI, plus plain TCP servers for failures before TLS.
 */
import { createServer as createTcpServer, AddressInfo, Server, Socket } from "node:net";
import { createServer as createTlsServer, TlsOptions, TLSSocket } from "node:tls";
import { FrameAssembler } from "../../src/ttlv/framing";

export interface TestServer {
  port: number;
  /** Number of TLS or TCP connections accepted so far. */
  connections: number;
  close(): Promise<void>;
}

/** Starts a TLS server on an ephemeral port of 127.0.0.1 that passes each secure socket to the handler. */
export function startTlsServer(options: TlsOptions, handler: (socket: TLSSocket) => void): Promise<TestServer> {
  const server = createTlsServer(options, (socket) => {
    socket.on("error", () => undefined); // the client under test may drop the connection at any time
    handler(socket);
  });
  server.on("tlsClientError", () => undefined);
  return listen(server);
}

/** Starts a plain TCP server on an ephemeral port of 127.0.0.1. */
export function startTcpServer(handler: (socket: Socket) => void): Promise<TestServer> {
  const server = createTcpServer((socket) => {
    socket.on("error", () => undefined);
    handler(socket);
  });
  return listen(server);
}

/** Returns a port of 127.0.0.1 on which nothing listens: one just bound and released. */
export async function closedPort(): Promise<number> {
  const server = await startTcpServer(() => undefined);
  await server.close();
  return server.port;
}

async function listen(server: Server): Promise<TestServer> {
  const sockets = new Set<Socket>();
  const state: TestServer = { port: 0, connections: 0, close };

  server.on("connection", (socket: Socket) => {
    state.connections += 1;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.port = (server.address() as AddressInfo).port;
  return state;

  async function close(): Promise<void> {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Calls onMessage with each whole TTLV message the socket receives. */
export function onMessages(socket: Socket, onMessage: (message: Buffer) => void): void {
  const assembler = new FrameAssembler();
  socket.on("data", (chunk: Buffer) => {
    for (const message of assembler.push(chunk)) onMessage(message);
  });
}

/**
 * Builds a TTLV message: a Structure with the given tag holding one Integer (Batch Count, 0x42000D)
 * and, when padding > 0, a Byte String (Nonce Value, 0x4200C9) of that many bytes.
 */
export function message(tag: number, value: number, padding = 0): Buffer {
  const integer = Buffer.alloc(16);
  integer.writeUIntBE(0x42000d, 0, 3);
  integer.writeUInt8(0x02, 3);
  integer.writeUInt32BE(4, 4);
  integer.writeInt32BE(value, 8);

  const paddedLength = Math.ceil(padding / 8) * 8;
  const byteString = padding === 0 ? Buffer.alloc(0) : Buffer.alloc(8 + paddedLength, 0);
  if (padding > 0) {
    byteString.writeUIntBE(0x4200c9, 0, 3);
    byteString.writeUInt8(0x08, 3);
    byteString.writeUInt32BE(padding, 4);
    byteString.fill(0xab, 8, 8 + padding);
  }

  const header = Buffer.alloc(8);
  header.writeUIntBE(tag, 0, 3);
  header.writeUInt8(0x01, 3);
  header.writeUInt32BE(integer.length + byteString.length, 4);
  return Buffer.concat([header, integer, byteString]);
}

export const REQUEST_MESSAGE = 0x420078;
export const RESPONSE_MESSAGE = 0x42007b;

/** Returns the response the echo servers send for a request: the same bytes under the Response Message tag. */
export function echoResponse(request: Buffer): Buffer {
  const response = Buffer.from(request);
  response.writeUIntBE(RESPONSE_MESSAGE, 0, 3);
  return response;
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
