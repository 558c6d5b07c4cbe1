/**
 * `version-gating`: a response may use only the fields, enumeration values and attributes defined
 * in the protocol version of the request. A server that answers a KMIP 1.0 request with a 1.4 header
 * field, or a 1.4 request with a KMIP 2.x Result Reason, fails here even where the vector does not
 * pin the value.
 */
import { attributeByName, enumerationValueSince, enumName, isLaterVersion, Tag, tagLabel, tagSince } from "../../kmip";
import { ItemType, type TtlvNode } from "../../ttlv/types";
import { protocolVersionOf } from "../context";
import { childPath, groupByTag } from "../path";
import type { Diff, Rule } from "../types";
import { ruleDiff } from "./verdicts";

const ID = "version-gating";

/** Enumerations whose values the harness dates by version (src/kmip/versions.ts). */
const GATED_ENUMERATIONS = new Map<number, string>([[Tag.ResultReason, "ResultReason"], [Tag.Operation, "Operation"], [Tag.ObjectType, "ObjectType"]]);

/** §9.1.3.2: values 0x8XXXXXXX are extensions; §9.1.3.1: tags 0x54XXXX are extensions. */
const isExtensionValue = (value: number) => value >>> 28 === 0x8;
const isExtensionTag = (tag: number) => tag >>> 16 === 0x54;

export const versionGating: Rule = {
  id: ID,
  description: "Every tag, gated enumeration value (Result Reason, Operation, Object Type) and attribute name in the response must be defined in the protocol version of the request.",
  reference: "KMIP 1.4 spec §6.1 Protocol Version: the response uses the protocol version of the request; §9.1.3.1 Table 288 and §9.1.3.2 Table 317 list what KMIP 1.4 defines",
  severity: "fail",
  judge: () => undefined,

  checkMessage(actual, state) {
    const version = state.request === undefined ? undefined : protocolVersionOf(state.request);
    if (version === undefined || !version.startsWith("1.")) {
      return undefined;
    }

    const diffs = gatedDiffs(actual, tagLabel(actual.tag), version);
    return { diffs, note: diffs.length === 0 ? `every field, gated value and attribute is defined in KMIP ${version}` : `${diffs.length} item(s) not defined in KMIP ${version}` };
  },
};

function gatedDiffs(node: TtlvNode, path: string, version: string): Diff[] {
  const diffs = nodeDiffs(node, path, version);
  if (node.type !== ItemType.Structure) {
    return diffs;
  }

  for (const [tag, items] of groupByTag(node.value)) {
    items.forEach((item, index) => diffs.push(...gatedDiffs(item, childPath(path, tag, index, items.length), version)));
  }

  return diffs;
}

function nodeDiffs(node: TtlvNode, path: string, version: string): Diff[] {
  const since = tagSince(node.tag);
  if (!isExtensionTag(node.tag) && (since === undefined || isLaterVersion(since, version))) {
    return [ruleDiff(ID, path, "unexpected", `${tagLabel(node.tag)} is ${since === undefined ? "not a KMIP 1.x tag" : `defined since KMIP ${since}`}; the request used ${version}`, `a KMIP ${version} field`, tagLabel(node.tag))];
  }

  const enumeration = GATED_ENUMERATIONS.get(node.tag);
  if (enumeration !== undefined && node.type === ItemType.Enumeration) {
    return enumerationDiffs(enumeration, node.value, path, version);
  }

  const attribute = node.tag === Tag.AttributeName && node.type === ItemType.TextString ? attributeByName(node.value) : undefined;
  if (attribute !== undefined && isLaterVersion(attribute.since, version)) {
    return [ruleDiff(ID, path, "value", `the attribute ${attribute.name} is defined since KMIP ${attribute.since}; the request used ${version}`, `a KMIP ${version} attribute`, attribute.name)];
  }

  return [];
}

function enumerationDiffs(enumeration: string, value: number, path: string, version: string): Diff[] {
  if (isExtensionValue(value)) {
    return [];
  }

  const since = enumerationValueSince(enumeration, value);
  const shown = enumName(enumeration, value) ?? `0x${value.toString(16).padStart(8, "0")}`;
  if (since === undefined) {
    return [ruleDiff(ID, path, "value", `${enumeration} ${shown} is not defined in KMIP 1.0 to 1.4; the request used ${version}`, `a KMIP ${version} ${enumeration}`, shown)];
  }

  return isLaterVersion(since, version) ? [ruleDiff(ID, path, "value", `${enumeration} ${shown} is defined since KMIP ${since}; the request used ${version}`, `a KMIP ${version} ${enumeration}`, shown)] : [];
}
