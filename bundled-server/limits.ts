/**
 * Resource limits of the bundled server: they bound what one client, or many, can make the server
 * hold in memory or keep open. Defaults are documented on BundledServerOptions.
 */
import { DEFAULT_MAX_MESSAGE_SIZE, HEADER_SIZE } from "../src/ttlv";
import { BundledServerConfigError } from "./errors";
import { DEFAULT_MAX_DESTROYED_OBJECTS, DEFAULT_MAX_OBJECTS } from "./store/object-store";

export const DEFAULT_IDLE_TIMEOUT_MS = 5 * 60 * 1000;
export const DEFAULT_MESSAGE_TIMEOUT_MS = 30 * 1000;
export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 10 * 1000;
export const DEFAULT_MAX_CONNECTIONS = 100;
/** The OASIS KMIP 1.4 test vectors nest at most 8 structures deep (Cryptographic Parameters in the Key Wrapping Data of a Key Block), so 32 leaves room. */
export const DEFAULT_MAX_NESTING_DEPTH = 32;
export const DEFAULT_MAX_QUEUED_BYTES = DEFAULT_MAX_MESSAGE_SIZE;
/** The OASIS KMIP 1.4 test vectors send at most 4 Batch Items in one request, so 64 leaves room. */
export const DEFAULT_MAX_BATCH_COUNT = 64;
/** 10,000 Unique Identifiers (a UUID takes 48 bytes in TTLV) make a Locate response of about 480 KiB, under the 1 MiB message maximum. */
export const DEFAULT_MAX_LOCATE_ITEMS = 10_000;
export { DEFAULT_MAX_DESTROYED_OBJECTS, DEFAULT_MAX_OBJECTS };

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

/** Limits on what one request may ask for and what one client identity may store. */
export interface RequestLimits {
  /** Largest response built, in bytes; beyond it (or the request's smaller Maximum Response Size) batch items get Response Too Large (§6.3). */
  maxResponseSize: number;
  /** Maximum number of Batch Items in one request. A request with more is rejected whole with Invalid Message. */
  // TODO: no per-request work budget yet, so 64 RSA-4096 Create Key Pair items still run one after another (about 1 s each).
  maxBatchCount: number;
  /** Maximum number of Unique Identifiers one Locate returns, unless Maximum Items is smaller (§4.9 allows an internal maximum). */
  maxLocateItems: number;
  /** Maximum number of objects, not counting destroyed ones, per client identity. Create and Register beyond it get General Failure. */
  maxObjectsPerIdentity: number;
  /** Maximum number of destroyed objects whose attributes stay readable, per client identity. The oldest destroyed is evicted first. */
  maxDestroyedObjectsPerIdentity: number;
}

export type LimitOptions = Partial<ConnectionLimits & RequestLimits>;

export function resolveLimits(options: LimitOptions): ConnectionLimits & RequestLimits {
  const limits: ConnectionLimits & RequestLimits = {
    maxMessageSize: options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE,
    maxNestingDepth: options.maxNestingDepth ?? DEFAULT_MAX_NESTING_DEPTH,
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    messageTimeoutMs: options.messageTimeoutMs ?? DEFAULT_MESSAGE_TIMEOUT_MS,
    handshakeTimeoutMs: options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS,
    maxConnections: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
    maxQueuedBytes: options.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES,
    maxResponseSize: options.maxResponseSize ?? DEFAULT_MAX_MESSAGE_SIZE,
    maxBatchCount: options.maxBatchCount ?? DEFAULT_MAX_BATCH_COUNT,
    maxLocateItems: options.maxLocateItems ?? DEFAULT_MAX_LOCATE_ITEMS,
    maxObjectsPerIdentity: options.maxObjectsPerIdentity ?? DEFAULT_MAX_OBJECTS,
    maxDestroyedObjectsPerIdentity: options.maxDestroyedObjectsPerIdentity ?? DEFAULT_MAX_DESTROYED_OBJECTS,
  };

  checkWholeNumber("maxMessageSize", limits.maxMessageSize, HEADER_SIZE);
  checkWholeNumber("maxNestingDepth", limits.maxNestingDepth, 1);
  checkWholeNumber("idleTimeoutMs", limits.idleTimeoutMs, 1);
  checkWholeNumber("messageTimeoutMs", limits.messageTimeoutMs, 1);
  checkWholeNumber("handshakeTimeoutMs", limits.handshakeTimeoutMs, 1);
  checkWholeNumber("maxConnections", limits.maxConnections, 1);
  checkWholeNumber("maxQueuedBytes", limits.maxQueuedBytes, 0);
  checkWholeNumber("maxResponseSize", limits.maxResponseSize, HEADER_SIZE);
  checkWholeNumber("maxBatchCount", limits.maxBatchCount, 1);
  checkWholeNumber("maxLocateItems", limits.maxLocateItems, 1);
  checkWholeNumber("maxObjectsPerIdentity", limits.maxObjectsPerIdentity, 1);
  checkWholeNumber("maxDestroyedObjectsPerIdentity", limits.maxDestroyedObjectsPerIdentity, 0);
  return limits;
}

function checkWholeNumber(name: string, value: number, minimum: number): void {
  // setTimeout takes at most 2^31 - 1 ms, and Buffer sizes are far below 2^53, so one cap serves every limit.
  if (!Number.isInteger(value) || value < minimum || value > 2 ** 31 - 1) {
    throw new BundledServerConfigError(`${name} ${value} is invalid; give a whole number from ${minimum} to ${2 ** 31 - 1}`, { [name]: value });
  }
}
