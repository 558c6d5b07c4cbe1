/**
 * CPU time of the benchmark client (this process) and of a server process, so that each load
 * figure shows how many microseconds of CPU one request cost on each side. With one request in
 * flight, the two sides take turns, so 1 / (client + server CPU per request) bounds the
 * throughput, and these figures show which side limits it.
 */
import { readFileSync } from "node:fs";

/**
 * Linux reports utime and stime in clock ticks (proc(5)). A tick is 1/100 s on x86-64 and arm64
 * Linux, as `getconf CLK_TCK` prints; Node.js cannot read that setting.
 */
const MICROSECONDS_PER_TICK = 10_000;

export interface CpuSample {
  clientMicros: number;
  /** Undefined where /proc/PID/stat cannot be read (not Linux, or the process is gone). */
  serverMicros: number | undefined;
}

/** Reads the CPU time (user and system) both processes have used so far. */
export function sampleCpu(serverPid: number | undefined): CpuSample {
  const own = process.cpuUsage();
  return { clientMicros: own.user + own.system, serverMicros: serverPid === undefined ? undefined : processCpuMicros(serverPid) };
}

/** Returns the CPU microseconds per request of each side between two samples. */
export function cpuPerRequest(before: CpuSample, after: CpuSample, requests: number): { clientMicros: number; serverMicros: number | undefined } {
  const server = before.serverMicros === undefined || after.serverMicros === undefined ? undefined : (after.serverMicros - before.serverMicros) / requests;
  return { clientMicros: (after.clientMicros - before.clientMicros) / requests, serverMicros: server };
}

/** CPU time of another process from fields 14 and 15 (utime, stime) of /proc/PID/stat. */
function processCpuMicros(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }

  // The command name (field 2) is in parentheses and may contain spaces, so fields are counted after it.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? ticks * MICROSECONDS_PER_TICK : undefined;
}
