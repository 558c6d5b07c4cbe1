/**
 * Register (§4.3): stores a Symmetric Key the client supplies, or hands other Object Types to
 * their own handlers. Errors per §11.4.
 */
import { enumName, KeyFormatType, ObjectType, ResultReason, Tag } from "../../src/kmip";
import { StructureNode } from "../../src/ttlv/types";
import { AttributeSet } from "../attributes/attribute-set";
import { NAME_TAKEN_ON_CREATION, requireUnusedName } from "../attributes/names";
import { applyTemplateAttributes, parseTemplateAttribute } from "../attributes/template";
import { numberValue, valueOf } from "../attributes/values";
import { OperationContext } from "../context";
import { isAllowedLength, isSymmetricAlgorithm, keySizeBytes } from "../crypto/symmetric-keys";
import { KmipResultError } from "../errors";
import { requiredEnumeration, requiredStructure } from "../payload";
import { readSymmetricKey, symmetricKeyContent, SymmetricKeyParts } from "../store/key-block";
import { newManagedObject } from "../store/new-object";
import { responsePayload, uniqueIdentifierField } from "./common";
import { initializeUsageLimits } from "../crypto/usage-limits";
import { isAsymmetricKeyType, registerAsymmetricKey } from "./crypto/register-key";
import { unwrapRegisteredObject } from "./key-unwrapping";
import { registerCertificate } from "./register-certificate";
import { isDataObjectType, registerDataObject } from "./register-data-objects";
import { registerTemplate } from "./register-template";
import { requireUsageMask } from "./create";

export function register(payload: StructureNode, context: OperationContext): StructureNode {
  const objectType = requiredEnumeration(payload, Tag.ObjectType);
  if (isAsymmetricKeyType(objectType)) {
    return registerAsymmetricKey(payload, context);
  }
  if (isDataObjectType(objectType)) {
    return registerDataObject(payload, context);
  }
  if (objectType === ObjectType.Certificate) {
    return registerCertificate(payload, context);
  }
  if (objectType === ObjectType.Template) {
    return registerTemplate(payload, context);
  }
  if (objectType !== ObjectType.SymmetricKey) {
    // TODO: register Split Keys and PGP Keys.
    const name = enumName("ObjectType", objectType);
    const reason = name === undefined ? ResultReason.InvalidField : ResultReason.FeatureNotSupported;
    throw new KmipResultError(reason, `registering Object Type ${name ?? `0x${objectType.toString(16)}`} is not supported`);
  }

  // §11.4: an object of another type than Object Type states is Invalid Field.
  const symmetricKey = unwrapRegisteredObject(symmetricKeyOf(payload), context);
  const attributes = new AttributeSet();
  applyTemplateAttributes(attributes, parseTemplateAttribute(requiredStructure(payload, Tag.TemplateAttribute), context.store));
  const parts = readSymmetricKey(symmetricKey);
  const { algorithm, lengthBits } = reconcileKeyParameters(attributes, parts);
  requireUsageMask(attributes);
  for (const name of attributes.all("Name")) {
    requireUnusedName(context.store, name.value, undefined, NAME_TAKEN_ON_CREATION);
  }
  initializeUsageLimits(attributes);

  const content = symmetricKeyContent(parts.key, algorithm, lengthBits);
  const object = newManagedObject(
    { objectType, content, attributes, digestInput: parts.key, digestFormat: KeyFormatType.Raw, generatedByServer: false },
    context,
  );
  context.store.insert(object);

  // §4.3: the server copies the new Unique Identifier into the ID Placeholder.
  context.batch.idPlaceholder = object.uniqueIdentifier;
  return responsePayload([uniqueIdentifierField(object)]);
}

function symmetricKeyOf(payload: StructureNode): StructureNode {
  if (!payload.value.some((field) => field.tag === Tag.SymmetricKey)) {
    throw new KmipResultError(ResultReason.InvalidField, "Object Type is Symmetric Key but the request carries no Symmetric Key object");
  }
  return requiredStructure(payload, Tag.SymmetricKey);
}

/**
 * Table 171: Cryptographic Algorithm and Length come from the template or the Key Block. Values
 * given in both places must agree, and the length must match the key bytes (Invalid Field).
 */
function reconcileKeyParameters(attributes: AttributeSet, parts: SymmetricKeyParts): { algorithm: number; lengthBits: number } {
  const algorithm = pick("Cryptographic Algorithm", numberValue(attributes.first("Cryptographic Algorithm")), parts.cryptographicAlgorithm);
  const lengthBits = pick("Cryptographic Length", numberValue(attributes.first("Cryptographic Length")), parts.cryptographicLength);
  if (!isSymmetricAlgorithm(algorithm) || !isAllowedLength(algorithm, lengthBits)) {
    throw new KmipResultError(ResultReason.InvalidField, `Cryptographic Algorithm 0x${algorithm.toString(16)} with Cryptographic Length ${lengthBits} is not a supported symmetric key`);
  }
  if (keySizeBytes(algorithm, lengthBits) !== parts.key.length) {
    throw new KmipResultError(ResultReason.InvalidField, `the key has ${parts.key.length} bytes; Cryptographic Length ${lengthBits} needs ${keySizeBytes(algorithm, lengthBits)}`);
  }

  attributes.set("Cryptographic Algorithm", valueOf.enumeration(algorithm));
  attributes.set("Cryptographic Length", valueOf.integer(lengthBits));
  return { algorithm, lengthBits };
}

function pick(name: string, fromTemplate: number | undefined, fromKeyBlock: number | undefined): number {
  if (fromTemplate !== undefined && fromKeyBlock !== undefined && fromTemplate !== fromKeyBlock) {
    throw new KmipResultError(ResultReason.InvalidField, `${name} is ${fromTemplate} in the template but ${fromKeyBlock} in the Key Block`);
  }
  const value = fromTemplate ?? fromKeyBlock;
  if (value === undefined) {
    throw new KmipResultError(ResultReason.MissingData, `${name} is in neither the template nor the Key Block`);
  }
  return value;
}
