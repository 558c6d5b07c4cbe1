/**
 * Which operations create managed objects, and where their responses name them. The replay's
 * clean-up and the fuzzer's clean-up both use this to find the objects a client created.
 */
import { child, children } from "../ttlv/access";
import { ItemType, type TtlvNode } from "../ttlv/types";
import { Operation, ResultStatus, Tag } from "./generated";

/** Operations whose successful response names the objects the request created (§4.1 to §4.8, §4.34, §4.35). */
export const CREATING_OPERATIONS: ReadonlySet<number> = new Set([
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

/** Lists the Unique Identifiers a Response Payload names, including the two of a key pair. */
export function payloadIdentifiers(payload: TtlvNode): string[] {
  return IDENTIFIER_TAGS.flatMap((tag) => children(payload, tag)).flatMap((item) => (item.type === ItemType.TextString ? [item.value] : []));
}

/** Returns the Operation and Response Payload of a successful Batch Item, or undefined for any other item. */
export function successfulItem(batchItem: TtlvNode): { operation: number; payload: TtlvNode } | undefined {
  const operation = child(batchItem, Tag.Operation)?.value;
  const payload = child(batchItem, Tag.ResponsePayload);

  if (child(batchItem, Tag.ResultStatus)?.value !== ResultStatus.Success || payload === undefined || typeof operation !== "number") {
    return undefined;
  }
  return { operation, payload };
}
