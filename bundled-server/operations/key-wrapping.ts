/**
 * Wraps the Key Value of a returned object as a Key Wrapping Specification (§2.1.6) specifies, producing
 * the Key Wrapping Data (§2.1.5) of the returned Key Block. Supported: Wrapping Method Encrypt with
 * a Symmetric Key (AES, Block Cipher Mode NIST Key Wrap or AES Key Wrap Padding) or an RSA Public
 * Key (Padding Method OAEP or PKCS1 v1.5). Errors per §11.12.
 */
import { BlockCipherMode, CryptographicAlgorithm, CryptographicUsageMask, EncodingOption, enumName, ObjectType, ResultReason, Tag, WrappingMethod } from "../../src/kmip";
import { bytes, encode, structure } from "../../src/ttlv";
import { ItemType, StructureNode, TtlvNode } from "../../src/ttlv/types";
import { attributeNode } from "../attributes/attribute-codec";
import { structureContains } from "../attributes/compare";
import { numberValue } from "../attributes/values";
import { OperationContext } from "../context";
import { wrapKey } from "../crypto/key-wrap";
import { keyObjectOf } from "../crypto/key-material";
import { parseCryptoParameters } from "../crypto/parameters";
import { rsaCipherSession } from "../crypto/rsa-cipher";
import { requireUsable } from "../crypto/usage";
import { KmipResultError } from "../errors";
import { optionalEnumeration, optionalStructure, repeatedFields, requiredEnumeration, requiredStructure } from "../payload";
import { ManagedObject } from "../store/managed-object";
import { storedSymmetricKey } from "../store/key-block";

const KEY_TYPES: readonly number[] = [ObjectType.SymmetricKey, ObjectType.PublicKey, ObjectType.PrivateKey];
const WRAPPING_USAGE = { operation: "key wrapping", purpose: "protect" as const, maskBit: CryptographicUsageMask.WrapKey, objectTypes: [ObjectType.SymmetricKey, ObjectType.PublicKey] };

/** Returns `content` (an object holding a Key Block) with its Key Value wrapped as `specification` specifies. */
export function wrapObject(object: ManagedObject, content: StructureNode, specification: StructureNode, context: OperationContext): StructureNode {
  const method = requiredEnumeration(specification, Tag.WrappingMethod);
  if (method !== WrappingMethod.Encrypt) {
    const name = enumName("WrappingMethod", method) ?? `0x${method.toString(16)}`;
    throw new KmipResultError(ResultReason.FeatureNotSupported, `Wrapping Method ${name} is not supported; this server wraps with Encrypt only`);
  }
  const keyInformation = optionalStructure(specification, Tag.EncryptionKeyInformation);
  if (keyInformation === undefined) {
    throw new KmipResultError(ResultReason.MissingData, "Wrapping Method Encrypt needs Encryption Key Information");
  }

  const keyBlockIndex = content.value.findIndex((field) => field.tag === Tag.KeyBlock);
  if (keyBlockIndex < 0) {
    throw new KmipResultError(ResultReason.IllegalOperation, `object ${object.uniqueIdentifier} has no Key Block to wrap`);
  }
  const keyBlock = content.value[keyBlockIndex] as StructureNode;
  const encoding = optionalEnumeration(specification, Tag.EncodingOption);
  const plaintext = wrappingInput(object, keyBlock, specification, encoding);
  const wrapped = encryptWithWrappingKey(keyInformation, plaintext, context);

  const wrappingData = structure(Tag.KeyWrappingData, [
    ...specification.value.filter((field) => field.tag === Tag.WrappingMethod || field.tag === Tag.EncryptionKeyInformation || field.tag === Tag.EncodingOption),
  ]);
  const blockFields = keyBlock.value.map((field) => (field.tag === Tag.KeyValue ? bytes(Tag.KeyValue, wrapped) : field));
  const fields = [...content.value];
  fields[keyBlockIndex] = structure(Tag.KeyBlock, [...blockFields, wrappingData]);
  return structure(content.tag, fields) as StructureNode;
}

/**
 * The bytes to wrap. §2.1.5: with No Encoding, the Byte String Key Material itself, and then "the
 * Key Value structure SHALL NOT contain any attributes"; otherwise (TTLV Encoding, the default) the
 * TTLV-encoded Key Value structure with the attributes the specification names (§2.1.6).
 */
function wrappingInput(object: ManagedObject, keyBlock: StructureNode, specification: StructureNode, encoding: number | undefined): Buffer {
  const keyValue = requiredStructure(keyBlock, Tag.KeyValue);
  const names = repeatedFields(specification, Tag.AttributeName, ItemType.TextString).map((field) => field.value as string);

  if (encoding === EncodingOption.NoEncoding) {
    // §11.12: "Encoding Option not permitted when Key Wrapping Specification contains attribute names".
    if (names.length > 0) {
      throw new KmipResultError(ResultReason.EncodingOptionError, "Encoding Option No Encoding cannot carry the attributes the Key Wrapping Specification names");
    }
    const material = keyValue.value.find((field) => field.tag === Tag.KeyMaterial);
    if (material === undefined || material.type !== ItemType.ByteString) {
      throw new KmipResultError(ResultReason.EncodingOptionError, `the Key Material of ${object.uniqueIdentifier} is a structure; No Encoding needs a Byte String`);
    }
    return material.value;
  }
  if (encoding !== undefined && encoding !== EncodingOption.TTLVEncoding) {
    throw new KmipResultError(ResultReason.EncodingOptionError, `Encoding Option 0x${encoding.toString(16)} is not recognized`);
  }

  const attributes = names.flatMap((name) => object.attributes.all(name).map((instance) => attributeNode(name, instance.index, instance.value)));
  return encode(structure(Tag.KeyValue, [...keyValue.value.filter((field) => field.tag === Tag.KeyMaterial), ...attributes]));
}

function encryptWithWrappingKey(keyInformation: StructureNode, plaintext: Buffer, context: OperationContext): Buffer {
  const wrappingKey = wrappingKeyOf(keyInformation, context);
  const parameters = parseCryptoParameters(wrappingParameters(wrappingKey, optionalStructure(keyInformation, Tag.CryptographicParameters)));

  if (wrappingKey.objectType === ObjectType.PublicKey) {
    const session = rsaCipherSession("encrypt", keyObjectOf(wrappingKey), parameters, (length) => context.rng.generate(length));
    session.update(plaintext);
    return session.finish(structure(Tag.ResponsePayload, [])).output;
  }

  const algorithm = numberValue(wrappingKey.attributes.first("Cryptographic Algorithm"));
  if (algorithm !== CryptographicAlgorithm.AES) {
    throw new KmipResultError(ResultReason.FeatureNotSupported, `wrapping key ${wrappingKey.uniqueIdentifier} is not an AES key; this server wraps with AES only`);
  }
  const mode = parameters.blockCipherMode ?? BlockCipherMode.NISTKeyWrap;
  if (mode === BlockCipherMode.NISTKeyWrap && plaintext.length % 8 !== 0) {
    throw new KmipResultError(ResultReason.EncodingOptionError, `NIST Key Wrap needs a multiple of 8 bytes; the value to wrap has ${plaintext.length} (use AES Key Wrap Padding)`);
  }
  return wrapKey(mode, storedSymmetricKey(wrappingKey.content!), plaintext);
}

// §11.12: a missing wrapping key is Item Not Found, an object that is not a key Illegal Operation,
// a key that cannot wrap (State, dates, Cryptographic Usage Mask without Wrap Key) Permission Denied.
function wrappingKeyOf(keyInformation: StructureNode, context: OperationContext): ManagedObject {
  const identifier = wrappingKeyIdentifier(keyInformation);
  const key = context.store.find(identifier);
  if (key === undefined) {
    throw new KmipResultError(ResultReason.ItemNotFound, `wrapping key "${identifier}" does not exist`);
  }
  if (!KEY_TYPES.includes(key.objectType)) {
    throw new KmipResultError(ResultReason.IllegalOperation, `object ${identifier} named in Encryption Key Information is not a key`);
  }
  requireUsable(key, WRAPPING_USAGE, context.now);
  return key;
}

function wrappingKeyIdentifier(keyInformation: StructureNode): string {
  const identifier = keyInformation.value.find((field) => field.tag === Tag.UniqueIdentifier);
  if (identifier === undefined || identifier.type !== ItemType.TextString) {
    throw new KmipResultError(ResultReason.InvalidMessage, "Encryption Key Information needs the Unique Identifier of the wrapping key as a Text String");
  }
  return identifier.value;
}

/**
 * §2.1.6: given Cryptographic Parameters must match one instance of the key's Cryptographic
 * Parameters attribute; omitted, the instance with the lowest Attribute Index is used. No
 * attribute, or no match, is Item Not Found (§11.12).
 */
function wrappingParameters(key: ManagedObject, requested: StructureNode | undefined): TtlvNode {
  const instances = [...key.attributes.all("Cryptographic Parameters")].sort((left, right) => left.index - right.index);
  const chosen = requested === undefined ? instances[0] : instances.find((instance) => structureContains(instance.value, requested));
  if (chosen === undefined) {
    const why = instances.length === 0 ? "has no Cryptographic Parameters attribute" : "has no Cryptographic Parameters instance matching the request";
    throw new KmipResultError(ResultReason.ItemNotFound, `wrapping key ${key.uniqueIdentifier} ${why}`);
  }
  return chosen.value;
}
