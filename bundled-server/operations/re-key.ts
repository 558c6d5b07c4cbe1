/**
 * Re-key (§4.4): a replacement for an existing Symmetric Key, with the existing key's attributes
 * (Table 173), its Names, and dates copied or shifted by Offset (Table 172). Errors per §11.5.
 */
import { LinkType, ObjectType, ResultReason, Tag } from "../../src/kmip";
import { enumeration, text } from "../../src/ttlv";
import { ItemType, StructureNode, TtlvNode } from "../../src/ttlv/types";
import { AttributeSet } from "../attributes/attribute-set";
import { NAME_TAKEN_ON_CREATION, requireUnusedName } from "../attributes/names";
import { attributeRule } from "../attributes/rules";
import { applyTemplateAttributes, parseTemplateAttribute, TemplateInputs } from "../attributes/template";
import { bigintValue, numberValue, valueOf } from "../attributes/values";
import { OperationContext } from "../context";
import { keySizeBytes, withDesParity } from "../crypto/symmetric-keys";
import { initializeUsageLimits } from "../crypto/usage-limits";
import { HsmResultMessage, KmipResultError } from "../errors";
import { optionalField, optionalStructure } from "../payload";
import { generateKey } from "../server-stats";
import { symmetricKeyContent } from "../store/key-block";
import { isDestroyed, stateOf } from "../store/lifecycle";
import { ManagedObject } from "../store/managed-object";
import { newManagedObject, RAW_FORMAT } from "../store/new-object";
import { responsePayload, targetObject, touch, uniqueIdentifierField } from "./common";

// Table 173: attributes the replacement gets afresh (newManagedObject sets the server's own), not from the existing key.
const NOT_COPIED: ReadonlySet<string> = new Set([
  "Unique Identifier", "Initial Date", "Destroy Date", "Compromise Occurrence Date", "Compromise Date", "Revocation Reason", "State",
  "Digest", "Link", "Last Change Date", "Random Number Generator", "Original Creation Date", "Fresh", "Always Sensitive", "Never Extractable", "Lease Time",
]);
const DATES = ["Activation Date", "Process Start Date", "Protect Stop Date", "Deactivation Date"];

export function reKey(payload: StructureNode, context: OperationContext): StructureNode {
  const existing = targetObject(payload, context);
  requireReKeyable(existing);
  const offset = optionalField(payload, Tag.Offset, ItemType.Interval)?.value as number | undefined;
  const template = optionalStructure(payload, Tag.TemplateAttribute);
  const requested = template === undefined ? [] : parseTemplateAttribute(template, context.store);
  // §11.5: Offset together with any of the four dates is Invalid Message.
  if (offset !== undefined && requested.some((input) => DATES.includes(input.name))) {
    throw new KmipResultError(ResultReason.InvalidMessage, "Offset cannot be given together with Activation, Process Start, Protect Stop or Deactivation Date");
  }

  const attributes = copiedAttributes(existing, offset, context.now);
  overrideWith(attributes, requested);
  for (const input of requested.filter((candidate) => candidate.name === "Name")) {
    requireUnusedName(context.store, input.value, undefined, NAME_TAKEN_ON_CREATION);
  }
  initializeUsageLimits(attributes);

  const algorithm = numberValue(attributes.first("Cryptographic Algorithm"))!;
  const lengthBits = numberValue(attributes.first("Cryptographic Length"))!;
  const key = generateKey(context, () => withDesParity(algorithm, context.rng.generate(keySizeBytes(algorithm, lengthBits))));
  const content = symmetricKeyContent(key, algorithm, lengthBits);
  const replacement = newManagedObject({ objectType: ObjectType.SymmetricKey, content, attributes, digestInput: key, digestFormat: RAW_FORMAT, generatedByServer: true }, context);

  // Table 173: the replacement takes over the Names; §4.4: each key links to the other.
  for (const name of [...existing.attributes.all("Name")]) {
    existing.attributes.remove("Name", name.index);
  }
  existing.attributes.add("Link", linkValue(LinkType.ReplacementObjectLink, replacement));
  replacement.attributes.add("Link", linkValue(LinkType.ReplacedObjectLink, existing));
  touch(existing, context);
  context.store.insert(replacement);

  context.batch.idPlaceholder = replacement.uniqueIdentifier;
  return responsePayload([uniqueIdentifierField(replacement)]);
}

// §11.5: only Symmetric Keys are re-keyed (Permission Denied otherwise); a key without its value is Key Value Not Present.
function requireReKeyable(existing: ManagedObject): void {
  if (existing.objectType !== ObjectType.SymmetricKey) {
    throw new KmipResultError(ResultReason.PermissionDenied, HsmResultMessage.PermissionDenied, { detail: `object ${existing.uniqueIdentifier} is not a Symmetric Key; Re-key replaces Symmetric Keys only` });
  }
  if (existing.content === undefined || isDestroyed(stateOf(existing))) {
    throw new KmipResultError(ResultReason.KeyValueNotPresent, `object ${existing.uniqueIdentifier} has no key value to replace`);
  }
}

/** Copies the existing key's attributes (Table 173) and sets the dates by Table 172: copied, or shifted to start at now + Offset. */
function copiedAttributes(existing: ManagedObject, offset: number | undefined, now: bigint): AttributeSet {
  const attributes = new AttributeSet();
  for (const name of existing.attributes.names().filter((candidate) => !NOT_COPIED.has(candidate))) {
    for (const instance of existing.attributes.all(name)) {
      attributes.add(name, instance.value);
    }
  }
  if (offset === undefined) {
    return attributes;
  }

  const activation = bigintValue(existing.attributes.first("Activation Date"));
  if (activation === undefined) {
    throw new KmipResultError(ResultReason.IllegalOperation, `Offset needs an Activation Date on the existing key ${existing.uniqueIdentifier}`);
  }
  const shift = now + BigInt(offset) - activation;
  for (const name of DATES) {
    const date = bigintValue(existing.attributes.first(name));
    if (date !== undefined) {
      attributes.set(name, valueOf.dateTime(date + shift));
    }
  }
  return attributes;
}

/** Applies the request's Template-Attribute: single-instance attributes replace the copied value, others add to it. */
function overrideWith(attributes: AttributeSet, requested: TemplateInputs): void {
  applyTemplateAttributes(new AttributeSet(), requested);
  for (const input of requested) {
    if (attributeRule(input.name)!.multiInstance) {
      attributes.add(input.name, input.value);
    } else {
      attributes.set(input.name, input.value);
    }
  }
}

function linkValue(linkType: number, target: ManagedObject): TtlvNode {
  return valueOf.structure([enumeration(Tag.LinkType, linkType), text(Tag.LinkedObjectIdentifier, target.uniqueIdentifier)]);
}
