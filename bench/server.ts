/**
 * Server benchmark: requests/s and latency of the bundled server and of PyKMIP's server on the
 * query and symmetric mixes, on 1 and 4 connections, driven by the load engine (the same client for
 * both), against the TLS echo floor. PyKMIP's server is started by test/helpers/pykmip-server.ts
 * (logging at INFO).
 */
import { runLoad, type LoadResult } from "../src/load";
import type { ConnectOptions } from "../src/transport";
import { BenchPki, createBenchPki } from "./bench-pki";
import { startChildServer } from "./child-server";
import { BenchSettings, notMeasured, PartResult } from "./figures";
import { startPyKmipServer, type PyKmipServer } from "../test/helpers/pykmip-server";
import { floor, loadSeconds, RateFigures, rateFigures, runTlsFloorBenchmark } from "./tls-floor";
import { cpuPerRequest, sampleCpu } from "./cpu-time";

const PART = "server";
const MIXES = ["query", "symmetric"] as const;
const CONNECTIONS = [1, 4] as const;

type Runs = Map<string, RateFigures>;

const key = (mix: string, connections: number): string => `${mix}/${connections}`;

export async function runServerBenchmark(settings: BenchSettings): Promise<PartResult> {
  const pki = createBenchPki();
  if (floor.size === 0) await runTlsFloorBenchmark(settings, pki);

  const result: PartResult = { figures: [], ratios: {}, notes: [] };
  const bundled = await measureBundled(settings, pki, result);
  const pykmip = await measurePyKmip(settings, result);

  addRatio(result, "server_query_1conn_vs_tls_floor", bundled.get(key("query", 1)), floor.get(1));
  addRatio(result, "server_query_4conn_vs_tls_floor", bundled.get(key("query", 4)), floor.get(4));
  if (pykmip !== undefined) {
    addRatio(result, "server_symmetric_1conn_vs_pykmip", bundled.get(key("symmetric", 1)), pykmip.get(key("symmetric", 1)));
    addRatio(result, "server_query_1conn_vs_pykmip", bundled.get(key("query", 1)), pykmip.get(key("query", 1)));
  }
  return result;
}

async function measureBundled(settings: BenchSettings, pki: BenchPki, result: PartResult): Promise<Runs> {
  const server = await startChildServer("bundled", pki.folder);
  try {
    return await measureServer("bundled server", { ...pki.connection, port: server.port }, settings, result, server.pid);
  } finally {
    await server.close();
  }
}

/** Returns undefined, with a "not measured" row, when PyKMIP's server cannot start. */
async function measurePyKmip(settings: BenchSettings, result: PartResult): Promise<Runs | undefined> {
  let server: PyKmipServer;
  try {
    server = await startPyKmipServer();
  } catch (error) {
    result.figures.push(...notMeasured(PART, "PyKMIP server", (error as Error).message).figures);
    return undefined;
  }

  // PyKMIP's server gets its own PKI from the launcher; the client settings are otherwise the same.
  const { ca, client } = server.pki.pki;
  const connection: ConnectOptions = { host: server.host, port: server.port, ca: ca.cert, cert: client.cert, key: client.key };
  try {
    return await measureServer("PyKMIP server", connection, settings, result, server.pid);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${server.logTail(5)}`);
  } finally {
    await server.stop();
  }
}

async function measureServer(name: string, connection: ConnectOptions, settings: BenchSettings, result: PartResult, serverPid: number | undefined): Promise<Runs> {
  const runs: Runs = new Map();

  for (const mix of MIXES) {
    for (const connections of CONNECTIONS) {
      // The CPU samples also span connecting and the mix's preparation and cleanup, a few requests beside thousands.
      const cpuBefore = sampleCpu(serverPid);
      const load = await runLoad({ connection, target: name, mix, connections, durationSeconds: loadSeconds(settings) });
      const cpu = cpuPerRequest(cpuBefore, sampleCpu(serverPid), load.requests);
      const figures = { requestsPerSecond: load.requestsPerSecond, p50Ms: load.latency.p50Ms, p99Ms: load.latency.p99Ms, clientCpuMicros: cpu.clientMicros, serverCpuMicros: cpu.serverMicros };
      runs.set(key(mix, connections), figures);
      result.figures.push(...rateFigures(PART, `${name}, ${mix}, ${connections} conn`, figures));
      noteErrors(name, load, result);
      if (runs.size === 1) result.notes.push(`${name}: ${load.tls.protocol}, ${load.tls.cipher}`);
    }
  }
  return runs;
}

function noteErrors(name: string, load: LoadResult, result: PartResult): void {
  if (load.errors.total === 0) return;
  const reasons = Object.entries(load.errors.byReason).map(([reason, count]) => `${reason} ${count}`).join(", ");
  result.notes.push(`${name}, ${load.mix}, ${load.connections} conn: ${load.errors.total} failed requests (${reasons})`);
}

function addRatio(result: PartResult, name: string, numerator: RateFigures | undefined, denominator: RateFigures | undefined): void {
  if (numerator === undefined || denominator === undefined || denominator.requestsPerSecond === 0) return;
  result.ratios[name] = numerator.requestsPerSecond / denominator.requestsPerSecond;
}
