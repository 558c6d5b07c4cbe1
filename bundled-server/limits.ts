/**
 * Resource limits of the bundled server: they bound what one client, or many, can make the server
 * hold in memory or keep open. Defaults are documented on BundledServerOptions.
 */
import { DEFAULT_MAX_MESSAGE_SIZE, HEADER_SIZE } from "../src/ttlv";
import { BundledServerConfigError } from "./errors";

export const DEFAULT_IDLE_TIMEOUT_MS = 5 * 60 * 1000;
export const DEFAULT_MESSAGE_TIMEOUT_MS = 30 * 1000;
export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 10 * 1000;
export const DEFAULT_MAX_CONNECTIONS = 100;
/** The OASIS KMIP 1.4 test vectors nest at most 8 structures deep (Cryptographic Parameters in the Key Wrapping Data of a Key Block), so 32 leaves room. */
export const DEFAULT_MAX_NESTING_DEPTH = 32;
export const DEFAULT_MAX_QUEUED_BYTES = DEFAULT_MAX_MESSAGE_SIZE;

export interface ConnectionLimits {
  /** Largest request accepted, in bytes, header included; checked on the 8-byte header before the message is allocated. */
  maxMessageSize: number;
  /** Deepest structure nesting a request may have; the Request Message itself is depth 1. */
  maxNestingDepth: number;
  /** A connection with no traffic in either direction for this long is closed, in milliseconds. */
  idleTimeoutMs: number;
  /** A request must arrive whole within this long of its first byte, in milliseconds, or the connection is closed. */
  messageTimeoutMs: number;
  /** A TLS handshake must finish within this long of the TCP accept, in milliseconds. */
  handshakeTimeoutMs: number;
  /** Open connections, handshakes included; the server drops any connection beyond it at once. */
  maxConnections: number;
  /** Bytes of whole requests that may wait behind the one being processed; beyond it the connection is closed. */
  maxQueuedBytes: number;
}

export type LimitOptions = Partial<ConnectionLimits>;

export function resolveLimits(options: LimitOptions): ConnectionLimits {
  const limits: ConnectionLimits = {
    maxMessageSize: options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE,
    maxNestingDepth: options.maxNestingDepth ?? DEFAULT_MAX_NESTING_DEPTH,
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    messageTimeoutMs: options.messageTimeoutMs ?? DEFAULT_MESSAGE_TIMEOUT_MS,
    handshakeTimeoutMs: options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS,
    maxConnections: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
    maxQueuedBytes: options.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES,
  };

  checkWholeNumber("maxMessageSize", limits.maxMessageSize, HEADER_SIZE);
  checkWholeNumber("maxNestingDepth", limits.maxNestingDepth, 1);
  checkWholeNumber("idleTimeoutMs", limits.idleTimeoutMs, 1);
  checkWholeNumber("messageTimeoutMs", limits.messageTimeoutMs, 1);
  checkWholeNumber("handshakeTimeoutMs", limits.handshakeTimeoutMs, 1);
  checkWholeNumber("maxConnections", limits.maxConnections, 1);
  checkWholeNumber("maxQueuedBytes", limits.maxQueuedBytes, 0);
  return limits;
}

function checkWholeNumber(name: string, value: number, minimum: number): void {
  // setTimeout takes at most 2^31 - 1 ms, and Buffer sizes are far below 2^53, so one cap serves every limit.
  if (!Number.isInteger(value) || value < minimum || value > 2 ** 31 - 1) {
    throw new BundledServerConfigError(`${name} ${value} is invalid; give a whole number from ${minimum} to ${2 ** 31 - 1}`, { [name]: value });
  }
}
