/**
 * The load engine: N persistent mutual-TLS connections each run a mix in a loop until the duration
 * ends, optionally at a fixed total request rate.
 */
import { performance } from "node:perf_hooks";
import { debuglog } from "node:util";
import { KmipcheckError } from "../errors";
import { ConnectOptions, KmipConnection, TransportError } from "../transport";
import { LOAD_MIXES, type LoadMix } from "./mixes";
import { LoadRecorder } from "./recorder";
import type { HeaderSettings } from "./requests";
import { buildLoadResult, type LoadResult } from "./result";
import { errorKey, LoadSession } from "./session";

const debug = debuglog("kmipcheck:load");

export const DEFAULT_RESPONSE_TIMEOUT_MS = 10_000;
export const MAX_CONNECTIONS = 1024;

export interface LoadOptions {
  connection: ConnectOptions;
  /** Target as the user named it ("bundled" or HOST:PORT), stored in the result. */
  target: string;
  mix: string;
  connections: number;
  durationSeconds: number;
  /** Total requests per second over all connections; undefined sends as fast as responses return. */
  rate?: number;
  responseTimeoutMs?: number;
  /** Protocol Version and Authentication of every request header; default Protocol Version 1.4 and no Authentication. */
  header?: HeaderSettings;
  /** Called about once a second while the load runs. */
  onProgress?: (progress: LoadProgress) => void;
}

export interface LoadProgress {
  elapsedSeconds: number;
  durationSeconds: number;
  requests: number;
  errors: number;
  /** Requests per second since the previous progress call. */
  currentRate: number;
  p99Ms: number;
}

export class LoadOptionsError extends KmipcheckError {
  constructor(message: string) {
    super("LOAD_INVALID_OPTIONS", message);
  }
}

export function findMix(name: string): LoadMix {
  const mix = LOAD_MIXES.get(name);
  if (mix === undefined) throw new LoadOptionsError(`unknown mix ${JSON.stringify(name)}: expected one of ${[...LOAD_MIXES.keys()].join(", ")}`);
  return mix;
}

export function checkLoadOptions(options: LoadOptions): void {
  findMix(options.mix);

  if (!Number.isInteger(options.connections) || options.connections < 1 || options.connections > MAX_CONNECTIONS) {
    throw new LoadOptionsError(`invalid connection count ${options.connections}: expected an integer from 1 to ${MAX_CONNECTIONS}`);
  }
  if (!Number.isFinite(options.durationSeconds) || options.durationSeconds <= 0) {
    throw new LoadOptionsError(`invalid duration ${options.durationSeconds}: expected a positive number of seconds`);
  }
  if (options.rate !== undefined && (!Number.isFinite(options.rate) || options.rate <= 0)) {
    throw new LoadOptionsError(`invalid rate ${options.rate}: expected a positive number of requests per second`);
  }
}

/** Runs the load and returns its result; objects the mix creates are destroyed before it returns. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  checkLoadOptions(options);
  const mix = findMix(options.mix);
  const recorder = new LoadRecorder();
  const connections = await connectAll(options);

  try {
    const sessionOptions = { responseTimeoutMs: options.responseTimeoutMs ?? DEFAULT_RESPONSE_TIMEOUT_MS, rate: options.rate === undefined ? undefined : options.rate / options.connections, header: options.header };
    const sessions = connections.map((connection) => new LoadSession(connection, recorder, sessionOptions));
    const fixture = await prepare(mix, sessions[0]);

    const startedAt = new Date();
    const elapsedSeconds = await measure(mix, fixture, sessions, recorder, options);
    await cleanUp(mix, fixture, sessions, options);

    const tls = { protocol: connections[0].protocol, cipher: connections[0].cipher };
    return buildLoadResult({ options, mix, recorder, startedAt, elapsedSeconds, tls });
  } finally {
    await Promise.all(connections.map((connection) => connection.close().catch(() => undefined)));
  }
}

async function prepare(mix: LoadMix, session: LoadSession): Promise<unknown> {
  try {
    return await mix.prepare(session);
  } catch (cause) {
    const message = `preparing the ${mix.name} mix failed: ${(cause as Error).message}; check that the server supports ${mix.description}`;
    throw new KmipcheckError("LOAD_PREPARE_FAILED", message, { cause, context: { mix: mix.name } });
  }
}

async function connectAll(options: LoadOptions): Promise<KmipConnection[]> {
  const attempts = await Promise.allSettled(Array.from({ length: options.connections }, () => KmipConnection.connect(options.connection)));
  const opened = attempts.flatMap((attempt) => (attempt.status === "fulfilled" ? [attempt.value] : []));
  const failed = attempts.find((attempt) => attempt.status === "rejected");

  if (failed !== undefined) {
    await Promise.all(opened.map((connection) => connection.close().catch(() => undefined)));
    throw failed.reason;
  }
  return opened;
}

/** Runs every session's loop until the deadline and returns the seconds from start to the last loop's end. */
async function measure(mix: LoadMix, fixture: unknown, sessions: LoadSession[], recorder: LoadRecorder, options: LoadOptions): Promise<number> {
  const start = performance.now();
  const deadline = start + options.durationSeconds * 1000;
  const stopProgress = startProgress(recorder, start, options);

  for (const session of sessions) session.measuring = true;
  try {
    await Promise.all(sessions.map((session, index) => iterateUntil(deadline, mix, fixture, session, recorder, index)));
  } finally {
    for (const session of sessions) session.measuring = false;
    stopProgress();
  }
  return (performance.now() - start) / 1000;
}

async function iterateUntil(deadline: number, mix: LoadMix, fixture: unknown, session: LoadSession, recorder: LoadRecorder, index: number): Promise<void> {
  while (performance.now() < deadline) {
    try {
      await mix.iterate(session, fixture);
      recorder.iterations += 1;
    } catch (error) {
      // Errors of the mix's own checks (a response without a Unique Identifier, say) are counted
      // here, and those of a request only once. A broken connection ends this loop, but a
      // response timeout leaves the connection usable (see KmipConnection), so the loop goes on.
      recorder.recordError(errorKey(error), error);
      if (error instanceof TransportError && error.code !== "TRANSPORT_RESPONSE_TIMEOUT") {
        debug("connection %d stopped: %s", index, error.message);
        recorder.lostConnections += 1;
        return;
      }
    }
  }
}

function startProgress(recorder: LoadRecorder, start: number, options: LoadOptions): () => void {
  const onProgress = options.onProgress;
  if (onProgress === undefined) return () => {};

  let previousCount = 0;
  let previousTime = start;
  const timer = setInterval(() => {
    const now = performance.now();
    const count = recorder.overall.count;
    const currentRate = (count - previousCount) / ((now - previousTime) / 1000);
    previousCount = count;
    previousTime = now;

    const p99Ms = recorder.overall.percentile(99) / 1000;
    onProgress({ elapsedSeconds: (now - start) / 1000, durationSeconds: options.durationSeconds, requests: count, errors: recorder.errorCount, currentRate, p99Ms });
  }, 1000);
  return () => clearInterval(timer);
}

/** Runs the mix's cleanup on the first session still connected, or on a new connection. */
async function cleanUp(mix: LoadMix, fixture: unknown, sessions: LoadSession[], options: LoadOptions): Promise<void> {
  try {
    await mix.cleanup(sessions[0], fixture);
    return;
  } catch (error) {
    if (!(error instanceof TransportError)) throw error;
    debug("cleanup on the first connection failed (%s); retrying on a new connection", error.message);
  }

  const connection = await KmipConnection.connect(options.connection);
  try {
    await mix.cleanup(new LoadSession(connection, new LoadRecorder(), { responseTimeoutMs: options.responseTimeoutMs ?? DEFAULT_RESPONSE_TIMEOUT_MS, header: options.header }), fixture);
  } finally {
    await connection.close();
  }
}
