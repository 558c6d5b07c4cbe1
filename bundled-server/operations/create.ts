/** Create (§4.1): generates a symmetric key. Errors per §11.2. */
import { enumName, ObjectType, ResultReason, Tag } from "../../src/kmip";
import { enumeration } from "../../src/ttlv";
import { StructureNode } from "../../src/ttlv/types";
import { AttributeSet } from "../attributes/attribute-set";
import { NAME_TAKEN_ON_CREATION, requireUnusedName } from "../attributes/names";
import { applyTemplateAttributes, parseTemplateAttribute } from "../attributes/template";
import { numberValue } from "../attributes/values";
import { OperationContext } from "../context";
import { isAllowedLength, isSymmetricAlgorithm, keySizeBytes, withDesParity } from "../crypto/symmetric-keys";
import { initializeUsageLimits } from "../crypto/usage-limits";
import { KmipResultError } from "../errors";
import { generateKey } from "../server-stats";
import { requiredEnumeration, requiredStructure } from "../payload";
import { symmetricKeyContent } from "../store/key-block";
import { newManagedObject, RAW_FORMAT } from "../store/new-object";
import { responsePayload, uniqueIdentifierField } from "./common";

export function create(payload: StructureNode, context: OperationContext): StructureNode {
  const objectType = requiredEnumeration(payload, Tag.ObjectType);
  requireSymmetricKeyType(objectType);

  const attributes = new AttributeSet();
  applyTemplateAttributes(attributes, parseTemplateAttribute(requiredStructure(payload, Tag.TemplateAttribute), context.store));
  const { algorithm, lengthBits } = keyParameters(attributes);
  requireUsageMask(attributes);
  for (const name of attributes.all("Name")) {
    requireUnusedName(context.store, name.value, undefined, NAME_TAKEN_ON_CREATION);
  }
  initializeUsageLimits(attributes);

  const key = generateKey(context, () => withDesParity(algorithm, context.rng.generate(keySizeBytes(algorithm, lengthBits))));
  const object = newManagedObject(
    { objectType, content: symmetricKeyContent(key, algorithm, lengthBits), attributes, digestInput: key, digestFormat: RAW_FORMAT, generatedByServer: true },
    context,
  );
  context.store.insert(object);

  // §4.1: the server copies the new Unique Identifier into the ID Placeholder.
  context.batch.idPlaceholder = object.uniqueIdentifier;
  return responsePayload([enumeration(Tag.ObjectType, objectType), uniqueIdentifierField(object)]);
}

// §4.1: Create generates symmetric keys only; §11.2: an unrecognized Object Type is Invalid Field.
function requireSymmetricKeyType(objectType: number): void {
  if (objectType === ObjectType.SymmetricKey) {
    return;
  }
  const name = enumName("ObjectType", objectType);
  const detail = name === undefined ? `Object Type 0x${objectType.toString(16)} is not recognized` : `Create makes Symmetric Keys, not ${name}`;
  throw new KmipResultError(ResultReason.InvalidField, detail);
}

/**
 * Table 165 requires Cryptographic Algorithm; this server also needs Cryptographic Length to
 * know what to generate. A missing one is Missing Data, an unusable one Invalid Field (§11.2).
 */
function keyParameters(attributes: AttributeSet): { algorithm: number; lengthBits: number } {
  const algorithm = numberValue(attributes.first("Cryptographic Algorithm"));
  const lengthBits = numberValue(attributes.first("Cryptographic Length"));
  if (algorithm === undefined || lengthBits === undefined) {
    throw new KmipResultError(ResultReason.MissingData, "Create needs the Cryptographic Algorithm and Cryptographic Length attributes");
  }

  const algorithmName = enumName("CryptographicAlgorithm", algorithm) ?? `0x${algorithm.toString(16)}`;
  if (!isSymmetricAlgorithm(algorithm)) {
    throw new KmipResultError(ResultReason.InvalidField, `Cryptographic Algorithm ${algorithmName} is not a symmetric algorithm this server generates`);
  }
  if (!isAllowedLength(algorithm, lengthBits)) {
    throw new KmipResultError(ResultReason.InvalidField, `Cryptographic Length ${lengthBits} is not valid for ${algorithmName}`);
  }
  return { algorithm, lengthBits };
}

// Table 165 requires Cryptographic Usage Mask.
export function requireUsageMask(attributes: AttributeSet): void {
  if (!attributes.has("Cryptographic Usage Mask")) {
    throw new KmipResultError(ResultReason.MissingData, "the Cryptographic Usage Mask attribute is required");
  }
}
