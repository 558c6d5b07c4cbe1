/**
 * Register (§4.3) of a Template (§2.2.6, deprecated since KMIP 1.3): a named set of
 * client-settable attributes that later Create and Register requests apply by giving its Name in
 * their Template-Attribute (attributes/template.ts). Errors per §11.4.
 */
import { ObjectType, ResultReason, Tag } from "../../src/kmip";
import { structure } from "../../src/ttlv";
import { StructureNode } from "../../src/ttlv/types";
import { AttributeSet } from "../attributes/attribute-set";
import { attributeNode, checkAttributeValue, parseAttributeWithValue, requireKnownAttributeName } from "../attributes/attribute-codec";
import { NAME_TAKEN_ON_CREATION, requireUnusedName } from "../attributes/names";
import { attributeRule } from "../attributes/rules";
import { applyTemplateAttributes, parseTemplateAttribute } from "../attributes/template";
import { OperationContext } from "../context";
import { KmipResultError } from "../errors";
import { fieldsOf, requiredStructure } from "../payload";
import { newManagedObject } from "../store/new-object";
import { responsePayload, uniqueIdentifierField } from "./common";

export function registerTemplate(payload: StructureNode, context: OperationContext): StructureNode {
  if (!payload.value.some((field) => field.tag === Tag.Template)) {
    throw new KmipResultError(ResultReason.InvalidField, "Object Type is Template but the request carries no Template object");
  }
  const content = templateContent(requiredStructure(payload, Tag.Template));

  // The Template's own attributes, its Name above all, come from the Template-Attribute (§2.2.6).
  const attributes = new AttributeSet();
  applyTemplateAttributes(attributes, parseTemplateAttribute(requiredStructure(payload, Tag.TemplateAttribute), context.store));
  for (const name of attributes.all("Name")) {
    requireUnusedName(context.store, name.value, undefined, NAME_TAKEN_ON_CREATION);
  }

  const object = newManagedObject(
    { objectType: ObjectType.Template, content, attributes, digestInput: undefined, digestFormat: undefined, generatedByServer: false, cryptographicObject: false },
    context,
  );
  context.store.insert(object);

  // §4.3: the server copies the new Unique Identifier into the ID Placeholder.
  context.batch.idPlaceholder = object.uniqueIdentifier;
  return responsePayload([uniqueIdentifierField(object)]);
}

/**
 * Checks the Template structure: one or more client-settable attributes with valid values.
 * §11.4: "Trying to register a new Template object containing a Name attribute with the Template
 * structure" is Invalid Field, and so is any other incorrect attribute.
 */
function templateContent(template: StructureNode): StructureNode {
  const inputs = fieldsOf(template, Tag.Attribute).map(parseAttributeWithValue);
  if (inputs.length === 0) {
    throw new KmipResultError(ResultReason.InvalidField, "the Template contains no Attribute; give at least one");
  }

  for (const input of inputs) {
    requireKnownAttributeName(input.name);
    if (input.name === "Name") {
      throw new KmipResultError(ResultReason.InvalidField, "a Template may not contain a Name attribute; name it in the Template-Attribute instead");
    }
    if (attributeRule(input.name)!.clientSets === "never") {
      throw new KmipResultError(ResultReason.InvalidField, `attribute "${input.name}" is set by the server; a Template cannot carry it`);
    }
    checkAttributeValue(input.name, input.value);
  }
  return structure(Tag.Template, inputs.map((input) => attributeNode(input.name, input.index ?? 0, input.value))) as StructureNode;
}
