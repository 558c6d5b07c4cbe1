/** Steps several operation handlers share. */
import { ResultReason, Tag } from "../../src/kmip";
import { structure, text } from "../../src/ttlv";
import { StructureNode, TtlvNode } from "../../src/ttlv/types";
import { OperationContext } from "../context";
import { KmipResultError } from "../errors";
import { optionalText } from "../payload";
import { valueOf } from "../attributes/values";
import { ManagedObject } from "../store/managed-object";

export function responsePayload(fields: TtlvNode[]): StructureNode {
  return structure(Tag.ResponsePayload, fields) as StructureNode;
}

/**
 * Returns the Unique Identifier the request names or, when it names none, the ID Placeholder
 * (§4: "If omitted, then the ID Placeholder value is used by the server").
 */
export function targetIdentifier(payload: StructureNode, context: OperationContext): string {
  const requested = optionalText(payload, Tag.UniqueIdentifier);
  if (requested !== undefined) {
    return requested;
  }
  if (context.batch.idPlaceholder === undefined) {
    throw new KmipResultError(ResultReason.MissingData, "the request has no Unique Identifier and the batch has no ID Placeholder to use instead");
  }
  return context.batch.idPlaceholder;
}

export function targetObject(payload: StructureNode, context: OperationContext): ManagedObject {
  return context.store.require(targetIdentifier(payload, context));
}

/** §3.38: operations that change an object or its attributes set Last Change Date. */
export function touch(object: ManagedObject, context: OperationContext): void {
  object.attributes.set("Last Change Date", valueOf.dateTime(context.now));
}

export function uniqueIdentifierField(object: ManagedObject): TtlvNode {
  return text(Tag.UniqueIdentifier, object.uniqueIdentifier);
}
