/**
 * The server under test: the bundled emulator started in-process, or a server at HOST:PORT. The
 * CLI is the only part of kmipcheck that starts the bundled server.
 */
import { startBundledServer } from "../../bundled-server";
import { isFaultName, type FaultName } from "../../bundled-server/faults";
import { buildAuthentication, ConfigError, DEFAULT_CONFIG_FILE, loadConfig, OVERRIDE_FLAGS, parseProtocolVersion, validateOverrides, type Credential, type KmipcheckConfig, type ProtocolVersion } from "../config";
import { createTestPki } from "../pki";
import type { HttpsEndpoint } from "../replay";
import type { TargetDescription } from "../report";
import { DEFAULT_KMIP_HTTPS_PATH, type ConnectOptions } from "../transport";
import type { TtlvNode } from "../ttlv";
import type { BundledPolicy } from "./bundled-options";
import { planRemote } from "./remote-target";
import { UsageError } from "./usage";

const LOOPBACK = "127.0.0.1";
const DEFAULT_KMIP_PORT = 5696;
export const BUNDLED_TARGET = "bundled";

/** Target flags as given on the command line; see TARGET_HELP for what each sets. */
export interface TargetFlags {
  /** A target of the configuration file, "bundled" or HOST:PORT; undefined picks the file's target, else bundled. */
  target?: string;
  /** Configuration file; undefined reads ./kmipcheck.json when it exists. */
  config?: string;
  clientCert?: string;
  clientKey?: string;
  ca?: string;
  serverCert?: string;
  serverName?: string;
  connectTimeout?: string;
  responseTimeout?: string;
  tlsMinVersion?: string;
  tlsMaxVersion?: string;
  ciphers?: string;
  username?: string;
  passwordEnv?: string;
  protocolVersion?: string;
  faults: string[];
}

/** A target ready to connect to; `close` stops what was started for it. */
export interface OpenTarget {
  description: TargetDescription;
  connection: ConnectOptions;
  /** Authentication (§6.6) that every request header carries, built from the target's credential. */
  authentication?: TtlvNode;
  /** Protocol Version of the requests that kmipcheck builds itself. */
  protocolVersion: ProtocolVersion;
  /** The KMIP over HTTPS listener the bundled server opened; a remote target's comes from --https-url. */
  https?: HttpsEndpoint;
  close(): Promise<void>;
}

/** The checked flags, with the configuration and the PEM files of a remote target read. */
export type TargetPlan =
  | { kind: "bundled"; faults: FaultName[]; timeouts: Pick<ConnectOptions, "connectTimeoutMs" | "responseTimeoutMs">; protocolVersion: ProtocolVersion; policy?: BundledPolicy }
  | { kind: "remote"; name: string; connection: ConnectOptions; credential?: Credential; protocolVersion: ProtocolVersion };

/** Flags that only a remote target uses, by the TargetFlags key. */
const REMOTE_ONLY_FLAGS = {
  clientCert: OVERRIDE_FLAGS.clientCert,
  clientKey: OVERRIDE_FLAGS.clientKey,
  ca: OVERRIDE_FLAGS.ca,
  serverCert: OVERRIDE_FLAGS.pinnedServerCertificate,
  serverName: OVERRIDE_FLAGS.serverName,
  tlsMinVersion: OVERRIDE_FLAGS.minVersion,
  tlsMaxVersion: OVERRIDE_FLAGS.maxVersion,
  ciphers: OVERRIDE_FLAGS.ciphers,
  username: OVERRIDE_FLAGS.username,
  passwordEnv: OVERRIDE_FLAGS.passwordEnv,
} as const;

/**
 * Checks the flags, reads the configuration file and the PEM files they name, before anything
 * starts, so that usage errors come first. Without --target, the configuration file's
 * defaultTarget (or its only target) is tested, and without a file the bundled server.
 */
export async function planTarget(flags: TargetFlags): Promise<TargetPlan> {
  const config = flags.target === BUNDLED_TARGET ? undefined : await readConfig(flags.config);
  if (flags.target === BUNDLED_TARGET || (flags.target === undefined && config === undefined)) {
    return planBundled(flags);
  }

  return planRemote(config, flags);
}

/** Reads the --config file, or ./kmipcheck.json when it exists; a bad file is a usage error. */
async function readConfig(path: string | undefined): Promise<KmipcheckConfig | undefined> {
  try {
    return await loadConfig(path ?? DEFAULT_CONFIG_FILE);
  } catch (error) {
    if (path === undefined && error instanceof ConfigError && error.code === "CONFIG_NOT_FOUND") {
      return undefined;
    }
    throw toUsageError(error);
  }
}

function planBundled(flags: TargetFlags): TargetPlan {
  const remoteOnly = (Object.keys(REMOTE_ONLY_FLAGS) as Array<keyof typeof REMOTE_ONLY_FLAGS>).find((name) => flags[name] !== undefined);
  if (remoteOnly !== undefined) {
    throw new UsageError(`${REMOTE_ONLY_FLAGS[remoteOnly]} applies to a remote target; the bundled target makes its own test PKI and checks no credential, so leave it out or pass --target NAME or HOST:PORT`);
  }

  const unknown = flags.faults.find((name) => !isFaultName(name));
  if (unknown !== undefined) {
    throw new UsageError(`unknown fault ${unknown}; run \`kmipcheck run --help\` for the fault names`);
  }

  const checked = checkOverrides({ connectTimeoutMs: flags.connectTimeout, responseTimeoutMs: flags.responseTimeout, protocolVersion: flags.protocolVersion });
  return {
    kind: "bundled",
    faults: flags.faults as FaultName[],
    timeouts: { connectTimeoutMs: checked.connectTimeoutMs as number | undefined, responseTimeoutMs: checked.responseTimeoutMs as number | undefined },
    protocolVersion: parseProtocolVersion(checked.protocolVersion),
  };
}

function checkOverrides(overrides: Parameters<typeof validateOverrides>[0]): ReturnType<typeof validateOverrides> {
  try {
    return validateOverrides(overrides);
  } catch (error) {
    throw toUsageError(error);
  }
}

/** Turns a ConfigError (a bad file, flag or target name) into a usage error with the same message. */
export function toUsageError(error: unknown): unknown {
  return error instanceof ConfigError ? new UsageError(error.message) : error;
}

export async function openTarget(plan: TargetPlan): Promise<OpenTarget> {
  if (plan.kind === "bundled") {
    return openBundled(plan);
  }

  const { host, port } = plan.connection;
  return {
    description: { kind: "remote", host, port: port as number },
    connection: plan.connection,
    authentication: plan.credential === undefined ? undefined : buildAuthentication(plan.credential),
    protocolVersion: plan.protocolVersion,
    close: async () => {},
  };
}

async function openBundled(plan: TargetPlan & { kind: "bundled" }): Promise<OpenTarget> {
  const pki = createTestPki({ serverIps: [LOOPBACK] });
  const faults = Object.fromEntries(plan.faults.map((name) => [name, true]));
  const server = await startBundledServer({ host: LOOPBACK, port: 0, httpsPort: 0, clientCa: pki.ca.cert, cert: pki.server.cert, key: pki.server.key, faults, ...plan.policy });

  return {
    description: { kind: "bundled", host: server.host, port: server.port },
    connection: { host: server.host, port: server.port, ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key, ...withoutUndefined(plan.timeouts) },
    protocolVersion: plan.protocolVersion,
    https: server.httpsPort === undefined ? undefined : { host: server.host, port: server.httpsPort, path: DEFAULT_KMIP_HTTPS_PATH },
    close: () => server.close(),
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
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
