/**
 * The server the suites test. `kmipcheck run` configures it before it loads the suites. Under
 * plain mocha (`npm test`) it comes from these environment variables. Without them it is the
 * bundled server, started on first use and stopped after the last suite file releases it.
 *
 *   KMIPCHECK_TARGET          bundled (default) or HOST:PORT
 *   KMIPCHECK_CLIENT_CERT     PEM client certificate file (HOST:PORT only)
 *   KMIPCHECK_CLIENT_KEY      PEM client key file (HOST:PORT only)
 *   KMIPCHECK_CA              PEM CA file that signs the server certificate (optional)
 *   KMIPCHECK_SERVER_CERT     PEM server certificate to pin (optional)
 *   KMIPCHECK_ACCEPT_REASON   CHECK=REASON pairs separated by commas, as --accept-reason takes them
 */
import { openTarget, planTarget, type OpenTarget } from "../../src/cli/target";
import { DEFAULT_TIME_WINDOW_SECONDS } from "../../src/match";
import type { ConnectOptions } from "../../src/transport";
import type { TtlvNode } from "../../src/ttlv";
import { parseAcceptedReasons, type AcceptedReasons } from "./accept";

export interface SuiteTarget {
  /** "bundled 127.0.0.1:PORT" or "remote HOST:PORT", for messages. */
  description: string;
  connection: ConnectOptions;
  /** Result Reasons a certifier accepts per check id, from --accept-reason. */
  acceptedReasons: AcceptedReasons;
  /** Half-width of the window for Time Stamp values, in seconds. */
  timeWindowSeconds: number;
  /** Milliseconds a response may take before the check fails. */
  responseTimeoutMs: number;
  /** Authentication (§6.6) that every request header carries, from the target's configured credential. */
  authentication?: TtlvNode;
}

/** Response timeout of the checks. A server that neither responds nor closes the connection within it fails the check. */
export const DEFAULT_RESPONSE_TIMEOUT_MS = 10_000;

let configured: SuiteTarget | undefined;
let opened: { target: SuiteTarget; server: OpenTarget; users: number } | undefined;

/** Sets the target of the next suite run (undefined returns to the environment variables). */
export function configureSuiteTarget(target: SuiteTarget | undefined): void {
  configured = target;
}

/** Returns the target, opening it from the environment on first use. Pair each call with releaseSuiteTarget. */
export async function acquireSuiteTarget(): Promise<SuiteTarget> {
  if (configured !== undefined) {
    return configured;
  }

  if (opened === undefined) {
    const server = await openTarget(await planTarget(flagsFromEnvironment()));
    const { host, port } = server.description;
    const target: SuiteTarget = {
      description: `${server.description.kind} ${host}:${port}`,
      connection: server.connection,
      acceptedReasons: parseAcceptedReasons(splitList(process.env.KMIPCHECK_ACCEPT_REASON)),
      timeWindowSeconds: DEFAULT_TIME_WINDOW_SECONDS,
      responseTimeoutMs: DEFAULT_RESPONSE_TIMEOUT_MS,
    };
    opened = { target, server, users: 0 };
  }

  opened.users += 1;
  return opened.target;
}

/** Stops the target opened from the environment once its last user releases it. */
export async function releaseSuiteTarget(): Promise<void> {
  if (configured !== undefined || opened === undefined) {
    return;
  }

  opened.users -= 1;
  if (opened.users === 0) {
    const { server } = opened;
    opened = undefined;
    await server.close();
  }
}

function flagsFromEnvironment(): Parameters<typeof planTarget>[0] {
  const env = process.env;
  return { target: env.KMIPCHECK_TARGET ?? "bundled", clientCert: env.KMIPCHECK_CLIENT_CERT, clientKey: env.KMIPCHECK_CLIENT_KEY, ca: env.KMIPCHECK_CA, serverCert: env.KMIPCHECK_SERVER_CERT, faults: [] };
}

function splitList(text: string | undefined): string[] {
  return text === undefined ? [] : text.split(",").map((part) => part.trim()).filter((part) => part.length > 0);
}
