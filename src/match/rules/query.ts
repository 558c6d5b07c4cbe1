/**
 * Query rules. `query-result-set`: the lists of a Query response (Operations, Object Types,
 * Application Namespaces, Profile Information...) are compared as sets, and the server may list
 * more, since it reports its own capabilities. The server may leave out an Operation or Object
 * Type that the vector lists when the vector's profile does not require it (profile-requirements.ts).
 * Every other value the vector lists must be present.
 * `query-server-information`: Vendor Identification and Server Information describe the server
 * that answered, so only their presence and type are checked.
 */
import { enumName, Tag, tagLabel } from "../../kmip";
import { ItemType, type TtlvNode } from "../../ttlv/types";
import { isPlaceholder, type TemplateNode } from "../../vectors/types";
import { batchContext } from "../context";
import { formatValue, typeName } from "../format";
import type { MatchState, MissingItem, Rule, RuleVerdict } from "../types";
import { QUERY_REQUIREMENTS, type QueryRequirement } from "./profile-requirements";
import { accepted, rejected, ruleDiff } from "./verdicts";

/** Repeatable fields of the Query response payload (§4.25, Table 222) that list capabilities, with the field that identifies a structure. */
const LIST_KEYS = new Map<number, number | undefined>([
  [Tag.Operation, undefined], [Tag.ObjectType, undefined], [Tag.ApplicationNamespace, undefined],
  [Tag.AttestationType, undefined], [Tag.ClientRegistrationMethod, undefined],
  [Tag.ProfileInformation, Tag.ProfileName], [Tag.ExtensionInformation, Tag.ExtensionName],
]);

/** Repeatable capability structures that have no identifying field; extra ones are accepted, expected ones are paired by position. */
const UNKEYED_LISTS = new Set<number>([Tag.CapabilityInformation, Tag.ValidationInformation, Tag.RNGParameters]);

/** Query fields that describe the server itself, with the item type each must have (§4.25, Table 222). */
const SERVER_SPECIFIC_TYPES: ReadonlyMap<number, ItemType> = new Map([
  [Tag.VendorIdentification, ItemType.TextString],
  [Tag.ServerInformation, ItemType.Structure],
]);

export const queryResultSet: Rule = {
  id: "query-result-set",
  description:
    "Query response lists (Operation, Object Type, Application Namespace, Profile Information, ...) are compared as sets and extra values are accepted. " +
    "A listed Operation or Object Type that the vector's profile does not require may be missing; every other listed value must be present.",
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

  judgeMissing(item, state) {
    const requirement = state.position === undefined ? undefined : QUERY_REQUIREMENTS[state.position.profile];
    if (requirement === undefined || !REQUIRED_LISTS.has(item.expected.tag) || !inExpectedQueryPayload(item)) {
      return undefined;
    }

    return judgeMissingValue(item, requirement, state.position?.profile ?? "");
  },
};

/** The Query lists whose required values each profile names. */
const REQUIRED_LISTS = new Map<number, { enumeration: string; field: keyof Pick<QueryRequirement, "operations" | "objectTypes"> }>([
  [Tag.Operation, { enumeration: "Operation", field: "operations" }],
  [Tag.ObjectType, { enumeration: "ObjectType", field: "objectTypes" }],
]);

/** Fails a value the profile requires; tolerates, and names in the note, one the recording server listed beyond the requirement. */
function judgeMissingValue(item: MissingItem, requirement: QueryRequirement, profile: string): RuleVerdict | undefined {
  const list = REQUIRED_LISTS.get(item.expected.tag);
  const value = item.expected.value;
  if (list === undefined || typeof value !== "number") {
    return undefined;
  }

  const name = enumName(list.enumeration, value) ?? String(value);
  const label = tagLabel(item.expected.tag);
  if (requirement[list.field].includes(name)) {
    const message = `${label} ${name} is missing, but the ${profile} profile requires the server to list it (${requirement.source})`;
    return rejected(ruleDiff(queryResultSet.id, item.path, "missing", message, name, undefined));
  }

  return accepted(`${label} ${name} tolerated as beyond the requirement: the recording server listed it, but the ${profile} profile does not require it (${requirement.source})`);
}

/** Tells whether a missing expected item sits in the response payload of an expected Query batch item. */
function inExpectedQueryPayload(item: MissingItem): boolean {
  const parent = item.expectedAncestors.at(-1);
  const batchItem = item.expectedAncestors.find((ancestor) => ancestor.tag === Tag.BatchItem);
  if (parent?.tag !== Tag.ResponsePayload || batchItem?.type !== ItemType.Structure) {
    return false;
  }

  const operation = batchItem.value.find((field) => field.tag === Tag.Operation);
  return typeof operation?.value === "number" && enumName("Operation", operation.value) === "Query";
}

export const queryServerInformation: Rule = {
  id: "query-server-information",
  description: "Vendor Identification and Server Information in a Query response are server-specific; only their presence and type are checked.",
  reference: "KMIP 1.4 spec §4.25 Query, Table 222: Vendor Identification is a vendor-specific text string and Server Information a vendor-specific structure",
  severity: "fail",

  judge(pair, state) {
    const expectedType = SERVER_SPECIFIC_TYPES.get(pair.expected.tag);
    if (expectedType === undefined || !inQueryPayload(pair.actualAncestors, state)) {
      return undefined;
    }

    if (pair.actual.type !== expectedType) {
      return rejected(ruleDiff(this.id, pair.path, "type", `expected type ${typeName(expectedType)}, got ${typeName(pair.actual.type)}`, typeName(expectedType), typeName(pair.actual.type)));
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
