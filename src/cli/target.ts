/**
 * The server under test: the bundled emulator started in-process, or a server at HOST:PORT. The
 * CLI is the only part of kmipcheck that starts the bundled server.
 */
import { readFile } from "node:fs/promises";
import { startBundledServer } from "../../bundled-server";
import { isFaultName, type FaultName } from "../../bundled-server/faults";
import { createTestPki } from "../pki";
import type { TargetDescription } from "../report";
import { resolveConnectOptions, TransportError, type ConnectOptions } from "../transport";
import { UsageError } from "./usage";

const LOOPBACK = "127.0.0.1";
const DEFAULT_KMIP_PORT = 5696;

export interface TargetFlags {
  target: string;
  clientCert?: string;
  clientKey?: string;
  ca?: string;
  serverCert?: string;
  faults: string[];
}

/** A target ready to connect to; `close` stops what was started for it. */
export interface OpenTarget {
  description: TargetDescription;
  connection: ConnectOptions;
  close(): Promise<void>;
}

/** The checked flags, with the PEM files of a remote target read. */
export type TargetPlan = { kind: "bundled"; faults: FaultName[] } | { kind: "remote"; connection: ConnectOptions };

/** Checks the flags and reads the files they name, before anything starts, so that usage errors come first. */
export async function planTarget(flags: TargetFlags): Promise<TargetPlan> {
  checkTargetFlags(flags);
  return flags.target === "bundled" ? { kind: "bundled", faults: flags.faults as FaultName[] } : { kind: "remote", connection: await remoteConnection(flags) };
}

function checkTargetFlags(flags: TargetFlags): void {
  if (flags.target === "bundled") {
    const remoteOnly = (["clientCert", "clientKey", "ca", "serverCert"] as const).filter((name) => flags[name] !== undefined);
    if (remoteOnly.length > 0) {
      throw new UsageError(`--${kebab(remoteOnly[0])} applies to a HOST:PORT target; the bundled target makes its own test PKI, so leave it out or pass --target HOST:PORT`);
    }

    const unknown = flags.faults.find((name) => !isFaultName(name));
    if (unknown !== undefined) {
      throw new UsageError(`unknown fault ${unknown}; run \`kmipcheck run --help\` for the fault names`);
    }
    return;
  }

  parseHostPort(flags.target);
  if (flags.faults.length > 0) {
    throw new UsageError(`--fault applies only to the bundled target, not to ${flags.target}`);
  }
  if (flags.clientCert === undefined || flags.clientKey === undefined) {
    throw new UsageError(`a HOST:PORT target needs --client-cert FILE and --client-key FILE for mutual TLS`);
  }
}

export async function openTarget(plan: TargetPlan): Promise<OpenTarget> {
  if (plan.kind === "bundled") {
    return openBundled(plan.faults);
  }

  const { host, port } = plan.connection;
  return { description: { kind: "remote", host, port: port as number }, connection: plan.connection, close: async () => {} };
}

async function openBundled(faultNames: FaultName[]): Promise<OpenTarget> {
  const pki = createTestPki({ serverIps: [LOOPBACK] });
  const faults = Object.fromEntries(faultNames.map((name) => [name, true]));
  const server = await startBundledServer({ host: LOOPBACK, port: 0, clientCa: pki.ca.cert, cert: pki.server.cert, key: pki.server.key, faults });

  return {
    description: { kind: "bundled", host: server.host, port: server.port },
    connection: { host: server.host, port: server.port, ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key },
    close: () => server.close(),
  };
}

async function remoteConnection(flags: TargetFlags): Promise<ConnectOptions> {
  const { host, port } = parseHostPort(flags.target);

  const connection: ConnectOptions = {
    host,
    port,
    cert: await readPem("--client-cert", flags.clientCert as string),
    key: await readPem("--client-key", flags.clientKey as string),
    ca: flags.ca === undefined ? undefined : await readPem("--ca", flags.ca),
    pinnedServerCertificate: flags.serverCert === undefined ? undefined : await readPem("--server-cert", flags.serverCert),
  };
  checkCredentials(connection, flags);
  return connection;
}

/** Flag of each ConnectOptions field that a file supplies. */
const FLAG_OF_OPTION: Record<string, { flag: string; path: keyof TargetFlags }> = {
  cert: { flag: "--client-cert", path: "clientCert" },
  key: { flag: "--client-key", path: "clientKey" },
  ca: { flag: "--ca", path: "ca" },
  pinnedServerCertificate: { flag: "--server-cert", path: "serverCert" },
};

/** Parses the PEM files now, so that a wrong file is a usage error before any vector runs. */
function checkCredentials(connection: ConnectOptions, flags: TargetFlags): void {
  try {
    resolveConnectOptions(connection);
  } catch (error) {
    const source = error instanceof TransportError ? FLAG_OF_OPTION[String(error.context.option)] : undefined;
    if (source === undefined) {
      throw error;
    }
    throw new UsageError(`${source.flag} ${String(flags[source.path])}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Parses HOST:PORT, [IPv6]:PORT or HOST (port 5696). */
export function parseHostPort(text: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+))(?::(\d+))?$/.exec(text);
  const port = match?.[3] === undefined ? DEFAULT_KMIP_PORT : Number(match[3]);

  if (match === null || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UsageError(`invalid --target ${text}: give bundled, HOST:PORT with a port from 1 to 65535, or [IPv6]:PORT`);
  }

  return { host: match[1] ?? match[2], port };
}

async function readPem(flag: string, path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new UsageError(`cannot read ${flag} ${path}: ${reason}; give the path of a PEM file`);
  }

  if (!text.includes("-----BEGIN ")) {
    throw new UsageError(`${flag} ${path} is not PEM (no -----BEGIN line); give a PEM file`);
  }
  return text;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
