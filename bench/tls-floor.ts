/**
 * The machine's floor for the server benchmark: a bare node:tls echo server (bench/server-child.ts)
 * driven over KmipConnection, the client the load mode uses, with a 100-byte request and reply.
 * No KMIP encoding, decoding or processing happens, so no KMIP server on this machine can respond
 * faster over the same TLS settings.
 */
import { performance } from "node:perf_hooks";
import { Tag } from "../src/kmip";
import { LatencyHistogram } from "../src/load";
import { ConnectOptions, KmipConnection } from "../src/transport";
import { HEADER_SIZE, ItemType } from "../src/ttlv/types";
import { startChildServer } from "./child-server";
import { BenchSettings, Figure, PartResult } from "./figures";
import { BenchPki, createBenchPki } from "./bench-pki";
import { cpuPerRequest, sampleCpu } from "./cpu-time";

const PART = "tls-floor";
const MESSAGE_BYTES = 100;
export const FLOOR_CONNECTIONS = [1, 4] as const;

/** Floor figures by connection count from the last runTlsFloorBenchmark of this process. */
export const floor = new Map<number, RateFigures>();

export interface RateFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU microseconds per request of the client (this process) and of the server, when measured. */
  clientCpuMicros?: number;
  serverCpuMicros?: number;
}

/**
 * Builds a 100-byte message with the header of a Response Message Structure. KmipConnection's
 * framing reads only that header of the echo, so the 92 bytes of value need not be TTLV items.
 */
export function echoMessage(): Buffer {
  const message = Buffer.alloc(MESSAGE_BYTES, 0xa5);
  message.writeUIntBE(Tag.ResponseMessage, 0, 3);
  message[3] = ItemType.Structure;
  message.writeUInt32BE(MESSAGE_BYTES - HEADER_SIZE, 4);
  return message;
}

/** Sends the echo message back to back on each connection until `seconds` pass. */
export async function runEchoLoad(connection: ConnectOptions, connections: number, seconds: number, serverPid?: number): Promise<RateFigures> {
  const clients = await Promise.all(Array.from({ length: connections }, () => KmipConnection.connect(connection)));
  const histogram = new LatencyHistogram();
  const message = echoMessage();
  const cpuBefore = sampleCpu(serverPid);
  const start = performance.now();
  const deadline = start + seconds * 1000;

  try {
    await Promise.all(clients.map(async (client) => {
      while (performance.now() < deadline) {
        const sent = performance.now();
        await client.roundTrip(message);
        histogram.record((performance.now() - sent) * 1000);
      }
    }));
  } finally {
    await Promise.all(clients.map((client) => client.close()));
  }

  const summary = histogram.summary();
  const requestsPerSecond = histogram.count / ((performance.now() - start) / 1000);
  const cpu = cpuPerRequest(cpuBefore, sampleCpu(serverPid), histogram.count);
  return { requestsPerSecond, p50Ms: summary.p50Ms, p99Ms: summary.p99Ms, clientCpuMicros: cpu.clientMicros, serverCpuMicros: cpu.serverMicros };
}

export function rateFigures(part: string, label: string, figures: RateFigures): Figure[] {
  const rows: Figure[] = [
    { part, label: `${label}: throughput`, value: figures.requestsPerSecond, unit: "req/s" },
    { part, label: `${label}: latency p50`, value: figures.p50Ms, unit: "ms" },
    { part, label: `${label}: latency p99`, value: figures.p99Ms, unit: "ms" },
  ];
  if (figures.clientCpuMicros !== undefined) rows.push({ part, label: `${label}: client CPU per request`, value: figures.clientCpuMicros, unit: "us" });
  if (figures.serverCpuMicros !== undefined) rows.push({ part, label: `${label}: server CPU per request`, value: figures.serverCpuMicros, unit: "us" });
  return rows;
}

/** Load seconds per figure: 10 for a full run, 1 for --quick. */
export function loadSeconds(settings: BenchSettings): number {
  return settings.quick ? 1 : 10;
}

/** Measures the echo floor on 1 and 4 connections and keeps the figures in `floor` for the server part. */
export async function runTlsFloorBenchmark(settings: BenchSettings, pki: BenchPki = createBenchPki()): Promise<PartResult> {
  const server = await startChildServer("echo", pki.folder);
  const result: PartResult = { figures: [], ratios: {}, notes: [] };

  try {
    for (const connections of FLOOR_CONNECTIONS) {
      const figures = await runEchoLoad({ ...pki.connection, port: server.port }, connections, loadSeconds(settings), server.pid);
      floor.set(connections, figures);
      result.figures.push(...rateFigures(PART, `TLS echo, 100 B, ${connections} conn`, figures));
    }
  } finally {
    await server.close();
  }
  return result;
}
