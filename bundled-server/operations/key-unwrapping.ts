/**
 * Unwraps a registered object whose Key Block carries Key Wrapping Data (§2.1.5). The server
 * stores keys in the clear, so Register unwraps with the key that the Encryption Key Information
 * names. That key must be on the server: an AES key (NIST Key Wrap or AES Key Wrap Padding) or
 * an RSA private key (OAEP or PKCS1 v1.5). The §11.12 wrapping-key errors of Get apply the same way.
 */
import { BlockCipherMode, CryptographicAlgorithm, CryptographicUsageMask, EncodingOption, enumName, ObjectType, ResultReason, Tag, tagName, WrappingMethod } from "../../src/kmip";
import { bytes, decode, structure } from "../../src/ttlv";
import { ItemType, StructureNode } from "../../src/ttlv/types";
import { numberValue } from "../attributes/values";
import { OperationContext } from "../context";
import { unwrapKey } from "../crypto/key-wrap";
import { keyObjectOf } from "../crypto/key-material";
import { effectiveParameters } from "../crypto/parameters";
import { rsaCipherSession } from "../crypto/rsa-cipher";
import { requireUsable } from "../crypto/usage";
import { KmipResultError } from "../errors";
import { optionalEnumeration, optionalStructure, requiredEnumeration } from "../payload";
import { ManagedObject } from "../store/managed-object";
import { storedSymmetricKey } from "../store/key-block";

const KEY_TYPES: readonly number[] = [ObjectType.SymmetricKey, ObjectType.PublicKey, ObjectType.PrivateKey];
const UNWRAPPING_USAGE = { operation: "key unwrapping", purpose: "process" as const, maskBit: CryptographicUsageMask.UnwrapKey, objectTypes: [ObjectType.SymmetricKey, ObjectType.PrivateKey] };

/** Returns `object` (a key or Secret Data structure) with a plaintext Key Value and no Key Wrapping Data; an unwrapped object is returned as is. */
export function unwrapRegisteredObject(object: StructureNode, context: OperationContext): StructureNode {
  const keyBlockIndex = object.value.findIndex((field) => field.tag === Tag.KeyBlock && field.type === ItemType.Structure);
  const keyBlock = object.value[keyBlockIndex] as StructureNode | undefined;
  const wrappingData = keyBlock === undefined ? undefined : optionalStructure(keyBlock, Tag.KeyWrappingData);
  if (keyBlock === undefined || wrappingData === undefined) {
    return object;
  }

  const method = requiredEnumeration(wrappingData, Tag.WrappingMethod);
  if (method !== WrappingMethod.Encrypt) {
    const name = enumName("WrappingMethod", method) ?? `0x${method.toString(16)}`;
    throw new KmipResultError(ResultReason.FeatureNotSupported, `Wrapping Method ${name} is not supported; this server unwraps Encrypt only`);
  }
  const keyInformation = optionalStructure(wrappingData, Tag.EncryptionKeyInformation);
  if (keyInformation === undefined) {
    throw new KmipResultError(ResultReason.MissingData, "the Key Wrapping Data has no Encryption Key Information naming the key to unwrap with");
  }

  const wrapped = keyBlock.value.find((field) => field.tag === Tag.KeyValue);
  if (wrapped === undefined || wrapped.type !== ItemType.ByteString) {
    throw new KmipResultError(ResultReason.InvalidField, "a wrapped Key Value must be a Byte String (§2.1.4)");
  }
  const plaintext = decryptWithUnwrappingKey(keyInformation, wrapped.value, context);
  const keyValue = plaintextKeyValue(plaintext, optionalEnumeration(wrappingData, Tag.EncodingOption));

  const blockFields = keyBlock.value.filter((field) => field.tag !== Tag.KeyWrappingData).map((field) => (field.tag === Tag.KeyValue ? keyValue : field));
  const fields = [...object.value];
  fields[keyBlockIndex] = structure(Tag.KeyBlock, blockFields);
  return structure(object.tag, fields) as StructureNode;
}

/** §2.1.5: No Encoding wraps the Key Material bytes; TTLV Encoding (the default) the TTLV Key Value structure. */
function plaintextKeyValue(plaintext: Buffer, encoding: number | undefined): StructureNode {
  if (encoding === EncodingOption.NoEncoding) {
    return structure(Tag.KeyValue, [bytes(Tag.KeyMaterial, plaintext)]) as StructureNode;
  }

  let keyValue;
  try {
    keyValue = decode(plaintext, { namer: tagName });
  } catch (error) {
    throw new KmipResultError(ResultReason.InvalidField, "the unwrapped Key Value is not a TTLV-encoded Key Value structure", { cause: error });
  }
  if (keyValue.tag !== Tag.KeyValue || keyValue.type !== ItemType.Structure) {
    throw new KmipResultError(ResultReason.InvalidField, "the unwrapped TTLV is not a Key Value structure");
  }
  return keyValue as StructureNode;
}

function decryptWithUnwrappingKey(keyInformation: StructureNode, wrapped: Buffer, context: OperationContext): Buffer {
  const key = unwrappingKeyOf(keyInformation, context);
  const parameters = effectiveParameters(keyInformation, key);

  if (key.objectType === ObjectType.PrivateKey) {
    const session = rsaCipherSession("decrypt", keyObjectOf(key), parameters, (length) => context.rng.generate(length));
    session.update(wrapped);
    return session.finish(structure(Tag.RequestPayload, [])).output;
  }

  if (numberValue(key.attributes.first("Cryptographic Algorithm")) !== CryptographicAlgorithm.AES) {
    throw new KmipResultError(ResultReason.FeatureNotSupported, `unwrapping key ${key.uniqueIdentifier} is not an AES key; this server unwraps with AES or RSA only`);
  }
  return unwrapKey(parameters.blockCipherMode ?? BlockCipherMode.NISTKeyWrap, storedSymmetricKey(key.content!), wrapped);
}

// Like Get (§11.12): an unknown key is Item Not Found, an object that is not a key Illegal
// Operation, and a key that cannot unwrap (State, Cryptographic Usage Mask without Unwrap Key) Permission Denied.
function unwrappingKeyOf(keyInformation: StructureNode, context: OperationContext): ManagedObject {
  const identifier = keyInformation.value.find((field) => field.tag === Tag.UniqueIdentifier);
  if (identifier === undefined || identifier.type !== ItemType.TextString) {
    throw new KmipResultError(ResultReason.InvalidMessage, "Encryption Key Information needs the Unique Identifier of the wrapping key as a Text String");
  }

  const key = context.store.find(identifier.value);
  if (key === undefined) {
    throw new KmipResultError(ResultReason.ItemNotFound, `unwrapping key "${identifier.value}" does not exist`);
  }
  if (!KEY_TYPES.includes(key.objectType)) {
    throw new KmipResultError(ResultReason.IllegalOperation, `object ${identifier.value} named in Encryption Key Information is not a key`);
  }
  requireUsable(key, UNWRAPPING_USAGE, context.now);
  return key;
}
