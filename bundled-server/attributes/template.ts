/**
 * Template-Attribute structures (§2.1.8) in Create and Register requests: the attributes a client
 * gives a new object.
 */
import { ResultReason, Tag } from "../../src/kmip";
import { ItemType, StructureNode } from "../../src/ttlv/types";
import { KmipResultError } from "../errors";
import { fieldsOf, repeatedFields } from "../payload";
import { AttributeSet } from "./attribute-set";
import { AttributeInput, checkAttributeValue, parseAttributeWithValue, requireKnownAttributeName } from "./attribute-codec";
import { attributeRule } from "./rules";

/**
 * Reads the attributes of a Template-Attribute. Template names refer to Template objects, which
 * this server does not store, so any name is a template that does not exist: Item Not Found
 * (§11.2 and §11.4: "Templates that do not exist are given in request").
 */
export function parseTemplateAttribute(template: StructureNode): Array<AttributeInput & { value: NonNullable<AttributeInput["value"]> }> {
  const templateNames = repeatedFields(template, Tag.Name, ItemType.Structure);
  if (templateNames.length > 0) {
    throw new KmipResultError(ResultReason.ItemNotFound, "the Template-Attribute names a Template object; this server stores none");
  }
  return fieldsOf(template, Tag.Attribute).map(parseAttributeWithValue);
}

/**
 * Copies client-supplied attributes into a new object's attribute set. An attribute only the
 * server sets, a value of the wrong type, or a single-instance attribute given twice is
 * "Incorrect attribute value(s) specified": Invalid Field (§11.2, §11.4).
 */
export function applyTemplateAttributes(attributes: AttributeSet, inputs: ReturnType<typeof parseTemplateAttribute>): void {
  const seen = new Set<string>();

  for (const input of inputs) {
    requireKnownAttributeName(input.name);
    const rule = attributeRule(input.name)!;
    if (rule.clientSets === "never") {
      throw new KmipResultError(ResultReason.InvalidField, `attribute "${input.name}" is set by the server; a client cannot give it a value`);
    }
    checkAttributeValue(input.name, input.value);

    if (!rule.multiInstance && seen.has(input.name)) {
      throw new KmipResultError(ResultReason.InvalidField, `attribute "${input.name}" allows one instance and the request gives several`);
    }
    seen.add(input.name);
    attributes.add(input.name, input.value);
  }
}
