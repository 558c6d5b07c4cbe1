/**
 * Starts PyKMIP's server (pykmip-server of Debian python3-pykmip, PyKMIP 0.10) on 127.0.0.1 with
 * a generated configuration, for the server benchmark. Logging is at INFO, as PyKMIP ships it.
 */
import { ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, connect } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { PkiFiles } from "../src/pki";

export const PYKMIP_SERVER = "/usr/bin/pykmip-server";
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

export interface PyKmipServer {
  host: string;
  port: number;
  logPath: string;
  close(): Promise<void>;
}

/** Starts the server with its database, policies and log in `folder`; resolves once its port accepts connections. */
export async function startPyKmipServer(folder: string, pki: PkiFiles): Promise<PyKmipServer> {
  const host = "127.0.0.1";
  const port = await freePort(host);
  const configPath = writeConfig(folder, host, port, pki);
  const logPath = join(folder, "server.log");

  // PyKMIP forks helper processes that outlive a SIGTERM to the server, so the server gets its own
  // process group and stop() signals the whole group.
  const child = spawn(PYKMIP_SERVER, ["-f", configPath, "-l", logPath], { stdio: ["ignore", "ignore", "pipe"], detached: true });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));

  try {
    await waitForPort(host, port, child, () => stderr);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return { host, port, logPath, close: () => stop(child) };
}

function writeConfig(folder: string, host: string, port: number, pki: PkiFiles): string {
  const policies = join(folder, "policies");
  mkdirSync(policies, { recursive: true });

  const config = [
    "[server]",
    `hostname=${host}`,
    `port=${port}`,
    `certificate_path=${pki.serverCert}`,
    `key_path=${pki.serverKey}`,
    `ca_path=${pki.caCert}`,
    "auth_suite=TLS1.2",
    `policy_path=${policies}`,
    "enable_tls_client_auth=True",
    "logging_level=INFO",
    `database_path=${join(folder, "pykmip.db")}`,
    "",
  ].join("\n");

  const path = join(folder, "server.conf");
  writeFileSync(path, config);
  return path;
}

/** Asks the system for a free port; another process could take it before PyKMIP binds it. */
async function freePort(host: string): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, host, resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("could not read the free port");
  return address.port;
}

async function waitForPort(host: string, port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;

  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`pykmip-server exited with code ${child.exitCode}: ${stderr().trim().split("\n").slice(-3).join(" | ")}`);
    if (await accepts(host, port)) return;
    await sleep(100);
  }
  throw new Error(`pykmip-server did not listen on ${host}:${port} within ${START_TIMEOUT_MS} ms`);
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(1000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  const group = child.pid;
  if (group === undefined) return;

  const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once("exit", () => resolve()));
  signalGroup(group, "SIGTERM");
  const timer = setTimeout(() => signalGroup(group, "SIGKILL"), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);

  // Helpers still alive after the server exited are killed, and the stderr pipe they share is closed.
  signalGroup(group, "SIGKILL");
  child.stderr?.destroy();
}

function signalGroup(group: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-group, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

/** The last lines of the server log, for an error message. */
export function logTail(path: string, lines = 5): string {
  try {
    return readFileSync(path, "utf8").trim().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}
