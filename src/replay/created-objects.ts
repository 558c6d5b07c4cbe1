/**
 * The objects one vector created on the server and has not destroyed, learnt from its responses,
 * so that a vector that stops midway can remove them (see cleanup.ts).
 * NOTE: an object whose creating response never arrived (the connection broke first) is unknown
 * here and stays on the server.
 */
import { Operation, ResultStatus, Tag } from "../kmip";
import { child, children } from "../ttlv/access";
import { ItemType, type TtlvNode } from "../ttlv/types";

/** Operations whose successful response names the objects the request created (§4.1 to §4.8, §4.34, §4.35). */
const CREATING_OPERATIONS: ReadonlySet<number> = new Set([
  Operation.Create,
  Operation.CreateKeyPair,
  Operation.Register,
  Operation.ReKey,
  Operation.ReKeyKeyPair,
  Operation.DeriveKey,
  Operation.Certify,
  Operation.ReCertify,
  Operation.CreateSplitKey,
  Operation.JoinSplitKey,
]);

const IDENTIFIER_TAGS = [Tag.UniqueIdentifier, Tag.PrivateKeyUniqueIdentifier, Tag.PublicKeyUniqueIdentifier];

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
    for (const item of children(response, Tag.BatchItem)) {
      const operation = child(item, Tag.Operation)?.value;
      const payload = child(item, Tag.ResponsePayload);
      if (child(item, Tag.ResultStatus)?.value !== ResultStatus.Success || payload === undefined || typeof operation !== "number") {
        continue;
      }

      if (CREATING_OPERATIONS.has(operation)) {
        identifiers(payload).filter((identifier) => !this.live.includes(identifier)).forEach((identifier) => this.live.push(identifier));
      } else if (operation === Operation.Destroy) {
        identifiers(payload).forEach((identifier) => this.forget(identifier));
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

function identifiers(payload: TtlvNode): string[] {
  return IDENTIFIER_TAGS.flatMap((tag) => children(payload, tag)).flatMap((item) => (item.type === ItemType.TextString ? [item.value] : []));
}
