/**
 * One client connection: frames the byte stream into messages, processes them one at a time in
 * arrival order, and logs with the peer address and client certificate subject.
 */
import { TLSSocket } from "node:tls";
import { FrameAssembler, TtlvFramingError } from "../src/ttlv";
import { LogFunction, RequestProcessor } from "./processor";

export interface ConnectionOptions {
  maxMessageSize: number;
  /** A connection with no traffic for this long is closed, in milliseconds. */
  idleTimeoutMs: number;
}

export function serveConnection(socket: TLSSocket, processor: RequestProcessor, options: ConnectionOptions, serverLog: LogFunction): void {
  const log = connectionLog(socket, serverLog);
  const assembler = new FrameAssembler({ maxMessageSize: options.maxMessageSize });
  let queue = Promise.resolve();
  log("connected");

  socket.setTimeout(options.idleTimeoutMs, () => {
    log("idle for %d ms, closing", options.idleTimeoutMs);
    socket.end();
  });
  socket.on("error", (error) => log("socket error: %s", error.message));
  socket.on("close", () => log("closed"));

  socket.on("data", (chunk: Buffer) => {
    for (const message of framedMessages(assembler, chunk, socket, log)) {
      queue = queue.then(() => answer(message, socket, processor, log));
    }
  });
}

/**
 * Returns the messages a chunk completes. A framing error (not TTLV, or a message over the
 * maximum size) leaves no request to respond to and no way to find the next message, so the connection closes.
 */
function framedMessages(assembler: FrameAssembler, chunk: Buffer, socket: TLSSocket, log: LogFunction): Buffer[] {
  try {
    return assembler.push(chunk);
  } catch (error) {
    if (!(error instanceof TtlvFramingError)) {
      throw error;
    }
    log("closing, the stream cannot be framed: %s", error.message);
    socket.end();
    return [];
  }
}

async function answer(message: Buffer, socket: TLSSocket, processor: RequestProcessor, log: LogFunction): Promise<void> {
  if (socket.destroyed) {
    return;
  }
  try {
    const response = await processor.process(message, log);
    socket.write(response);
  } catch (error) {
    // The processor answers every KMIP failure itself; reaching here is a server bug.
    log("closing after an internal error: %s", error instanceof Error ? error.stack : String(error));
    socket.destroy();
  }
}

function connectionLog(socket: TLSSocket, serverLog: LogFunction): LogFunction {
  const peer = `${socket.remoteAddress}:${socket.remotePort}`;
  const subject = socket.getPeerCertificate()?.subject?.CN ?? "no certificate";
  return (format, ...args) => serverLog(`[%s CN=%s] ${format}`, peer, subject, ...args);
}
