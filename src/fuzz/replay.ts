/**
 * Replays a saved finding: sends its messages in order as the fuzz run did (a new connection
 * after each close), then probes the target, and returns the first fault seen.
 */
import { TransportError, type ConnectOptions } from "../transport";
import { fromHex } from "../ttlv/hex";
import { FuzzError } from "./errors";
import type { Exchange, ProbeResult } from "./exchange";
import { loadFinding, type Finding, type FindingKind, type FindingMessage } from "./findings";
import { DEFAULT_RESPONSE_TIMEOUT_MS, DEFAULT_SETTLE_MS } from "./runner";
import { freshProbeFailureKind, TargetSession, type FreshProbeResult } from "./session";

export interface ReplayOptions {
  connection: ConnectOptions;
  responseTimeoutMs?: number;
  settleMs?: number;
}

export interface ReplayResult {
  finding: Finding;
  /** "ok" when the target handled every message and passed the probes afterwards. */
  verdict: "ok" | FindingKind;
  /** The fault found, or a note that the target handled everything. */
  detail: string;
}

/** Loads the finding file and replays it; raises FUZZ_TARGET_UNAVAILABLE when the target fails the probe before the replay. */
export async function replayFinding(path: string, options: ReplayOptions): Promise<ReplayResult> {
  const finding = await loadFinding(path);
  const responseTimeoutMs = options.responseTimeoutMs ?? DEFAULT_RESPONSE_TIMEOUT_MS;
  const session = new TargetSession(options.connection, { responseTimeoutMs, settleMs: Math.min(options.settleMs ?? DEFAULT_SETTLE_MS, responseTimeoutMs) });

  try {
    const before = await session.probeFresh();
    if (!before.passed) {
      throw new FuzzError("FUZZ_TARGET_UNAVAILABLE", `the target at ${session.address} failed the probe before the replay: ${before.detail}`, { context: { target: session.address } });
    }
    const fault = (await sendMessages(session, finding.messages)) ?? (await probeAfter(session));
    return { finding, verdict: fault?.kind ?? "ok", detail: fault?.detail ?? "the target handled the messages and passed the probe afterwards" };
  } finally {
    await session.drop();
  }
}

interface Fault {
  kind: FindingKind;
  detail: string;
}

async function sendMessages(session: TargetSession, messages: readonly FindingMessage[]): Promise<Fault | undefined> {
  for (const message of messages) {
    let result: Exchange;
    try {
      result = await session.send(fromHex(message.hex), message.framing);
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      return { kind: "crash", detail: `cannot connect to send the message of iteration ${message.iteration}: ${error.message}` };
    }

    if (result.outcome === "malformed") return { kind: "malformed", detail: result.detail };
    if (result.outcome === "timeout" && message.framing === "whole") return { kind: "hang", detail: result.detail };
  }
  return undefined;
}

/** Probes the connection left open, if any, then a fresh one, as the fuzz run does. */
async function probeAfter(session: TargetSession): Promise<Fault | undefined> {
  if (session.isOpen) {
    const onOpen: ProbeResult = await session.probeOpen();
    if (!onOpen.passed && onOpen.outcome !== "closed") {
      return { kind: onOpen.outcome === "timeout" ? "hang" : "malformed", detail: `on the connection that carried the messages: ${onOpen.detail}` };
    }
  }

  const fresh: FreshProbeResult = await session.probeFresh();
  if (fresh.passed) return undefined;
  return { kind: freshProbeFailureKind(fresh.outcome), detail: `the target failed the probe on a new connection: ${fresh.detail}` };
}
