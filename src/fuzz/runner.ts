/**
 * The fuzz loop: send each fuzzed message, judge what the target did, probe it with a valid
 * request now and then and after every closed connection, and save each finding.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { debuglog } from "node:util";
import { TransportError, type ConnectOptions } from "../transport";
import { createdObjects, removalRequests, succeeded } from "./cleanup";
import { FuzzError } from "./errors";
import type { Exchange } from "./exchange";
import { FINDING_FORMAT, findingMessage, saveFinding, type Finding, type FindingKind } from "./findings";
import { MutationEngine, type FuzzCase } from "./mutate";
import type { SeedRequest } from "./seeds";
import { freshProbeFailureKind, TargetSession, type FreshProbeResult } from "./session";
import { toHex } from "../ttlv/hex";

const debug = debuglog("kmipcheck:fuzz");

export const DEFAULT_RESPONSE_TIMEOUT_MS = 5_000;
export const DEFAULT_SETTLE_MS = 25;
export const DEFAULT_PROBE_EVERY = 100;
export const DEFAULT_MAX_FINDINGS = 100;

export interface FuzzRunOptions {
  connection: ConnectOptions;
  seeds: readonly SeedRequest[];
  /** Any text; the same seed and seed requests give the same messages. */
  seed: string;
  /** Number of messages to send; Infinity with `durationMs` runs for a time instead. */
  iterations: number;
  /** Stop after this many milliseconds, even before `iterations`. */
  durationMs?: number;
  /** Time allowed for each response, in milliseconds (default 5000). */
  responseTimeoutMs?: number;
  /** Time to watch for a response to a message with partial framing, in milliseconds (default 25). */
  settleMs?: number;
  /** Probe the open connection after this many messages (default 100). */
  probeEvery?: number;
  /** Stop after this many findings (default 100). */
  maxFindings?: number;
  /** Folder for the finding files and summary.json, e.g. `reports/fuzz/<run>`. */
  reportDir: string;
  /** Called after each message with the counts so far. */
  onProgress?(counts: Readonly<FuzzCounts>): void;
  /**
   * Revoke and destroy the objects that fuzzed requests created, every CLEANUP_BATCH objects and
   * at the end (default true).
   */
  cleanup?: boolean;
  /** Called with each finding once its file is saved. */
  onFinding?(finding: Readonly<Finding>, path: string): void;
}

export interface FuzzCounts {
  /** Messages sent. */
  sent: number;
  /** Messages that got a well-formed response. */
  answered: number;
  /** Messages after which the target closed the connection. */
  closed: number;
  /** Messages with partial framing that got no response within the settle time, which is allowed. */
  waited: number;
  crash: number;
  hang: number;
  malformed: number;
  probes: number;
  probesPassed: number;
  connections: number;
  /** Objects that successful responses reported as created. */
  created: number;
  /** Created objects that the clean-up destroyed. */
  destroyed: number;
}

export type StopReason = "iterations" | "duration" | "max-findings" | "target-down" | "aborted";

export interface FuzzSummary {
  seed: string;
  target: string;
  counts: FuzzCounts;
  /** Paths of the finding files, in the order found. */
  findingFiles: string[];
  durationMs: number;
  messagesPerSecond: number;
  stopReason: StopReason;
  reportDir: string;
}

/** Created objects collected before the clean-up removes them. */
const CLEANUP_BATCH = 20;

/** Message bytes saved in one finding file at most; the latest messages are kept. */
const MAX_FINDING_BYTES = 16 * 1024 * 1024;

export class FuzzRunner {
  readonly counts: FuzzCounts = { sent: 0, answered: 0, closed: 0, waited: 0, crash: 0, hang: 0, malformed: 0, probes: 0, probesPassed: 0, connections: 0, created: 0, destroyed: 0 };
  private readonly engine: MutationEngine;
  private readonly session: TargetSession;
  private readonly findingFiles: string[] = [];
  /**
   * Iterations of the messages sent since the last probe the target passed: the suspects when a
   * probe fails. Only the numbers are kept, because the engine regenerates a message from its iteration.
   */
  private sinceProbe: number[] = [];
  /** Unique Identifiers of created objects that the clean-up has not yet removed. */
  private created: string[] = [];
  /** Iteration of the latest message generated; -1 before the first. */
  private lastIteration = -1;
  private stopReason: StopReason | undefined;

  constructor(private readonly options: FuzzRunOptions) {
    if (options.seeds.length === 0) throw new FuzzError("FUZZ_NO_SEEDS", "no seed requests to mutate: give vector folders with requests, or none for the built-in set");
    this.engine = new MutationEngine(options.seeds, options.seed);
    const responseTimeoutMs = options.responseTimeoutMs ?? DEFAULT_RESPONSE_TIMEOUT_MS;
    this.session = new TargetSession(options.connection, { responseTimeoutMs, settleMs: Math.min(options.settleMs ?? DEFAULT_SETTLE_MS, responseTimeoutMs) });
  }

  /**
   * Runs until a stop condition; `signal` (e.g. from Ctrl-C) stops the run after the current
   * message. Raises FUZZ_TARGET_UNAVAILABLE when the target fails the first probe.
   */
  async run(signal?: AbortSignal): Promise<FuzzSummary> {
    const started = Date.now();
    await this.checkTargetBeforeStart();

    try {
      for (let iteration = 0; this.shouldContinue(iteration, started, signal); iteration += 1) {
        await this.fuzzOne(iteration);
        this.options.onProgress?.(this.counts);
      }
      if (this.stopReason !== "target-down") {
        await this.removeCreated();
        await this.probeFresh(this.sinceProbe.at(-1) ?? -1);
      }
    } finally {
      await this.session.drop();
    }
    return this.summarize(started);
  }

  /**
   * Saves a crash finding for the message being fuzzed, synchronously. For an in-process target
   * whose failure ends this process (an uncaught exception), called from the process handler.
   */
  recordFatalError(error: unknown): string {
    const detail = `the process failed while the target handled this message: ${error instanceof Error ? error.stack ?? error.message : String(error)}`;
    const suspects = this.sinceProbe.length > 0 ? this.sinceProbe : [this.lastIteration];
    return this.record("crash", this.lastIteration, detail, suspects.filter((iteration) => iteration >= 0));
  }

  private async checkTargetBeforeStart(): Promise<void> {
    const result = await this.session.probeFresh();
    this.countProbe(result);
    if (!result.passed) {
      throw new FuzzError("FUZZ_TARGET_UNAVAILABLE", `the target at ${this.session.address} failed the probe before fuzzing: ${result.detail}; check the address and credentials with kmipcheck run first`, { context: { target: this.session.address } });
    }
  }

  private shouldContinue(iteration: number, started: number, signal: AbortSignal | undefined): boolean {
    if (this.stopReason !== undefined) return false;

    if (signal?.aborted === true) this.stopReason = "aborted";
    else if (iteration >= this.options.iterations) this.stopReason = "iterations";
    else if (this.options.durationMs !== undefined && Date.now() - started >= this.options.durationMs) this.stopReason = "duration";
    else if (this.findingFiles.length >= (this.options.maxFindings ?? DEFAULT_MAX_FINDINGS)) this.stopReason = "max-findings";
    return this.stopReason === undefined;
  }

  private async fuzzOne(iteration: number): Promise<void> {
    const fuzzCase = this.engine.generate(iteration);
    this.sinceProbe.push(iteration);
    this.lastIteration = iteration;

    const result = await this.sendOrCrash(fuzzCase);
    if (result === undefined) return;

    this.counts.sent += 1;
    this.judge(fuzzCase, result);

    if (!this.session.isOpen) {
      await this.probeFresh(iteration);
    } else if ((iteration + 1) % (this.options.probeEvery ?? DEFAULT_PROBE_EVERY) === 0) {
      await this.probeOpen(iteration);
    }

    if (this.created.length >= CLEANUP_BATCH && this.session.isOpen) await this.removeCreated();
  }

  /**
   * Revokes and destroys the created objects, one at a time. Stops at the first request that gets
   * no well-formed response, leaving the rest, because the probes judge the target, not the clean-up.
   */
  private async removeCreated(): Promise<void> {
    const identifiers = this.created.splice(0);
    for (const identifier of identifiers) {
      const removed = await this.removeObject(identifier);
      if (removed === undefined) return;
      if (removed) this.counts.destroyed += 1;
    }
  }

  /** Returns whether Destroy succeeded, or undefined when a request got no well-formed response. */
  private async removeObject(identifier: string): Promise<boolean | undefined> {
    let destroyed = false;
    for (const request of removalRequests(identifier)) {
      const result = await this.session.send(request, "whole").catch((error: unknown) => {
        if (error instanceof TransportError) return undefined;
        throw error;
      });
      if (result?.outcome !== "answered") return undefined;
      destroyed = succeeded(result.node);
    }
    return destroyed;
  }

  /** Sends the message; a failed connect means the target went down after an earlier message. */
  private async sendOrCrash(fuzzCase: FuzzCase): Promise<Exchange | undefined> {
    try {
      return await this.session.send(fuzzCase.bytes, fuzzCase.framing);
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;

      const suspects = this.sinceProbe.length > 1 ? this.sinceProbe.slice(0, -1) : this.sinceProbe;
      this.record("crash", suspects[suspects.length - 1], `cannot connect to send the next message: ${error.message}`, suspects);
      this.stopReason = "target-down";
      return undefined;
    } finally {
      this.counts.connections = this.session.connections;
    }
  }

  private judge(fuzzCase: FuzzCase, result: Exchange): void {
    switch (result.outcome) {
      case "answered":
        this.counts.answered += 1;
        this.noteCreated(createdObjects(result.node));
        return;
      case "closed":
        // NOTE: a target that sends a response and then closes is seen only at the next send, so
        // that next message counts as closed although the target never read it.
        this.counts.closed += 1;
        return;
      case "malformed":
        // Without a response, the fault is in the stream: e.g. an extra response to an earlier
        // message on this connection. Every message since the last probe shares the connection,
        // so they are all saved for the replay.
        this.record("malformed", fuzzCase.iteration, result.detail, result.response === undefined ? this.sinceProbe : [fuzzCase.iteration], result.response);
        return;
      case "timeout":
        if (fuzzCase.framing === "partial") {
          this.counts.waited += 1;
        } else {
          this.record("hang", fuzzCase.iteration, result.detail, [fuzzCase.iteration]);
        }
    }
  }

  /** Probes the open connection; when that fails other than by a close, records it, then probes a fresh connection. */
  private async probeOpen(iteration: number): Promise<void> {
    const result = await this.session.probeOpen();
    this.countProbe(result);
    if (result.passed) {
      this.sinceProbe = [];
      return;
    }

    if (result.outcome !== "closed") {
      this.record(result.outcome === "timeout" ? "hang" : "malformed", iteration, `on the connection that carried the messages: ${result.detail}`, this.sinceProbe);
    }
    await this.probeFresh(iteration);
  }

  /** Probes a fresh connection; a failure means the target no longer works, so the run stops. */
  private async probeFresh(iteration: number): Promise<void> {
    const result: FreshProbeResult = await this.session.probeFresh();
    this.countProbe(result);
    this.counts.connections = this.session.connections;
    if (result.passed) {
      this.sinceProbe = [];
      return;
    }

    this.record(freshProbeFailureKind(result.outcome), iteration, `the target failed the probe on a new connection: ${result.detail}`, this.sinceProbe);
    this.stopReason = "target-down";
  }

  private noteCreated(identifiers: string[]): void {
    this.counts.created += identifiers.length;
    if (this.options.cleanup !== false) this.created.push(...identifiers);
  }

  private countProbe(result: FreshProbeResult): void {
    this.counts.probes += 1;
    if (result.passed) this.counts.probesPassed += 1;
  }

  private record(kind: FindingKind, iteration: number, detail: string, suspects: readonly number[], response?: Buffer): string {
    this.counts[kind] += 1;
    const messages = this.regenerateLatest(suspects);
    const leftOut = suspects.length - messages.length;
    const finding: Finding = {
      format: FINDING_FORMAT,
      kind,
      seed: this.options.seed,
      iteration,
      target: this.session.address,
      detail: leftOut === 0 ? detail : `${detail} (${leftOut} earlier messages left out of this file to bound its size; regenerate them from the seed)`,
      messages: messages.map(findingMessage),
      responseHex: response === undefined ? undefined : toHex(response),
      foundAt: new Date().toISOString(),
    };

    const path = saveFinding(this.options.reportDir, finding);
    this.findingFiles.push(path);
    this.options.onFinding?.(finding, path);
    debug("%s at iteration %d: %s (%s)", kind, iteration, detail, path);
    return path;
  }

  /** Regenerates the latest suspects whose bytes total at most MAX_FINDING_BYTES, and always the last one. */
  private regenerateLatest(iterations: readonly number[]): FuzzCase[] {
    const cases: FuzzCase[] = [];
    let total = 0;

    for (let index = iterations.length - 1; index >= 0; index -= 1) {
      const fuzzCase = this.engine.generate(iterations[index]);
      if (cases.length > 0 && total + fuzzCase.bytes.length > MAX_FINDING_BYTES) break;

      cases.unshift(fuzzCase);
      total += fuzzCase.bytes.length;
    }
    return cases;
  }

  private summarize(started: number): FuzzSummary {
    const durationMs = Date.now() - started;
    const summary: FuzzSummary = {
      seed: this.options.seed,
      target: this.session.address,
      counts: { ...this.counts },
      findingFiles: [...this.findingFiles],
      durationMs,
      messagesPerSecond: durationMs === 0 ? 0 : Math.round((this.counts.sent * 1000) / durationMs),
      stopReason: this.stopReason ?? "iterations",
      reportDir: this.options.reportDir,
    };

    mkdirSync(this.options.reportDir, { recursive: true });
    writeFileSync(join(this.options.reportDir, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
    return summary;
  }
}
