/**
 * The objects one vector created on the server and has not destroyed, learnt from its responses,
 * so that a vector that stops midway can remove them (see cleanup.ts).
 * NOTE: an object whose creating response never arrived (the connection broke first) is unknown
 * here and stays on the server.
 */
import { CREATING_OPERATIONS, Operation, payloadIdentifiers, successfulItem, Tag } from "../kmip";
import { children } from "../ttlv/access";
import type { TtlvNode } from "../ttlv/types";

export class CreatedObjects {
  /** Identifiers in the order the server created them. */
  private readonly live: string[] = [];

  /** Objects created and not destroyed so far, the latest first, the order in which to remove them. */
  remaining(): string[] {
    return [...this.live].reverse();
  }

  /**
   * Records one response. Each successful batch item of a creating operation adds the identifiers
   * of its payload. Each successful Destroy removes the one it names, because §4.21 puts the
   * Unique Identifier of the destroyed object in the response payload.
   */
  recordResponse(response: TtlvNode): void {
    for (const batchItem of children(response, Tag.BatchItem)) {
      const item = successfulItem(batchItem);
      if (item === undefined) {
        continue;
      }

      if (CREATING_OPERATIONS.has(item.operation)) {
        payloadIdentifiers(item.payload).filter((identifier) => !this.live.includes(identifier)).forEach((identifier) => this.live.push(identifier));
      } else if (item.operation === Operation.Destroy) {
        payloadIdentifiers(item.payload).forEach((identifier) => this.forget(identifier));
      }
    }
  }

  private forget(identifier: string): void {
    const position = this.live.indexOf(identifier);
    if (position >= 0) {
      this.live.splice(position, 1);
    }
  }
}
