/**
 * The bundled reference KMIP 1.4 server: mutual TLS, an in-memory object store, one handler per
 * operation. Start it with startBundledServer.
 */
import { isIP } from "node:net";
import { debuglog } from "node:util";
import { createSelfSignedCertificate } from "../src/pki";
import { Clock, systemClock } from "./clock";
import { UserTable } from "./authentication";
import { ServerPolicy } from "./context";
import { X931Rng } from "./crypto/x931-rng";
import { BundledServerConfigError } from "./errors";
import { FaultSwitches, isFaultName, SLOW_RESPONSES_DELAY_MS } from "./faults";
import { listenHttps } from "./https-server";
import { clientIdentity, OwnedStores } from "./identity";
import { LimitOptions, resolveLimits } from "./limits";
import { createRouteTable } from "./operations";
import { ExchangeListener, LogFunction, RequestProcessor, SILENT_LOG } from "./processor";
import type { OperationHandler } from "./route-table";
import { BundledServerStats, ServerStatistics } from "./server-stats";
import { listen } from "./tls-server";

export { KmipResultError, HsmResultMessage } from "./errors";
export { FAULT_NAMES, SLOW_RESPONSES_DELAY_MS, type FaultName, type FaultSwitches } from "./faults";
export type { BundledServerStats } from "./server-stats";
export { RequestProcessor, type ExchangeListener, type ServerExchange } from "./processor";
export type { OperationHandler } from "./route-table";
export type { OperationContext } from "./context";
export type { UserCredential, UserTable } from "./authentication";
export type { ClientIdentity } from "./identity";
export {
  DEFAULT_HANDSHAKE_TIMEOUT_MS, DEFAULT_IDLE_TIMEOUT_MS, DEFAULT_MAX_BATCH_COUNT, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_DESTROYED_OBJECTS,
  DEFAULT_MAX_LOCATE_ITEMS, DEFAULT_MAX_NESTING_DEPTH, DEFAULT_MAX_OBJECTS, DEFAULT_MAX_QUEUED_BYTES, DEFAULT_MESSAGE_TIMEOUT_MS,
  type ConnectionLimits, type RequestLimits,
} from "./limits";

/** The IANA-registered KMIP port. */
export const DEFAULT_KMIP_PORT = 5696;

/** Largest responseDelayMs accepted, in milliseconds (one minute). */
const MAX_RESPONSE_DELAY_MS = 60_000;

/**
 * Options of the bundled server. The resource limits (LimitOptions) default to: maxMessageSize
 * 1 MiB (DEFAULT_MAX_MESSAGE_SIZE of src/ttlv), maxNestingDepth 32, idleTimeoutMs 5 minutes,
 * messageTimeoutMs 30 s, handshakeTimeoutMs 10 s, maxConnections 100, maxQueuedBytes 1 MiB,
 * maxResponseSize 1 MiB (what the harness's client accepts by default; larger responses get
 * Response Too Large, §6.3, as for a request's Maximum Response Size), maxBatchCount 64,
 * maxLocateItems 10,000, maxObjectsPerIdentity 10,000 and maxDestroyedObjectsPerIdentity 1,000.
 */
export interface BundledServerOptions extends LimitOptions {
  /** Address to listen on; default 127.0.0.1. */
  host?: string;
  /** TCP port; default 5696, 0 for any free port. */
  port?: number;
  /** PEM of the CA that signs client certificates; clients without such a certificate are refused at the handshake. */
  clientCa: string;
  /** Server certificate and key (PEM). Give both or neither; with neither, a fresh self-signed certificate is made at each start. */
  cert?: string;
  key?: string;
  /** Switches that make the server return one field wrong on purpose (see faults.ts). */
  faults?: FaultSwitches;
  /** Log function (util.format style); default util.debuglog("kmipcheck:server"), shown with NODE_DEBUG=kmipcheck:server. */
  log?: LogFunction;
  /** Clock for dates and Time Stamps; default the system clock. */
  clock?: Clock;
  /** Lease Time (§3.20) of new objects in seconds; default 3600. */
  leaseTimeSeconds?: number;
  /**
   * Users bound to client certificates, keyed by certificate subject Common Name. With a table,
   * a request whose Authentication (§6.6) carries a Credential is served only when the Credential
   * matches the user bound to its certificate, and a request without Authentication needs only
   * the certificate. Default: no table, and Credentials are not checked (§6.6 leaves that to
   * server policy).
   */
  users?: UserTable;
  /**
   * Also serve KMIP over HTTPS (KMIP Additional Message Encodings §2: POST with TTLV, XML or JSON
   * bodies) on this port, with the same certificate, client CA and objects; 0 picks a free port.
   * Default: no HTTPS listener.
   */
  httpsPort?: number;
  /** Target URI of the HTTPS listener; default /kmip (§2.3). */
  httpsPath?: string;
  /**
   * RNG Seed (§4.36) policy, left to the server by the spec: the maximum number of seed bytes used
   * per request (0 ignores seeds), or "reject" for Permission Denied. Default: every byte is used.
   */
  rngSeedLimit?: number | "reject";
  /** Handlers added to the route table, or replacing one for the same Operation. */
  extraRoutes?: ReadonlyArray<readonly [number, OperationHandler]>;
  /** Called with every request and its response, on both listeners (see ExchangeListener). */
  onExchange?: ExchangeListener;
  /**
   * Artificial delay before each response, in milliseconds (0 to 60000), so that `kmipcheck load
   * --compare` has a slowdown to flag. Default 0, or SLOW_RESPONSES_DELAY_MS with the slowResponses fault.
   */
  responseDelayMs?: number;
}

export interface BundledServer {
  host: string;
  port: number;
  /** Port of the KMIP over HTTPS listener, when httpsPort was given. */
  httpsPort?: number;
  /** The server's TLS certificate (PEM), to pin or to trust in clients. */
  certificatePem: string;
  /** Counters since the start: requests processed, and the number and wall time of key generations. */
  stats(): BundledServerStats;
  close(): Promise<void>;
}

export async function startBundledServer(options: BundledServerOptions): Promise<BundledServer> {
  checkOptions(options);
  const limits = resolveLimits(options);
  const host = options.host ?? "127.0.0.1";
  const identity = serverIdentity(options, host);
  const log = serverLog(options.log);

  const policy: ServerPolicy = {
    leaseTimeSeconds: options.leaseTimeSeconds ?? 3600, vendorIdentification: "kmipcheck bundled server", rngSeedLimit: options.rngSeedLimit, maxLocateItems: limits.maxLocateItems,
  };
  const statistics = new ServerStatistics();
  const processor = new RequestProcessor({
    stores: new OwnedStores({ maxObjects: limits.maxObjectsPerIdentity, maxDestroyedObjects: limits.maxDestroyedObjectsPerIdentity }),
    routes: createRouteTable(options.extraRoutes),
    rng: new X931Rng(),
    clock: options.clock ?? systemClock,
    policy,
    faults: options.faults ?? {},
    maxNestingDepth: limits.maxNestingDepth,
    maxBatchCount: limits.maxBatchCount,
    maxResponseSize: limits.maxResponseSize,
    users: options.users,
    onExchange: options.onExchange,
    statistics,
    responseDelayMs: options.responseDelayMs ?? (options.faults?.slowResponses === true ? SLOW_RESPONSES_DELAY_MS : 0),
  });

  const listenOptions = { ...limits, host, port: options.port ?? DEFAULT_KMIP_PORT, cert: identity.cert, key: identity.key, clientCa: options.clientCa };
  const listener = await listen(listenOptions, processor, log);
  const https = await startHttps(options, listenOptions, processor, log).catch(async (error: unknown) => {
    await listener.close();
    throw error;
  });
  const close = async (): Promise<void> => {
    await Promise.all([listener.close(), https?.close()]);
  };
  return { host, port: listener.port, httpsPort: https?.port, certificatePem: identity.cert, stats: () => statistics.snapshot(), close };
}

/** Starts the KMIP over HTTPS listener when the options ask for one; its requests go to the same processor. */
async function startHttps(options: BundledServerOptions, listenOptions: Parameters<typeof listen>[0], processor: RequestProcessor, log: LogFunction): Promise<{ port: number; close(): Promise<void> } | undefined> {
  if (options.httpsPort === undefined) {
    return undefined;
  }
  const httpsOptions = { ...listenOptions, port: options.httpsPort, path: options.httpsPath, requestTimeoutMs: listenOptions.messageTimeoutMs };
  return listenHttps(httpsOptions, (message, socket) => processor.process(message, log, clientIdentity(socket)), log);
}

function checkOptions(options: BundledServerOptions): void {
  if (typeof options.clientCa !== "string" || !options.clientCa.includes("-----BEGIN CERTIFICATE-----")) {
    throw new BundledServerConfigError("clientCa must be the PEM certificate of the CA that signs client certificates");
  }
  if ((options.cert === undefined) !== (options.key === undefined)) {
    throw new BundledServerConfigError("give both cert and key, or neither for a fresh self-signed certificate");
  }
  const port = options.port ?? DEFAULT_KMIP_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new BundledServerConfigError(`port ${port} is invalid; give 0 to 65535 (0 picks a free port)`, { port });
  }
  const unknown = Object.keys(options.faults ?? {}).find((name) => !isFaultName(name));
  if (unknown !== undefined) {
    throw new BundledServerConfigError(`unknown fault "${unknown}"; see FAULT_NAMES`, { fault: unknown });
  }
  checkUsers(options.users ?? {});
  checkPolicyOptions(options);
}

function checkPolicyOptions(options: BundledServerOptions): void {
  const httpsPort = options.httpsPort;
  if (httpsPort !== undefined && (!Number.isInteger(httpsPort) || httpsPort < 0 || httpsPort > 65535)) {
    throw new BundledServerConfigError(`httpsPort ${httpsPort} is invalid; give 0 to 65535 (0 picks a free port)`, { httpsPort });
  }
  if (options.httpsPath !== undefined && !options.httpsPath.startsWith("/")) {
    throw new BundledServerConfigError(`httpsPath "${options.httpsPath}" is invalid; give a path starting with "/", such as /kmip`, { httpsPath: options.httpsPath });
  }
  const delay = options.responseDelayMs;
  if (delay !== undefined && !(Number.isFinite(delay) && delay >= 0 && delay <= MAX_RESPONSE_DELAY_MS)) {
    throw new BundledServerConfigError(`responseDelayMs ${String(delay)} is invalid; give 0 to ${MAX_RESPONSE_DELAY_MS} milliseconds`, { responseDelayMs: delay });
  }
  const limit = options.rngSeedLimit;
  if (limit !== undefined && limit !== "reject" && !(Number.isInteger(limit) && limit >= 0)) {
    throw new BundledServerConfigError(`rngSeedLimit ${String(limit)} is invalid; give a whole number of bytes (0 ignores seeds) or "reject"`, { rngSeedLimit: limit });
  }
}

function checkUsers(users: UserTable): void {
  for (const [commonName, user] of Object.entries(users)) {
    if (typeof user?.username !== "string" || typeof user?.password !== "string") {
      throw new BundledServerConfigError(`users["${commonName}"] must be { username: string; password: string }`, { commonName });
    }
  }
}

/**
 * Returns the log function to use: the caller's, else util.debuglog("kmipcheck:server"). When that
 * is disabled, it returns SILENT_LOG, so that callers skip formatting lines nobody reads.
 */
function serverLog(custom: LogFunction | undefined): LogFunction {
  if (custom !== undefined) {
    return failSafe(custom);
  }
  const debug = debuglog("kmipcheck:server");
  return debug.enabled ? failSafe(debug) : SILENT_LOG;
}

/** Wraps the log function so that an exception it raises is dropped instead of breaking the error handling that logs. */
function failSafe(log: LogFunction): LogFunction {
  return (format, ...args) => {
    try {
      log(format, ...args);
    } catch {
      // NOTE: a failing log function loses that line; there is nowhere else to report it.
    }
  };
}

// Like the HSM it models, the server makes a fresh self-signed certificate at each start unless given one.
function serverIdentity(options: BundledServerOptions, host: string): { cert: string; key: string } {
  if (options.cert !== undefined && options.key !== undefined) {
    return { cert: options.cert, key: options.key };
  }
  const ips = isIP(host) === 0 ? [] : [host];
  const names = isIP(host) === 0 ? [host, "localhost"] : ["localhost"];
  return createSelfSignedCertificate({ commonName: "kmipcheck bundled server", names, ips });
}
