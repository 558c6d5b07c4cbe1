/** Query (§4.25): what the server supports. §11.26 defines no errors. */
import { CryptographicAlgorithm, enumerationValueSince, isLaterVersion, ObjectType, ProfileName, QueryFunction, RNGAlgorithm, Tag } from "../../src/kmip";
import { enumeration, integer, structure, text } from "../../src/ttlv";
import { ItemType, StructureNode, TtlvNode } from "../../src/ttlv/types";
import { OperationContext } from "../context";
import { X931Rng } from "../crypto/x931-rng";
import { repeatedFields } from "../payload";
import { responsePayload } from "./common";

/** Object types this server stores (Register accepts each; Create and Create Key Pair make the keys). */
export const SUPPORTED_OBJECT_TYPES: readonly number[] = [
  ObjectType.Certificate,
  ObjectType.SymmetricKey,
  ObjectType.PublicKey,
  ObjectType.PrivateKey,
  ObjectType.Template,
  ObjectType.SecretData,
  ObjectType.OpaqueObject,
];

/** Profiles (§9.1.3.2.42) whose server requirements this server meets. */
export const CLAIMED_PROFILES: readonly number[] = [
  ProfileName.BaselineServerTLSV1_2KMIPV1_4,
  ProfileName.SymmetricKeyLifecycleServerKMIPV1_4,
];

type Answer = (context: OperationContext) => readonly TtlvNode[];

// Response fields in the order of the Query Response Payload table (§4.25).
const ANSWERS: ReadonlyArray<readonly [number, Answer]> = [
  [QueryFunction.QueryOperations, (context) => definedNodes(context, "Operation", Tag.Operation, context.supportedOperations)],
  [QueryFunction.QueryObjects, (context) => definedNodes(context, "ObjectType", Tag.ObjectType, SUPPORTED_OBJECT_TYPES)],
  [QueryFunction.QueryServerInformation, (context) => [text(Tag.VendorIdentification, context.policy.vendorIdentification), structure(Tag.ServerInformation, [])]],
  [QueryFunction.QueryRNGs, () => [rngParameters()]],
  [QueryFunction.QueryProfiles, () => CLAIMED_PROFILES.map((profile) => structure(Tag.ProfileInformation, [enumeration(Tag.ProfileName, profile)]))],
];

/**
 * Returns the fields of each requested Query Function in the payload table's order. Functions for features this
 * server lacks (application namespaces, extensions, attestation, validations, capabilities,
 * client registration methods) have nothing to list, so they add no fields.
 */
export function query(payload: StructureNode, context: OperationContext): StructureNode {
  const requested = new Set(repeatedFields(payload, Tag.QueryFunction, ItemType.Enumeration).map((field) => field.value as number));
  const fields: TtlvNode[] = [];

  for (const [queryFunction, answer] of ANSWERS) {
    if (requested.has(queryFunction)) fields.push(...answer(context));
  }
  return responsePayload(fields);
}

/**
 * Cache of the Enumeration fields that definedNodes built, by value list, then by tag and version. Every
 * Query of one version lists the same fields, so each list is built once and frozen, with its fields.
 */
const definedFieldLists = new WeakMap<readonly number[], Map<string, readonly TtlvNode[]>>();

/** Returns one Enumeration field with `tag` for each value that the request's version defines (see definedIn). */
function definedNodes(context: OperationContext, enumerationName: string, tag: number, values: readonly number[]): readonly TtlvNode[] {
  let byVersion = definedFieldLists.get(values);
  if (byVersion === undefined) {
    byVersion = new Map();
    definedFieldLists.set(values, byVersion);
  }

  const key = `${tag} ${context.protocolVersion.major}.${context.protocolVersion.minor}`;
  let fields = byVersion.get(key);
  if (fields === undefined) {
    fields = Object.freeze(definedIn(context, enumerationName, values).map((value) => Object.freeze(enumeration(tag, value))));
    byVersion.set(key, fields);
  }
  return fields;
}

/** §6.1: a response uses the request's protocol version, so it lists only the values that version defines. */
function definedIn(context: OperationContext, enumerationName: string, values: readonly number[]): number[] {
  const version = `${context.protocolVersion.major}.${context.protocolVersion.minor}`;
  return values.filter((value) => {
    const since = enumerationValueSince(enumerationName, value);
    return since === undefined || !isLaterVersion(since, version);
  });
}

function rngParameters(): TtlvNode {
  return structure(Tag.RNGParameters, [
    enumeration(Tag.RNGAlgorithm, RNGAlgorithm.ANSIX9_31),
    enumeration(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
    integer(Tag.CryptographicLength, X931Rng.keyLengthBits),
  ]);
}
