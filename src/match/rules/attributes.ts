/**
 * Attribute rules. `attribute-by-name`: Attribute structures are paired by Attribute Name and
 * Attribute Index, since no clause fixes their order. `attribute-list-set`: the names of a Get
 * Attribute List response form a set. `extra-attributes`: attributes the vector does not list are
 * accepted only where the spec lets their presence vary between servers: in Get Attribute List
 * (the object's available attributes, which include server-set and vendor ones), and in Get
 * Attributes when the request named no attribute (all attributes match) or named this one.
 */
import { Tag } from "../../kmip";
import { child, children } from "../../ttlv/access";
import { ItemType, type TtlvNode } from "../../ttlv/types";
import { isPlaceholder, type TemplateNode } from "../../vectors/types";
import { batchContext } from "../context";
import type { MatchState, PairKey, Rule, SiblingGroup, UnexpectedItem } from "../types";
import { accepted, rejected, ruleDiff } from "./verdicts";

const EXTRA = "extra-attributes";

export const attributeByName: Rule = {
  id: "attribute-by-name",
  description: "Attribute structures are paired by Attribute Name and Attribute Index, not by position.",
  reference: "KMIP 1.4 spec §2.1.1 Attribute: an attribute is identified by its name and, for multiple instances, its index; no clause orders attributes in a payload",
  severity: "fail",
  judge: () => undefined,

  pairBy(group) {
    const holdsAttributes = group.tag === Tag.Attribute && [...group.expectedItems, ...group.actualItems].every((item) => item.type === ItemType.Structure);
    if (!holdsAttributes || group.expectedItems.length + group.actualItems.length < 2) {
      return undefined;
    }

    return { key: attributeKey, note: `${group.expectedItems.length} expected and ${group.actualItems.length} returned attributes paired by name and index` };
  },
};

/** Name and index of an Attribute; an absent Attribute Index means 0 (§2.1.1). */
export function attributeKey(item: TemplateNode | TtlvNode): string {
  const fields = item.value as Array<TemplateNode | TtlvNode>;
  const name = fields.find((field) => field.tag === Tag.AttributeName)?.value;
  const index = fields.find((field) => field.tag === Tag.AttributeIndex)?.value;
  return `${String(name)}#${typeof index === "number" ? index : 0}`;
}

export const attributeListSet: Rule = {
  id: "attribute-list-set",
  description: "The Attribute Names of a Get Attribute List response are compared as a set; order is irrelevant.",
  reference: "KMIP 1.4 spec §4.13 Get Attribute List: the response lists the names of the available attributes, in no defined order",
  severity: "fail",
  judge: () => undefined,

  pairBy(group, state): PairKey | undefined {
    if (group.tag !== Tag.AttributeName || !inPayloadOf(group, "GetAttributeList", state)) {
      return undefined;
    }

    return { key: (item) => (isPlaceholder(item.value) ? item.value.placeholder : String(item.value)), note: "Attribute Names compared as a set" };
  },
};

export const extraAttributes: Rule = {
  id: EXTRA,
  description: "Attributes the vector does not list are accepted in Get Attribute List responses, and in Get Attributes responses when the request named no attribute or named this one; an unrequested attribute still fails.",
  reference: "KMIP 1.4 spec §4.12 Get Attributes (no name requested: all attributes match; a requested attribute that exists is returned) and §4.13 Get Attribute List; §3.44 Custom Attribute (x- and y- vendor attributes)",
  severity: "fail",
  judge: () => undefined,

  judgeUnexpected(item, state) {
    const context = batchContext(item.actualAncestors, state);
    const inPayload = item.actualAncestors.at(-1)?.tag === Tag.ResponsePayload;
    if (!inPayload || context === undefined) {
      return undefined;
    }

    if (context.operation === "GetAttributeList" && item.actual.tag === Tag.AttributeName) {
      return accepted(`the server also lists ${describeName(String(item.actual.value))}`);
    }

    return context.operation === "GetAttributes" && item.actual.tag === Tag.Attribute ? judgeExtraAttribute(item, context.requestPayload) : undefined;
  },
};

function judgeExtraAttribute(item: UnexpectedItem, requestPayload: TtlvNode | undefined) {
  const name = String(child(item.actual, Tag.AttributeName)?.value);
  if (repeatsInstance(item)) {
    const message = `the server returned ${describeName(name)} twice with Attribute Index ${attributeKey(item.actual).split("#").at(-1)}, but an index names one instance`;
    return rejected(ruleDiff(EXTRA, item.path, "unexpected", message, "one Attribute per name and index", name));
  }

  const requested = requestPayload === undefined ? [] : children(requestPayload, Tag.AttributeName).map((node) => String(node.value));

  if (requested.length === 0) {
    return accepted(`the request named no attribute, so all attributes match; the server also returns ${describeName(name)}`);
  }

  if (requested.includes(name)) {
    return accepted(`the request named ${describeName(name)}, which this server holds`);
  }

  return rejected(ruleDiff(EXTRA, item.path, "unexpected", `the server returned ${describeName(name)}, which the request did not name`, `only ${requested.join(", ")}`, name));
}

/** §2.1.1: the Attribute Index (0 when absent) identifies one instance, so a name and index appear once in a payload. */
function repeatsInstance(item: UnexpectedItem): boolean {
  const payload = item.actualAncestors.at(-1) as TtlvNode;
  const key = attributeKey(item.actual);
  return children(payload, Tag.Attribute).some((other) => other !== item.actual && other.type === ItemType.Structure && attributeKey(other) === key);
}

function describeName(name: string): string {
  return /^[xy]-/.test(name) ? `the vendor attribute ${name}` : `the attribute ${name}`;
}

function inPayloadOf(group: SiblingGroup, operation: string, state: MatchState): boolean {
  const parent = group.actualAncestors.at(-1);
  return parent?.tag === Tag.ResponsePayload && batchContext(group.actualAncestors, state)?.operation === operation;
}
