/**
 * MAC (§4.33) and MAC Verify (§4.34) with HMAC, or CMAC when the Cryptographic Parameters give
 * Block Cipher Mode CMAC (for AES and 3DES keys). The HMAC algorithm is the Cryptographic
 * Algorithm of the Cryptographic Parameters, or else the key's own Cryptographic Algorithm, so a
 * key registered as AES with HMAC-SHA256 parameters MACs with HMAC-SHA256. Errors per §11.34 and
 * §11.35.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { BlockCipherMode, CryptographicAlgorithm, CryptographicUsageMask, enumName, ObjectType, Operation, ResultReason, Tag, ValidityIndicator } from "../../../src/kmip";
import { bytes, enumeration } from "../../../src/ttlv";
import { StructureNode, TtlvNode } from "../../../src/ttlv/types";
import { numberValue } from "../../attributes/values";
import { OperationContext } from "../../context";
import { hashFunction, hmacHashingAlgorithm } from "../../crypto/hashes";
import { effectiveParameters } from "../../crypto/parameters";
import { cmac } from "../../crypto/cmac";
import { cryptoStep } from "../../crypto/failures";
import { Session, wholeMessageSession } from "../../crypto/streams";
import { Usage } from "../../crypto/usage";
import { KmipResultError } from "../../errors";
import { optionalBytes } from "../../payload";
import { storedSymmetricKey } from "../../store/key-block";
import { ManagedObject } from "../../store/managed-object";
import { runStreamed } from "./streamed";

const MAC_USAGE: Usage = { operation: "MAC", purpose: "protect", maskBit: CryptographicUsageMask.MACGenerate, objectTypes: [ObjectType.SymmetricKey] };
const MAC_VERIFY_USAGE: Usage = { operation: "MAC Verify", purpose: "process", maskBit: CryptographicUsageMask.MACVerify, objectTypes: [ObjectType.SymmetricKey] };

export function mac(payload: StructureNode, context: OperationContext): StructureNode {
  return runStreamed(payload, context, {
    operation: Operation.MAC,
    usage: MAC_USAGE,
    outputTag: undefined,
    dataRequired: true,
    begin: (request, key) => ({ session: macSession(request, key!, (value) => [bytes(Tag.MACData, value)]), leadingFields: [] }),
  });
}

export function macVerify(payload: StructureNode, context: OperationContext): StructureNode {
  return runStreamed(payload, context, {
    operation: Operation.MACVerify,
    usage: MAC_VERIFY_USAGE,
    outputTag: undefined,
    dataRequired: true,
    begin: (request, key) => ({ session: macSession(request, key!, undefined), leadingFields: [] }),
  });
}

/**
 * Starts a session that computes the HMAC of the data. `respond` builds the MAC response. Without
 * it, the session compares the result with the MAC Data of the final request (MAC Verify).
 */
function macSession(payload: StructureNode, key: ManagedObject, respond: ((value: Buffer) => TtlvNode[]) | undefined): Session {
  const parameters = effectiveParameters(payload, key);
  const keyAlgorithm = numberValue(key.attributes.first("Cryptographic Algorithm"));
  const complete = (value: Buffer, finalPayload: TtlvNode): { output: Buffer; fields: TtlvNode[] } => ({
    output: Buffer.alloc(0),
    fields: respond === undefined ? [validity(value, finalPayload)] : respond(value),
  });
  if (parameters.blockCipherMode === BlockCipherMode.CMAC) {
    return cmacSession(key, keyAlgorithm, complete);
  }

  const algorithm = parameters.cryptographicAlgorithm ?? keyAlgorithm;
  const hashing = algorithm === undefined ? undefined : hmacHashingAlgorithm(algorithm);
  if (hashing === undefined) {
    const name = algorithm === undefined ? "no algorithm" : (enumName("CryptographicAlgorithm", algorithm) ?? `0x${algorithm.toString(16)}`);
    throw new KmipResultError(ResultReason.FeatureNotSupported, `MAC with ${name} is not supported; give an HMAC Cryptographic Algorithm, or Block Cipher Mode CMAC for an AES or 3DES key`);
  }

  const hmac = createHmac(hashFunction(hashing).nodeName, storedSymmetricKey(key.content!));
  return {
    update: (data) => {
      hmac.update(data);
      return Buffer.alloc(0);
    },
    finish: (finalPayload) => complete(hmac.digest(), finalPayload),
  };
}

/** CMAC over all the parts (SP 800-38B needs the last block to finish), with the key's AES or 3DES cipher. */
function cmacSession(key: ManagedObject, algorithm: number | undefined, complete: (value: Buffer, finalPayload: TtlvNode) => { output: Buffer; fields: TtlvNode[] }): Session {
  const secret = storedSymmetricKey(key.content!);
  let cipherName: string;
  if (algorithm === CryptographicAlgorithm.AES) {
    cipherName = `aes-${secret.length * 8}-ecb`;
  } else if (algorithm === CryptographicAlgorithm.DES3) {
    cipherName = secret.length === 24 ? "des-ede3" : "des-ede";
  } else {
    throw new KmipResultError(ResultReason.FeatureNotSupported, `CMAC needs an AES or 3DES key; ${key.uniqueIdentifier} is not one`);
  }

  const blockSize = algorithm === CryptographicAlgorithm.AES ? 16 : 8;
  return wholeMessageSession((input, finalPayload) => complete(cryptoStep("CMAC", () => cmac(cipherName, secret, blockSize, input)), finalPayload));
}

function validity(computed: Buffer, finalPayload: TtlvNode): TtlvNode {
  const expected = optionalBytes(finalPayload, Tag.MACData);
  if (expected === undefined) {
    throw new KmipResultError(ResultReason.MissingData, "MAC Verify needs the MAC Data to verify");
  }
  const valid = expected.length === computed.length && timingSafeEqual(expected, computed);
  return enumeration(Tag.ValidityIndicator, valid ? ValidityIndicator.Valid : ValidityIndicator.Invalid);
}
