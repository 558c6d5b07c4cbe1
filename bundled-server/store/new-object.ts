/**
 * Builds a new managed object with the attributes the server sets itself on Create and Register
 * (the "When implicitly set" rows of §3): Unique Identifier, Object Type, State, Initial Date,
 * Last Change Date, Digest, Fresh, Lease Time, Sensitive, Always Sensitive, Extractable, Never
 * Extractable, and for server-generated keys Original Creation Date and Random Number Generator.
 */
import { createHash } from "node:crypto";
import { CryptographicAlgorithm, HashingAlgorithm, KeyFormatType, RNGAlgorithm, State, Tag } from "../../src/kmip";
import { bytes, enumeration, integer } from "../../src/ttlv";
import { TtlvNode } from "../../src/ttlv/types";
import { AttributeSet } from "../attributes/attribute-set";
import { applyDateEffects } from "../attributes/date-effects";
import { booleanValue, valueOf } from "../attributes/values";
import { OperationContext } from "../context";
import { X931Rng } from "../crypto/x931-rng";
import { ManagedObject } from "./managed-object";

export interface NewObjectRequest {
  objectType: number;
  content: TtlvNode;
  /** Attributes the client gave (already checked against the rules). */
  attributes: AttributeSet;
  /**
   * Key bytes in the object's default format (Raw for symmetric keys), Certificate Value or Opaque
   * Data Value, for the Digest (§3.17); undefined for Templates, which have no Digest.
   */
  digestInput: Buffer | undefined;
  /** Key Format Type of digestInput; undefined for certificates and opaque objects, whose Digest has none (§3.17 Table 88). */
  digestFormat: number | undefined;
  /** True for Create (the server generated the key), false for Register. */
  generatedByServer: boolean;
  /**
   * False for Opaque Objects and Templates, which are not cryptographic objects: State, Lease Time and Fresh
   * apply to "All Cryptographic Objects" only (§3.20, §3.22, §3.34). Default true.
   */
  cryptographicObject?: boolean;
}

export function newManagedObject(request: NewObjectRequest, context: OperationContext): ManagedObject {
  const object: ManagedObject = {
    uniqueIdentifier: context.store.newUniqueIdentifier(),
    objectType: request.objectType,
    content: request.content,
    attributes: request.attributes,
  };

  setIdentity(object, context);
  if (request.cryptographicObject !== false) {
    setCryptographicState(object.attributes, context);
  }
  setProtectionFlags(object.attributes);
  if (request.digestInput !== undefined) {
    object.attributes.set("Digest", digestValue(request.digestInput, request.digestFormat));
  }
  if (request.generatedByServer) {
    object.attributes.set("Original Creation Date", valueOf.dateTime(context.now));
    object.attributes.set("Random Number Generator", rngValue());
  }

  // §3.22 transition 1: an Activation Date already reached makes the new object Active at once.
  applyDateEffects(object, context.now);
  return object;
}

function setIdentity(object: ManagedObject, context: OperationContext): void {
  const attributes = object.attributes;
  attributes.set("Unique Identifier", valueOf.text(object.uniqueIdentifier));
  attributes.set("Object Type", valueOf.enumeration(object.objectType));
  attributes.set("Initial Date", valueOf.dateTime(context.now));
  attributes.set("Last Change Date", valueOf.dateTime(context.now));
}

function setCryptographicState(attributes: AttributeSet, context: OperationContext): void {
  attributes.set("State", valueOf.enumeration(State.PreActive));
  attributes.set("Lease Time", valueOf.interval(context.policy.leaseTimeSeconds));
  if (!attributes.has("Fresh")) {
    attributes.set("Fresh", valueOf.boolean(true)); // §3.34: not yet served to a client.
  }
}

// §3.48 to §3.51: Sensitive defaults to false and Extractable to true; Always Sensitive and
// Never Extractable start from their values.
function setProtectionFlags(attributes: AttributeSet): void {
  const sensitive = booleanValue(attributes.first("Sensitive")) ?? false;
  const extractable = booleanValue(attributes.first("Extractable")) ?? true;
  attributes.set("Sensitive", valueOf.boolean(sensitive));
  attributes.set("Extractable", valueOf.boolean(extractable));
  attributes.set("Always Sensitive", valueOf.boolean(sensitive));
  attributes.set("Never Extractable", valueOf.boolean(!extractable));
}

/**
 * Digest (§3.17): SHA-256 of the key material in the given Key Format Type. Key Format Type is
 * present "if the Managed Object is a key or secret data object" (Table 88), so certificates and
 * opaque objects pass undefined.
 */
export function digestValue(input: Buffer, keyFormatType: number | undefined): TtlvNode {
  const fields = [enumeration(Tag.HashingAlgorithm, HashingAlgorithm.SHA_256), bytes(Tag.DigestValue, createHash("sha256").update(input).digest())];
  if (keyFormatType !== undefined) {
    fields.push(enumeration(Tag.KeyFormatType, keyFormatType));
  }
  return valueOf.structure(fields);
}

/** Random Number Generator (§3.44) describing X931Rng, the generator behind every server-made key. */
function rngValue(): TtlvNode {
  return valueOf.structure([
    enumeration(Tag.RNGAlgorithm, RNGAlgorithm.ANSIX9_31),
    enumeration(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
    integer(Tag.CryptographicLength, X931Rng.keyLengthBits),
  ]);
}

export const RAW_FORMAT = KeyFormatType.Raw;
