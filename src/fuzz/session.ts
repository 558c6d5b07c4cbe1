/**
 * The fuzzer's connection to the target: opened on demand, dropped whenever the target closes it
 * or its state is unknown (a timeout, a malformed response, a message with partial framing).
 */
import { debuglog } from "node:util";
import { KmipConnection, TransportError, type ConnectOptions } from "../transport";
import { formatAddress } from "../transport/options";
import { exchange, probe, type Exchange, type ExchangeTimeouts, type ProbeResult } from "./exchange";
import type { Framing } from "./byte-mutators";

const debug = debuglog("kmipcheck:fuzz");

/** A probe on a fresh connection, or the reason no connection could be opened for it. */
export type FreshProbeResult = ProbeResult | { passed: false; outcome: "unreachable"; detail: string };

/** Returns the finding kind of a probe that failed on a new connection: only a timeout or a malformed response leaves the target running. */
export function freshProbeFailureKind(outcome: "malformed" | "closed" | "timeout" | "unreachable"): "crash" | "hang" | "malformed" {
  if (outcome === "timeout") return "hang";
  if (outcome === "malformed") return "malformed";
  return "crash";
}

export class TargetSession {
  private connection: KmipConnection | undefined;
  /** Connections opened so far. */
  connections = 0;

  constructor(
    private readonly options: ConnectOptions,
    private readonly timeouts: ExchangeTimeouts,
  ) {}

  get address(): string {
    return formatAddress(this.options.host, this.options.port ?? 5696);
  }

  /**
   * Sends one message on the open connection, connecting first when none is open. Raises the
   * TransportError of a failed connect. The connection is dropped unless a response arrived to a
   * message with whole framing.
   */
  async send(bytes: Buffer, framing: Framing): Promise<Exchange> {
    const connection = await this.open();
    const result = await exchange(connection, bytes, framing, this.timeouts);

    if (result.outcome !== "answered" || framing === "partial") {
      await this.drop();
    }
    return result;
  }

  /** True when a connection is open, so the next send does not connect first. */
  get isOpen(): boolean {
    return this.connection !== undefined;
  }

  /** Sends the probe on the open connection; drops the connection when the probe fails. */
  async probeOpen(): Promise<ProbeResult> {
    const result = await probe(await this.open(), this.timeouts.responseTimeoutMs);
    if (!result.passed) await this.drop();
    return result;
  }

  /** Drops the open connection, connects again and sends the probe. */
  async probeFresh(): Promise<FreshProbeResult> {
    await this.drop();
    try {
      await this.open();
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      return { passed: false, outcome: "unreachable", detail: `cannot connect for the probe: ${error.message}` };
    }
    return this.probeOpen();
  }

  async drop(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    if (connection !== undefined) await connection.close();
  }

  private async open(): Promise<KmipConnection> {
    if (this.connection === undefined) {
      const connectTimeoutMs = this.options.connectTimeoutMs ?? this.timeouts.responseTimeoutMs;
      this.connection = await KmipConnection.connect({ ...this.options, connectTimeoutMs, responseTimeoutMs: this.timeouts.responseTimeoutMs });
      this.connections += 1;
      debug("%s: connection %d opened", this.address, this.connections);
    }
    return this.connection;
  }
}
