/**
 * Clean-up of the objects that fuzzed requests created. Without it every successful Create or
 * Register stays on the target: a long run fills an HSM with junk keys and grows the bundled
 * server's object store without bound.
 */
import { CREATING_OPERATIONS, Operation, payloadIdentifiers, ResultStatus, RevocationReasonCode, successfulItem, Tag } from "../kmip";
import { child, children } from "../ttlv/access";
import { enumeration, structure, text } from "../ttlv/build";
import { encode } from "../ttlv/encode";
import type { TtlvNode } from "../ttlv/types";
import { requestMessage } from "./seeds";

/**
 * Lists the Unique Identifiers of the objects a response reports as created: those in the payload
 * of each successful Batch Item of a creating operation. Identifiers that other operations return
 * (Locate, Get...) may name objects the fuzzer did not create, so they are left alone.
 */
export function createdObjects(response: TtlvNode): string[] {
  const identifiers: string[] = [];
  for (const batchItem of children(response, Tag.BatchItem)) {
    const item = successfulItem(batchItem);
    if (item !== undefined && CREATING_OPERATIONS.has(item.operation)) {
      identifiers.push(...payloadIdentifiers(item.payload));
    }
  }
  return identifiers;
}

/**
 * Returns the two requests that remove an object in any state but Active or Compromised: Revoke
 * (Cessation of Operation) moves an Active object to Deactivated (§4.20), and fails harmlessly for
 * the other states. Then Destroy removes it (§4.21).
 */
export function removalRequests(identifier: string): Buffer[] {
  const revoke = requestMessage(Operation.Revoke, [
    text(Tag.UniqueIdentifier, identifier),
    structure(Tag.RevocationReason, [enumeration(Tag.RevocationReasonCode, RevocationReasonCode.CessationOfOperation)]),
  ]);
  const destroy = requestMessage(Operation.Destroy, [text(Tag.UniqueIdentifier, identifier)]);
  return [encode(revoke), encode(destroy)];
}

/** Tells whether a response's first Batch Item has Result Status Success. */
export function succeeded(response: TtlvNode): boolean {
  return child(child(response, Tag.BatchItem) ?? response, Tag.ResultStatus)?.value === ResultStatus.Success;
}
