/**
 * Encrypt (§4.29) and Decrypt (§4.30) with a Symmetric Key (AES, 3DES) or an RSA key pair (Public
 * Key to encrypt, Private Key to decrypt). Errors per §11.30 and §11.31.
 */
import { CryptographicAlgorithm, CryptographicUsageMask, ObjectType, Operation, ResultReason, Tag } from "../../../src/kmip";
import { StructureNode, TtlvNode } from "../../../src/ttlv/types";
import { numberValue } from "../../attributes/values";
import { OperationContext } from "../../context";
import { Direction, symmetricSession } from "../../crypto/block-cipher";
import { keyObjectOf } from "../../crypto/key-material";
import { effectiveParameters } from "../../crypto/parameters";
import { rsaCipherSession } from "../../crypto/rsa-cipher";
import { Session } from "../../crypto/streams";
import { Usage } from "../../crypto/usage";
import { KmipResultError } from "../../errors";
import { optionalBytes } from "../../payload";
import { storedSymmetricKey } from "../../store/key-block";
import { ManagedObject } from "../../store/managed-object";
import { runStreamed, StreamedOperation } from "./streamed";

const ENCRYPT_USAGE: Usage = {
  operation: "Encrypt",
  purpose: "protect",
  maskBit: CryptographicUsageMask.Encrypt,
  objectTypes: [ObjectType.SymmetricKey, ObjectType.PublicKey],
};

const DECRYPT_USAGE: Usage = {
  operation: "Decrypt",
  purpose: "process",
  maskBit: CryptographicUsageMask.Decrypt,
  objectTypes: [ObjectType.SymmetricKey, ObjectType.PrivateKey],
};

export function encrypt(payload: StructureNode, context: OperationContext): StructureNode {
  return runStreamed(payload, context, cipherOperation(Operation.Encrypt, ENCRYPT_USAGE, "encrypt"));
}

export function decrypt(payload: StructureNode, context: OperationContext): StructureNode {
  return runStreamed(payload, context, cipherOperation(Operation.Decrypt, DECRYPT_USAGE, "decrypt"));
}

function cipherOperation(operation: number, usage: Usage, direction: Direction): StreamedOperation {
  return {
    operation,
    usage,
    outputTag: Tag.Data,
    dataRequired: true,
    begin: (payload, key, context) => beginCipher(payload, key!, context, direction),
  };
}

function beginCipher(payload: StructureNode, key: ManagedObject, context: OperationContext, direction: Direction): { session: Session; leadingFields: TtlvNode[] } {
  const parameters = effectiveParameters(payload, key);
  if (key.objectType === ObjectType.SymmetricKey) {
    return symmetricSession({
      direction,
      algorithm: numberValue(key.attributes.first("Cryptographic Algorithm")) ?? CryptographicAlgorithm.AES,
      key: storedSymmetricKey(key.content!),
      parameters,
      iv: optionalBytes(payload, Tag.IVCounterNonce),
      additionalData: optionalBytes(payload, Tag.AuthenticatedEncryptionAdditionalData),
      // Table 229: Encrypt takes no tag; it returns one.
      tag: direction === "decrypt" ? optionalBytes(payload, Tag.AuthenticatedEncryptionTag) : undefined,
      rng: context.rng,
    });
  }

  const keyObject = keyObjectOf(key);
  if (keyObject.asymmetricKeyType !== "rsa") {
    throw new KmipResultError(ResultReason.FeatureNotSupported, `${direction} with a ${keyObject.asymmetricKeyType} key is not supported (RSA only)`);
  }
  return { session: rsaCipherSession(direction, keyObject, parameters, (length) => context.rng.generate(length)), leadingFields: [] };
}
