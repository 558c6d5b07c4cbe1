/**
 * RNG Retrieve (§4.35) and RNG Seed (§4.36) on the server's ANSI X9.31 generator, the one that
 * also makes its keys. Errors per §11.36 and §11.37.
 */
import { ResultReason, Tag } from "../../../src/kmip";
import { bytes, integer } from "../../../src/ttlv";
import { ItemType, StructureNode } from "../../../src/ttlv/types";
import { OperationContext } from "../../context";
import { cryptoStep } from "../../crypto/failures";
import { HsmResultMessage, KmipResultError } from "../../errors";
import { requiredField } from "../../payload";
import { responsePayload } from "../common";

/** Largest Data Length RNG Retrieve serves in one request, in bytes; it keeps the response well under the message size limit. */
export const MAX_RNG_RETRIEVE_LENGTH = 65536;

export function rngRetrieve(payload: StructureNode, context: OperationContext): StructureNode {
  const length = requiredField(payload, Tag.DataLength, ItemType.Integer).value as number;
  if (length < 1 || length > MAX_RNG_RETRIEVE_LENGTH) {
    throw new KmipResultError(ResultReason.InvalidField, `Data Length ${length} is out of range; request 1 to ${MAX_RNG_RETRIEVE_LENGTH} bytes`);
  }

  const output = cryptoStep("RNG Retrieve", () => context.rng.generate(length));
  return responsePayload([bytes(Tag.Data, output)]);
}

/**
 * Mixes the seed, or as much of it as the server policy's rngSeedLimit allows, into the generator
 * and returns how many bytes it used. §4.36: "The server MAY elect to ignore the information
 * provided by the client" and report 0. With the policy "reject" the request fails instead.
 */
export function rngSeed(payload: StructureNode, context: OperationContext): StructureNode {
  const seed = requiredField(payload, Tag.Data, ItemType.ByteString).value as Buffer;
  const limit = context.policy.rngSeedLimit ?? Number.POSITIVE_INFINITY;
  if (limit === "reject") {
    throw new KmipResultError(ResultReason.PermissionDenied, HsmResultMessage.PermissionDenied, { detail: "this server is configured to reject RNG Seed (rngSeedLimit \"reject\")" });
  }

  const used = seed.subarray(0, Math.max(0, Math.min(seed.length, limit)));
  if (used.length > 0) {
    cryptoStep("RNG Seed", () => context.rng.addSeed(used));
  }
  return responsePayload([integer(Tag.DataLength, used.length)]);
}
