/** Inputs an operation handler receives besides its request payload. */
import { X931Rng } from "./crypto/x931-rng";
import { FaultSwitches } from "./faults";
import type { ServerStatistics } from "./server-stats";
import { ObjectStore } from "./store/object-store";

/** State kept for one request message and discarded after it (§4: the ID Placeholder lives for one batch). */
export interface BatchState {
  /** The ID Placeholder (§4): the Unique Identifier the last identifier-returning operation produced. */
  idPlaceholder: string | undefined;
}

/** Server policy values that the spec leaves to the server. */
export interface ServerPolicy {
  /** Lease Time (§3.20) given to new objects, in seconds. */
  leaseTimeSeconds: number;
  /** Vendor Identification returned by Query (§4.25). */
  vendorIdentification: string;
  /**
   * RNG Seed (§4.36) handling, which the spec leaves to the server: the maximum number of seed
   * bytes mixed into the generator per request (0 ignores every seed, as §4.36 allows), or
   * "reject" to fail RNG Seed with Permission Denied. Default: every byte is used.
   */
  rngSeedLimit?: number | "reject";
  /** Maximum number of Unique Identifiers one Locate returns when Maximum Items is absent or larger (§4.9: an internal maximum); default DEFAULT_MAX_LOCATE_ITEMS. */
  maxLocateItems?: number;
}

export interface ProtocolVersion {
  major: number;
  minor: number;
}

export interface OperationContext {
  store: ObjectStore;
  /** When the request message was received, in POSIX seconds; every date an operation sets uses it. */
  now: bigint;
  batch: BatchState;
  rng: X931Rng;
  policy: ServerPolicy;
  faults: FaultSwitches;
  /** Operation values the route table serves, for Query (§4.25). */
  supportedOperations: readonly number[];
  /** Protocol version of the response (§6.1). */
  protocolVersion: ProtocolVersion;
  log: (format: string, ...args: unknown[]) => void;
  /** The server's counters; key generations are timed through generateKey (server-stats.ts). Absent in unit tests. */
  statistics?: ServerStatistics;
}
