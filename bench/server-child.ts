/**
 * A server for the benchmarks, run in its own process so that it and the client each have a core:
 * `node dist/bench/server-child.js bundled|echo PKI-DIR`. It prints {"port": N} on one line once
 * it listens, and exits when its standard input closes (so it never outlives the benchmark).
 *
 * - bundled: the bundled KMIP server.
 * - echo: a bare node:tls server with the bundled server's TLS settings that writes back every
 *   byte it receives; the benchmark's TLS floor.
 */
import { readFileSync } from "node:fs";
import { AddressInfo } from "node:net";
import { join } from "node:path";
import { createServer, type TlsOptions } from "node:tls";
import { startBundledServer } from "../bundled-server";

const HOST = "127.0.0.1";

interface Credentials {
  ca: string;
  cert: string;
  key: string;
}

function readCredentials(folder: string): Credentials {
  const read = (name: string): string => readFileSync(join(folder, name), "utf8");
  return { ca: read("ca.pem"), cert: read("server.pem"), key: read("server.key") };
}

/** Returns the TLS settings of bundled-server/tls-server.ts: mutual TLS, TLS 1.2 to 1.3, Node's ciphers. */
export function echoTlsOptions(credentials: Credentials): TlsOptions {
  return { cert: credentials.cert, key: credentials.key, ca: credentials.ca, requestCert: true, rejectUnauthorized: true, minVersion: "TLSv1.2", maxVersion: "TLSv1.3" };
}

async function startEcho(credentials: Credentials): Promise<{ port: number; close: () => Promise<void> }> {
  const server = createServer(echoTlsOptions(credentials), (socket) => {
    socket.on("data", (chunk: Buffer) => socket.write(chunk));
    socket.on("error", () => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, HOST, resolve));

  const port = (server.address() as AddressInfo).port;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function main(): Promise<void> {
  const [mode, folder] = process.argv.slice(2);
  if ((mode !== "bundled" && mode !== "echo") || folder === undefined) {
    throw new Error("usage: server-child.js bundled|echo PKI-DIR");
  }

  const credentials = readCredentials(folder);
  const server =
    mode === "echo" ? await startEcho(credentials) : await startBundledServer({ host: HOST, port: 0, clientCa: credentials.ca, cert: credentials.cert, key: credentials.key });

  process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
  process.stdin.resume();
  process.stdin.on("close", () => {
    void server.close().then(() => process.exit(0));
  });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`server-child: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
