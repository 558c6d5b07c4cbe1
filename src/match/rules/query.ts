/**
 * Query rules. `query-result-set`: the lists of a Query response (Operations, Object Types,
 * Application Namespaces, Profile Information...) are compared as sets; every value the vector
 * lists must be present, and the server may list more, since it reports its own capabilities.
 * `query-server-information`: Vendor Identification and Server Information describe the server
 * that answered, so only their presence and type are checked.
 */
import { enumName, Tag, tagLabel } from "../../kmip";
import { ItemType, type TtlvNode } from "../../ttlv/types";
import { isPlaceholder, type TemplateNode } from "../../vectors/types";
import { batchContext } from "../context";
import { formatValue, typeName } from "../format";
import type { MatchState, Rule } from "../types";
import { accepted, rejected, ruleDiff } from "./verdicts";

/** Repeatable fields of the Query response payload (§4.25, Table 222) that list capabilities, with the field that identifies a structure. */
const LIST_KEYS = new Map<number, number | undefined>([
  [Tag.Operation, undefined], [Tag.ObjectType, undefined], [Tag.ApplicationNamespace, undefined],
  [Tag.AttestationType, undefined], [Tag.ClientRegistrationMethod, undefined],
  [Tag.ProfileInformation, Tag.ProfileName], [Tag.ExtensionInformation, Tag.ExtensionName],
]);

/** Repeatable capability structures that have no identifying field; extra ones are accepted, expected ones are paired by position. */
const UNKEYED_LISTS = new Set<number>([Tag.CapabilityInformation, Tag.ValidationInformation, Tag.RNGParameters]);

export const queryResultSet: Rule = {
  id: "query-result-set",
  description: "Query response lists (Operation, Object Type, Application Namespace, Profile Information, ...) are compared as sets: every value the vector lists must be present, and extra values are accepted.",
  reference: "KMIP 1.4 spec §4.25 Query: the server returns the operations, object types and capabilities it supports; KMIP Profiles 1.4 test-case variations: Query results beyond what the profile requires",
  severity: "fail",
  judge: () => undefined,

  pairBy(group, state) {
    if (!LIST_KEYS.has(group.tag) || !inQueryPayload(group.actualAncestors, state)) {
      return undefined;
    }

    const field = LIST_KEYS.get(group.tag);
    return { key: (item) => listKey(item, field), note: `${group.expectedItems.length} expected values looked up among ${group.actualItems.length} returned, in any order` };
  },

  judgeUnexpected(item, state) {
    const listed = LIST_KEYS.has(item.actual.tag) || UNKEYED_LISTS.has(item.actual.tag);
    if (!listed || !inQueryPayload(item.actualAncestors, state)) {
      return undefined;
    }

    return accepted(`the server also reports ${describe(item.actual)}`);
  },
};

export const queryServerInformation: Rule = {
  id: "query-server-information",
  description: "Vendor Identification and Server Information in a Query response are server-specific; only their presence and type are checked.",
  reference: "KMIP 1.4 spec §4.25 Query, Table 222: Vendor Identification is a vendor-specific text string and Server Information a vendor-specific structure",
  severity: "fail",

  judge(pair, state) {
    const wanted = pair.expected.tag === Tag.VendorIdentification ? ItemType.TextString : pair.expected.tag === Tag.ServerInformation ? ItemType.Structure : undefined;
    if (wanted === undefined || !inQueryPayload(pair.actualAncestors, state)) {
      return undefined;
    }

    if (pair.actual.type !== wanted) {
      return rejected(ruleDiff(this.id, pair.path, "type", `expected type ${typeName(wanted)}, got ${typeName(pair.actual.type)}`, typeName(wanted), typeName(pair.actual.type)));
    }

    return accepted(`server-specific value ${formatValue(pair.actual)} accepted`);
  },
};

function inQueryPayload(actualAncestors: ReadonlyArray<TtlvNode>, state: MatchState): boolean {
  return actualAncestors.at(-1)?.tag === Tag.ResponsePayload && batchContext(actualAncestors, state)?.operation === "Query";
}

function listKey(item: TemplateNode | TtlvNode, field: number | undefined): string {
  const source = field === undefined ? item : (item.value as Array<TemplateNode | TtlvNode>).find((part) => part.tag === field);
  if (source === undefined) {
    return "";
  }

  return isPlaceholder(source.value) ? source.value.placeholder : String(source.value);
}

function describe(node: TtlvNode): string {
  if (node.tag === Tag.Operation && node.type === ItemType.Enumeration) {
    return `the operation ${enumName("Operation", node.value) ?? node.value}`;
  }

  return node.type === ItemType.Structure ? `another ${tagLabel(node.tag)}` : `${tagLabel(node.tag)} ${formatValue(node)}`;
}
