/**
 * Register (§4.3) of a Private Key or Public Key (RSA or EC) in the formats key-material.ts reads.
 * register.ts hands these Object Types to registerAsymmetricKey. Errors per §11.4.
 */
import { enumName, ObjectType, ResultReason, Tag } from "../../../src/kmip";
import { enumeration, integer, structure } from "../../../src/ttlv";
import { StructureNode } from "../../../src/ttlv/types";
import { AttributeSet } from "../../attributes/attribute-set";
import { NAME_TAKEN_ON_CREATION, requireUnusedName } from "../../attributes/names";
import { applyTemplateAttributes, parseTemplateAttribute } from "../../attributes/template";
import { numberValue, valueOf } from "../../attributes/values";
import { OperationContext } from "../../context";
import { algorithmsOfKey, AsymmetricKeyParts, keyLengthBits, readAsymmetricKey } from "../../crypto/key-material";
import { initializeUsageLimits } from "../../crypto/usage-limits";
import { KmipResultError } from "../../errors";
import { requiredEnumeration, requiredStructure } from "../../payload";
import { newManagedObject } from "../../store/new-object";
import { responsePayload, uniqueIdentifierField } from "../common";
import { unwrapRegisteredObject } from "../key-unwrapping";
import { requireUsageMask } from "../create";

export function isAsymmetricKeyType(objectType: number): boolean {
  return objectType === ObjectType.PrivateKey || objectType === ObjectType.PublicKey;
}

export function registerAsymmetricKey(payload: StructureNode, context: OperationContext): StructureNode {
  const objectType = requiredEnumeration(payload, Tag.ObjectType);
  const keyStructure = unwrapRegisteredObject(keyStructureOf(payload, objectType), context);
  const attributes = new AttributeSet();
  applyTemplateAttributes(attributes, parseTemplateAttribute(requiredStructure(payload, Tag.TemplateAttribute), context.store));

  const parts = readAsymmetricKey(objectType, keyStructure);
  const { algorithm, lengthBits } = reconcileKeyParameters(attributes, parts);
  requireUsageMask(attributes);
  for (const name of attributes.all("Name")) {
    requireUnusedName(context.store, name.value, undefined, NAME_TAKEN_ON_CREATION);
  }
  initializeUsageLimits(attributes);

  const content = storedContent(keyStructure, algorithm, lengthBits);
  const object = newManagedObject(
    { objectType, content, attributes, digestInput: parts.digestInput, digestFormat: parts.digestFormat, generatedByServer: false },
    context,
  );
  context.store.insert(object);

  // §4.3: the server copies the new Unique Identifier into the ID Placeholder.
  context.batch.idPlaceholder = object.uniqueIdentifier;
  return responsePayload([uniqueIdentifierField(object)]);
}

// §11.4: an object of another type than Object Type states is Invalid Field.
function keyStructureOf(payload: StructureNode, objectType: number): StructureNode {
  const tag = objectType === ObjectType.PrivateKey ? Tag.PrivateKey : Tag.PublicKey;
  if (!payload.value.some((field) => field.tag === tag)) {
    throw new KmipResultError(ResultReason.InvalidField, `Object Type is ${enumName("ObjectType", objectType)} but the request carries no such object`);
  }
  return requiredStructure(payload, tag);
}

/**
 * Takes Cryptographic Algorithm and Length from the template, the Key Block or the key itself.
 * Values given in several places must agree with each other and with the key, else Invalid Field.
 */
function reconcileKeyParameters(attributes: AttributeSet, parts: AsymmetricKeyParts): { algorithm: number; lengthBits: number } {
  const algorithm = agreed("Cryptographic Algorithm", numberValue(attributes.first("Cryptographic Algorithm")), parts.cryptographicAlgorithm) ?? algorithmsOfKey(parts.keyObject)[0];
  if (algorithm === undefined || !algorithmsOfKey(parts.keyObject).includes(algorithm)) {
    throw new KmipResultError(ResultReason.InvalidField, `Cryptographic Algorithm ${describeAlgorithm(algorithm)} does not match the ${parts.keyObject.asymmetricKeyType} key`);
  }

  const actualLength = keyLengthBits(parts.keyObject);
  const lengthBits = agreed("Cryptographic Length", numberValue(attributes.first("Cryptographic Length")), parts.cryptographicLength) ?? actualLength;
  if (lengthBits === undefined || (actualLength !== undefined && lengthBits !== actualLength)) {
    throw new KmipResultError(ResultReason.InvalidField, `Cryptographic Length ${lengthBits} does not match the key, which has ${actualLength} bits`);
  }

  attributes.set("Cryptographic Algorithm", valueOf.enumeration(algorithm));
  attributes.set("Cryptographic Length", valueOf.integer(lengthBits));
  return { algorithm, lengthBits };
}

function agreed(name: string, fromTemplate: number | undefined, fromKeyBlock: number | undefined): number | undefined {
  if (fromTemplate !== undefined && fromKeyBlock !== undefined && fromTemplate !== fromKeyBlock) {
    throw new KmipResultError(ResultReason.InvalidField, `${name} is ${fromTemplate} in the template but ${fromKeyBlock} in the Key Block`);
  }
  return fromTemplate ?? fromKeyBlock;
}

function describeAlgorithm(algorithm: number | undefined): string {
  return algorithm === undefined ? "(none)" : (enumName("CryptographicAlgorithm", algorithm) ?? `0x${algorithm.toString(16)}`);
}

/** Builds the stored object: the Key Block as registered, with Cryptographic Algorithm and Length filled in. */
function storedContent(keyStructure: StructureNode, algorithm: number, lengthBits: number): StructureNode {
  const keyBlock = requiredStructure(keyStructure, Tag.KeyBlock);
  const keyFields = keyBlock.value.filter((field) => field.tag === Tag.KeyFormatType || field.tag === Tag.KeyCompressionType || field.tag === Tag.KeyValue);
  const block = structure(Tag.KeyBlock, [...keyFields, enumeration(Tag.CryptographicAlgorithm, algorithm), integer(Tag.CryptographicLength, lengthBits)]);
  return structure(keyStructure.tag, [block]) as StructureNode;
}
