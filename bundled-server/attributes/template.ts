/**
 * Template-Attribute structures (§2.1.8) in Create and Register requests: the attributes a client
 * gives a new object.
 */
import { ObjectType, ResultReason, Tag } from "../../src/kmip";
import { ItemType, StructureNode, TtlvNode } from "../../src/ttlv/types";
import { KmipResultError } from "../errors";
import { ObjectStore } from "../store/object-store";
import { valuesEqual } from "./compare";
import { fieldsOf, repeatedFields } from "../payload";
import { AttributeSet } from "./attribute-set";
import { AttributeInput, checkAttributeValue, parseAttributeWithValue, requireKnownAttributeName } from "./attribute-codec";
import { attributeRule } from "./rules";

export type TemplateInputs = Array<AttributeInput & { value: NonNullable<AttributeInput["value"]> }>;

/**
 * Reads the attributes of a Template-Attribute. Each Name refers to a Template object (§2.2.6) in
 * `store` whose attributes apply first. An attribute the Template-Attribute gives itself replaces
 * a single-instance one from a template, and adds to a multi-instance one. A name no Template in
 * the store has is Item Not Found (§11.2 and §11.4: "Templates that do not exist are given in request").
 */
export function parseTemplateAttribute(template: StructureNode, store: ObjectStore): TemplateInputs {
  const explicit = fieldsOf(template, Tag.Attribute).map(parseAttributeWithValue);
  const templateNames = repeatedFields(template, Tag.Name, ItemType.Structure);
  if (templateNames.length === 0) {
    return explicit;
  }

  const given = new Set(explicit.map((input) => input.name));
  const inherited = templateNames
    .flatMap((name) => templateAttributes(store, name))
    .filter((input) => !given.has(input.name) || attributeRule(input.name)?.multiInstance === true);
  return [...inherited, ...explicit];
}

/** Returns the attributes of the live Template object that has this Name. */
function templateAttributes(store: ObjectStore, name: TtlvNode): TemplateInputs {
  const found = store.list().find(
    (object) => object.objectType === ObjectType.Template && object.content !== undefined && object.attributes.all("Name").some((instance) => valuesEqual(instance.value, name)),
  );
  if (found === undefined) {
    const value = name.type === ItemType.Structure ? name.value.find((field) => field.tag === Tag.NameValue)?.value : undefined;
    throw new KmipResultError(ResultReason.ItemNotFound, `no Template object has the Name "${String(value)}"`);
  }
  return fieldsOf(found.content!, Tag.Attribute).map(parseAttributeWithValue);
}

/**
 * Copies client-supplied attributes into a new object's attribute set. An attribute only the
 * server sets, a value of the wrong type, or a single-instance attribute given twice is
 * "Incorrect attribute value(s) specified": Invalid Field (§11.2, §11.4).
 */
export function applyTemplateAttributes(attributes: AttributeSet, inputs: TemplateInputs): void {
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
