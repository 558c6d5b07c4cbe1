/**
 * Multi-part ("streaming") cryptographic operations (§2.1.15 to §2.1.17). A request with Init
 * Indicator true opens a session and receives a Correlation Value. Later requests pass that value
 * to feed more data, and the one with Final Indicator true closes the session.
 *
 * Sessions outlive a request message, so the table hangs off the server's object store (one per
 * ObjectStore instance, kept in a WeakMap) instead of the per-request OperationContext.
 */
import { TtlvNode } from "../../src/ttlv/types";
import { ObjectStore } from "../store/object-store";

/** One cryptographic operation in progress. */
export interface Session {
  /** Consumes one part of the input and returns the output it produced (possibly empty). */
  update(data: Buffer): Buffer;
  /**
   * Ends the operation. `output` is the last of the output (ciphertext or plaintext), `fields`
   * the response fields that only the final part carries (a tag, a signature, a Validity Indicator).
   */
  finish(finalPayload: TtlvNode): { output: Buffer; fields: TtlvNode[] };
}

export interface OpenStream {
  /** Operation enumeration value that opened the stream; only the same operation may continue it. */
  operation: number;
  /** Unique Identifier of the key, or undefined for keyless operations (Hash). */
  uniqueIdentifier: string | undefined;
  session: Session;
}

/** Returns a session that collects every part and runs `complete` on the whole input at the end. */
export function wholeMessageSession(complete: (input: Buffer, finalPayload: TtlvNode) => { output: Buffer; fields: TtlvNode[] }): Session {
  const parts: Buffer[] = [];
  return {
    update: (data) => {
      parts.push(data);
      return Buffer.alloc(0);
    },
    finish: (finalPayload) => complete(Buffer.concat(parts), finalPayload),
  };
}

/** Bound on open streams per server; the oldest is dropped when a new one would exceed it. */
export const MAX_OPEN_STREAMS = 1024;

export class StreamTable {
  private readonly streams = new Map<string, OpenStream>();

  /** Stores the stream under the given Correlation Value. */
  open(correlationValue: Buffer, stream: OpenStream): void {
    if (this.streams.size >= MAX_OPEN_STREAMS) {
      const oldest = this.streams.keys().next().value as string;
      this.streams.delete(oldest);
    }
    this.streams.set(correlationValue.toString("hex"), stream);
  }

  find(correlationValue: Buffer): OpenStream | undefined {
    return this.streams.get(correlationValue.toString("hex"));
  }

  close(correlationValue: Buffer): void {
    this.streams.delete(correlationValue.toString("hex"));
  }

  get size(): number {
    return this.streams.size;
  }
}

const TABLES = new WeakMap<ObjectStore, StreamTable>();

/** Returns the stream table of the server that owns this store. */
export function streamsOf(store: ObjectStore): StreamTable {
  let table = TABLES.get(store);
  if (table === undefined) {
    table = new StreamTable();
    TABLES.set(store, table);
  }
  return table;
}
