/** Hash (§4.37): digests Data with the Hashing Algorithm of the required Cryptographic Parameters. Errors per §11.38. */
import { createHash } from "node:crypto";
import { Operation, ResultReason, Tag } from "../../../src/kmip";
import { bytes } from "../../../src/ttlv";
import { StructureNode } from "../../../src/ttlv/types";
import { OperationContext } from "../../context";
import { hashFunction } from "../../crypto/hashes";
import { parseCryptoParameters } from "../../crypto/parameters";
import { Session } from "../../crypto/streams";
import { KmipResultError } from "../../errors";
import { requiredStructure } from "../../payload";
import { runStreamed } from "./streamed";

export function hash(payload: StructureNode, context: OperationContext): StructureNode {
  return runStreamed(payload, context, {
    operation: Operation.Hash,
    usage: undefined,
    outputTag: undefined,
    dataRequired: true,
    begin: (request) => ({ session: hashSession(request), leadingFields: [] }),
  });
}

// Table 245: Cryptographic Parameters with a Hashing Algorithm are required.
function hashSession(payload: StructureNode): Session {
  const hashing = parseCryptoParameters(requiredStructure(payload, Tag.CryptographicParameters)).hashingAlgorithm;
  if (hashing === undefined) {
    throw new KmipResultError(ResultReason.MissingData, "Hash needs a Hashing Algorithm in the Cryptographic Parameters");
  }

  const state = createHash(hashFunction(hashing).nodeName);
  return {
    update: (data) => {
      state.update(data);
      return Buffer.alloc(0);
    },
    finish: () => ({ output: Buffer.alloc(0), fields: [bytes(Tag.Data, state.digest())] }),
  };
}
