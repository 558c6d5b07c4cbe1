/**
 * Starts PyKMIP's server (pykmip-server of Debian's python3-pykmip, PyKMIP 0.10) on 127.0.0.1 for
 * interoperability tests, with a PKI from initPkiDirectory and its configuration, database,
 * policies and log in a temporary directory. Facts about PyKMIP 0.10 that this relies on (read in
 * kmip/services/server/{server,config,session}.py and kmip/services/auth.py):
 * - auth_suite "TLS1.2" serves TLS 1.2 only (ssl.PROTOCOL_TLSv1_2), with RSA key exchange, DHE
 *   and ECDHE suites using AES in CBC mode with SHA-256/384, and ECDSA GCM suites.
 * - The server requires a client certificate signed by ca_path (ssl.CERT_REQUIRED).
 * - With enable_tls_client_auth (the default), a request whose client certificate lacks the
 *   extended key usage clientAuth gets a response with Result Reason Authentication Not Successful.
 * - Without authentication plugins, the certificate's single common name is the client identity.
 * - SIGINT stops the accept loop at once; SIGTERM waits for the accept timeout of 10 s.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "node:tls";
import { setTimeout as sleep } from "node:timers/promises";
import { initPkiDirectory, type InitPkiResult } from "../../src/pki/init";

/** Path of the server script; PYKMIP_SERVER replaces the Debian path. */
export const PYKMIP_SERVER_PATH = process.env.PYKMIP_SERVER ?? "/usr/bin/pykmip-server";

const HOST = "127.0.0.1";
const DEFAULT_START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;
const PROBE_TIMEOUT_MS = 2_000;
const PROBE_INTERVAL_MS = 200;
const BIND_ATTEMPTS = 3;

export interface PyKmipServerOptions {
  /** Common name of the client certificate, which PyKMIP takes as the user; default "kmipcheck". */
  clientName?: string;
  /** Time allowed for the server to accept a TLS handshake, in milliseconds; default 30000. */
  startTimeoutMs?: number;
  /** PyKMIP's logging level; default INFO. */
  loggingLevel?: "DEBUG" | "INFO" | "WARNING";
}

export interface PyKmipServer {
  host: string;
  port: number;
  pid: number;
  /** Temporary directory with server.conf, server.log, the database, policies and the PKI (pki/). */
  dir: string;
  pki: InitPkiResult;
  logPath: string;
  /** The last lines of the server log and of its standard error. */
  logTail(lines?: number): string;
  /** Stops the server (SIGINT, then SIGKILL to its process group) and removes the directory. */
  stop(): Promise<void>;
}

/** Returns true when the pykmip-server script is installed. */
export function isPyKmipInstalled(): boolean {
  return existsSync(PYKMIP_SERVER_PATH);
}

/**
 * Skips the calling suite when pykmip-server is missing, except under CI=true, where it fails so
 * that a CI image without python3-pykmip cannot pass unnoticed.
 */
export function requirePyKmip(context: Mocha.Context): void {
  if (isPyKmipInstalled()) {
    return;
  }

  const message = `${PYKMIP_SERVER_PATH} not found: install Debian's python3-pykmip (apt-get install -y python3-pykmip) or set PYKMIP_SERVER`;
  if (process.env.CI === "true") {
    throw new Error(message);
  }
  context.skip();
}

/** Starts pykmip-server on a free port of 127.0.0.1 and resolves once it completes a TLS handshake with the client certificate. */
export async function startPyKmipServer(options: PyKmipServerOptions = {}): Promise<PyKmipServer> {
  const dir = mkdtempSync(join(tmpdir(), "kmipcheck-pykmip-"));
  try {
    const pki = initPkiDirectory(join(dir, "pki"), { serverIps: [HOST], serverNames: ["localhost"], clientName: options.clientName });
    const launched = await startWithRetries(dir, pki, options);

    const stop = async () => {
      await launched.stop();
      rmSync(dir, { recursive: true, force: true });
    };
    return { host: HOST, port: launched.port, pid: launched.pid, dir, pki, logPath: launched.logPath, logTail: launched.logTail, stop };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** A running pykmip-server process. */
interface LaunchedServer {
  child: ChildProcess;
  pid: number;
  port: number;
  logPath: string;
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

async function startWithRetries(dir: string, pki: InitPkiResult, options: PyKmipServerOptions): Promise<LaunchedServer> {
  for (let attempt = 1; ; attempt++) {
    const server = launch(dir, pki, await freePort(), options);
    try {
      await waitForTls(server, pki, options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS);
      return server;
    } catch (error) {
      await server.stop();

      // Another process may take the free port before PyKMIP binds it; then try another port.
      const lostPort = /failed to bind socket handler/i.test(server.logTail(50));
      if (!lostPort || attempt === BIND_ATTEMPTS) throw error;
    }
  }
}

function launch(dir: string, pki: InitPkiResult, port: number, options: PyKmipServerOptions): LaunchedServer {
  const logPath = join(dir, "server.log");
  const configPath = writeServerConfig(dir, pki, port, options.loggingLevel ?? "INFO");
  rmSync(logPath, { force: true });

  // detached puts the server in its own process group, so that stopping it also reaches the
  // processes it starts (a multiprocessing manager and the policy monitor).
  const child = spawn(PYKMIP_SERVER_PATH, ["-f", configPath, "-l", logPath], { detached: true, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-20_000)));
  child.on("error", (error) => (stderr += `\nspawn failed: ${error.message}`));

  // Last resort if the test process exits without stop(): a synchronous kill of the group.
  const killOnExit = () => killGroup(child, "SIGKILL");
  process.once("exit", killOnExit);

  return {
    child,
    pid: child.pid ?? -1,
    port,
    logPath,
    logTail: (lines = 20) => `server.log:\n${tail(readLog(logPath), lines)}\nstderr:\n${tail(stderr, lines)}`,
    stop: async () => {
      await stopChild(child);
      process.removeListener("exit", killOnExit);
    },
  };
}

function writeServerConfig(dir: string, pki: InitPkiResult, port: number, loggingLevel: string): string {
  const policyDir = join(dir, "policies");
  mkdirSync(policyDir, { recursive: true });

  const lines = [
    "[server]",
    `hostname=${HOST}`,
    `port=${port}`,
    `certificate_path=${pki.files.serverCert}`,
    `key_path=${pki.files.serverKey}`,
    `ca_path=${pki.files.caCert}`,
    "auth_suite=TLS1.2",
    `policy_path=${policyDir}`,
    "enable_tls_client_auth=True",
    `logging_level=${loggingLevel}`,
    `database_path=${join(dir, "pykmip.sqlite")}`,
  ];

  const path = join(dir, "server.conf");
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

/** Polls with a full TLS handshake (TLS 1.2, client certificate) until it succeeds, the server exits or time runs out. */
async function waitForTls(server: LaunchedServer, pki: InitPkiResult, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = "no attempt";

  while (Date.now() < deadline) {
    const { exitCode, signalCode } = server.child;
    if (exitCode !== null || signalCode !== null) {
      throw new Error(`pykmip-server exited (${exitCode ?? signalCode}) before accepting TLS on ${HOST}:${server.port}\n${server.logTail()}`);
    }

    const failure = await probeTls(server.port, pki);
    if (failure === undefined) return;
    lastError = failure;
    await sleep(PROBE_INTERVAL_MS);
  }
  throw new Error(`pykmip-server did not accept TLS on ${HOST}:${server.port} within ${timeoutMs} ms (last attempt: ${lastError})\n${server.logTail()}`);
}

/** Returns undefined after a completed handshake, else the reason it failed. */
function probeTls(port: number, pki: InitPkiResult): Promise<string | undefined> {
  return new Promise((resolve) => {
    const { ca, client } = pki.pki;
    const socket = connect({ host: HOST, port, ca: ca.cert, cert: client.cert, key: client.key, minVersion: "TLSv1.2", maxVersion: "TLSv1.2" });
    const timer = setTimeout(() => finish(`no handshake within ${PROBE_TIMEOUT_MS} ms`), PROBE_TIMEOUT_MS);

    function finish(result: string | undefined): void {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on("error", () => {});
      socket.destroy();
      resolve(result);
    }

    socket.once("secureConnect", () => finish(undefined));
    socket.once("error", (error: NodeJS.ErrnoException) => finish(error.code ?? error.message));
  });
}

/** Sends SIGINT, which PyKMIP handles by leaving its accept loop, then SIGKILL to the group after a grace period. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGINT");

    const timer = setTimeout(() => killGroup(child, "SIGKILL"), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }

  // The main process may exit before the processes it started; end any that remain.
  killGroup(child, "SIGKILL");
}

/** Signals the child's process group (its pid, as it was spawned detached); ignores a group already gone. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

/** Returns a port that was free a moment ago; another process could take it before PyKMIP binds it. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, HOST, resolve));

  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("failed to read the port of a free socket");
  return address.port;
}

function readLog(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "(no log)";
  }
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}
