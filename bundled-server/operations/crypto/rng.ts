/**
 * RNG Retrieve (§4.35) and RNG Seed (§4.36) on the server's ANSI X9.31 generator, the one that
 * also makes its keys. Errors per §11.36 and §11.37.
 */
import { ResultReason, Tag } from "../../../src/kmip";
import { bytes, integer } from "../../../src/ttlv";
import { ItemType, StructureNode } from "../../../src/ttlv/types";
import { OperationContext } from "../../context";
import { cryptoStep } from "../../crypto/failures";
import { KmipResultError } from "../../errors";
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

/** Mixes all of the seed into the generator and reports every byte as used (§4.36 also lets a server use none). */
export function rngSeed(payload: StructureNode, context: OperationContext): StructureNode {
  const seed = requiredField(payload, Tag.Data, ItemType.ByteString).value as Buffer;
  cryptoStep("RNG Seed", () => context.rng.addSeed(seed));
  return responsePayload([integer(Tag.DataLength, seed.length)]);
}
