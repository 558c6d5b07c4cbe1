/**
 * Create Key Pair (§4.2): generates an RSA or EC key pair and stores a Private Key and a Public
 * Key linked to each other (§3.35 Link: Public Key Link on the private key, Private Key Link on
 * the public key). Errors per §11.3.
 */
import { KeyObject } from "node:crypto";
import { LinkType, ObjectType, ResultReason, Tag } from "../../../src/kmip";
import { enumeration, text } from "../../../src/ttlv";
import { ItemType, StructureNode } from "../../../src/ttlv/types";
import { AttributeSet } from "../../attributes/attribute-set";
import { valuesEqual } from "../../attributes/compare";
import { NAME_TAKEN_ON_CREATION, requireUnusedName } from "../../attributes/names";
import { applyTemplateAttributes, parseTemplateAttribute } from "../../attributes/template";
import { attributeRule } from "../../attributes/rules";
import { valueOf } from "../../attributes/values";
import { OperationContext } from "../../context";
import { cryptoStep } from "../../crypto/failures";
import { asymmetricKeyContent, defaultFormat, exportKeyMaterial } from "../../crypto/key-material";
import { generateKeyPair, keyPairSpec } from "../../crypto/key-pair-spec";
import { initializeUsageLimits } from "../../crypto/usage-limits";
import { KmipResultError } from "../../errors";
import { optionalField } from "../../payload";
import { generateKey } from "../../server-stats";
import { newManagedObject } from "../../store/new-object";
import { ManagedObject } from "../../store/managed-object";
import { responsePayload } from "../common";
import { requireUsageMask } from "../create";

type TemplateInputs = ReturnType<typeof parseTemplateAttribute>;

export function createKeyPair(payload: StructureNode, context: OperationContext): StructureNode {
  const common = templateInputs(payload, Tag.CommonTemplateAttribute, context);
  const privateAttributes = mergedAttributes(templateInputs(payload, Tag.PrivateKeyTemplateAttribute, context), common);
  const publicAttributes = mergedAttributes(templateInputs(payload, Tag.PublicKeyTemplateAttribute, context), common);

  const spec = keyPairSpec(privateAttributes, publicAttributes);
  for (const attributes of [privateAttributes, publicAttributes]) {
    requireUsageMask(attributes);
    for (const name of attributes.all("Name")) {
      requireUnusedName(context.store, name.value, undefined, NAME_TAKEN_ON_CREATION);
    }
    initializeUsageLimits(attributes);
  }
  requireDistinctNames(privateAttributes, publicAttributes);
  context.store.requireRoom(2); // before the costly generation, and so that both keys or neither are stored

  const pair = cryptoStep("key pair generation", () => generateKey(context, () => generateKeyPair(spec, context.rng)));
  const privateObject = generatedObject(ObjectType.PrivateKey, pair.privateKey, privateAttributes, spec, context);
  const publicObject = generatedObject(ObjectType.PublicKey, pair.publicKey, publicAttributes, spec, context);
  link(privateObject, LinkType.PublicKeyLink, publicObject);
  link(publicObject, LinkType.PrivateKeyLink, privateObject);
  context.store.insert(privateObject);
  context.store.insert(publicObject);

  // §4.2: the ID Placeholder becomes the Unique Identifier of the Private Key.
  context.batch.idPlaceholder = privateObject.uniqueIdentifier;
  return responsePayload([
    text(Tag.PrivateKeyUniqueIdentifier, privateObject.uniqueIdentifier),
    text(Tag.PublicKeyUniqueIdentifier, publicObject.uniqueIdentifier),
  ]);
}

// Table 166: each of the three Template-Attributes is optional.
function templateInputs(payload: StructureNode, tag: number, context: OperationContext): TemplateInputs {
  const template = optionalField(payload, tag, ItemType.Structure) as StructureNode | undefined;
  return template === undefined ? [] : parseTemplateAttribute(template, context.store);
}

/**
 * §4.2: multi-instance attributes take the union of the specific and common templates. For a
 * single-instance attribute, the specific template's value takes precedence over the common one.
 */
function mergedAttributes(specific: TemplateInputs, common: TemplateInputs): AttributeSet {
  const named = new Set(specific.map((input) => input.name));
  const inherited = common.filter((input) => !named.has(input.name) || attributeRule(input.name)?.multiInstance === true);
  const attributes = new AttributeSet();
  applyTemplateAttributes(attributes, [...specific, ...inherited]);
  return attributes;
}

// §3.2: Names are unique, so a Name in the Common Template-Attribute, which both keys would get, is Invalid Field.
function requireDistinctNames(privateAttributes: AttributeSet, publicAttributes: AttributeSet): void {
  const shared = privateAttributes.all("Name").some((left) => publicAttributes.all("Name").some((right) => valuesEqual(left.value, right.value)));
  if (shared) {
    throw new KmipResultError(ResultReason.InvalidField, "the Private and Public Key cannot have the same Name; give Names in their own Template-Attributes");
  }
}

function generatedObject(objectType: number, key: KeyObject, attributes: AttributeSet, spec: ReturnType<typeof keyPairSpec>, context: OperationContext): ManagedObject {
  const format = defaultFormat(objectType, key);
  const material = exportKeyMaterial(key, format);
  return newManagedObject(
    {
      objectType,
      content: asymmetricKeyContent(objectType, format, material, spec.algorithm, spec.lengthBits),
      attributes,
      digestInput: material,
      digestFormat: format,
      generatedByServer: true,
    },
    context,
  );
}

function link(from: ManagedObject, linkType: number, to: ManagedObject): void {
  from.attributes.add("Link", valueOf.structure([enumeration(Tag.LinkType, linkType), text(Tag.LinkedObjectIdentifier, to.uniqueIdentifier)]));
}
