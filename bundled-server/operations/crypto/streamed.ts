/**
 * The request flow every data-processing operation shares (Encrypt, Decrypt, Sign, Signature
 * Verify, MAC, MAC Verify, Hash): single-part, or multi-part with Init Indicator, Correlation
 * Value and Final Indicator (§2.1.15 to §2.1.17). Each operation supplies a Session; this module
 * checks the key, takes Usage Limits allocations and keeps the open streams.
 */
import { ResultReason, Tag } from "../../../src/kmip";
import { bytes } from "../../../src/ttlv";
import { StructureNode, TtlvNode } from "../../../src/ttlv/types";
import { OperationContext } from "../../context";
import { requireUsable, Usage } from "../../crypto/usage";
import { allocateUsage } from "../../crypto/usage-limits";
import { OpenStream, Session, streamsOf } from "../../crypto/streams";
import { KmipResultError } from "../../errors";
import { optionalBoolean, optionalBytes, optionalText } from "../../payload";
import { ManagedObject } from "../../store/managed-object";
import { responsePayload, targetObject, uniqueIdentifierField } from "../common";

/** Length of the Correlation Values the server hands out, in bytes. */
export const CORRELATION_VALUE_LENGTH = 16;

export interface StreamedOperation {
  /** Operation enumeration value. */
  operation: number;
  /** Key usage rules, or undefined for an operation without a key (Hash). */
  usage: Usage | undefined;
  /** Response tag of the output produced part by part (Data for Encrypt and Decrypt), if any. */
  outputTag: number | undefined;
  /** Whether a single-part request must carry Data. */
  dataRequired: boolean;
  /** Reads the parameters and starts a session; `leadingFields` go into the first response only (e.g. a Random IV). */
  begin(payload: StructureNode, key: ManagedObject | undefined, context: OperationContext): { session: Session; leadingFields: TtlvNode[] };
}

export function runStreamed(payload: StructureNode, context: OperationContext, spec: StreamedOperation): StructureNode {
  const correlationValue = optionalBytes(payload, Tag.CorrelationValue);
  const init = optionalBoolean(payload, Tag.InitIndicator) === true;
  if (correlationValue !== undefined) {
    if (init) {
      throw new KmipResultError(ResultReason.InvalidField, "a request with Init Indicator starts a new stream and cannot carry a Correlation Value");
    }
    return continueStream(payload, correlationValue, context, spec);
  }

  const key = spec.usage === undefined ? undefined : targetObject(payload, context);
  if (key !== undefined) {
    requireUsable(key, spec.usage!, context.now);
  }
  const data = optionalBytes(payload, Tag.Data);
  const final = optionalBoolean(payload, Tag.FinalIndicator) === true;
  if (data === undefined && spec.dataRequired && !init) {
    throw new KmipResultError(ResultReason.MissingData, "Data is required in a single-part request");
  }

  const { session, leadingFields } = spec.begin(payload, key, context);
  const stream: OpenStream = { operation: spec.operation, uniqueIdentifier: key?.uniqueIdentifier, session };
  if (init && !final) {
    const opened = context.rng.generate(CORRELATION_VALUE_LENGTH);
    const output = feed(stream, key, data ?? Buffer.alloc(0), spec);
    streamsOf(context.store).open(opened, stream);
    return respond(key, spec, output, [...leadingFields, bytes(Tag.CorrelationValue, opened)]);
  }

  const output = feed(stream, key, data ?? Buffer.alloc(0), spec);
  const finished = session.finish(payload);
  return respond(key, spec, Buffer.concat([output, finished.output]), [...leadingFields, ...finished.fields]);
}

function continueStream(payload: StructureNode, correlationValue: Buffer, context: OperationContext, spec: StreamedOperation): StructureNode {
  // §11.30 to §11.35, §11.38: an unknown Correlation Value is Item Not Found.
  const streams = streamsOf(context.store);
  const stream = streams.find(correlationValue);
  if (stream === undefined || stream.operation !== spec.operation) {
    throw new KmipResultError(ResultReason.ItemNotFound, `no outstanding operation has Correlation Value ${correlationValue.toString("hex")}`);
  }
  const named = optionalText(payload, Tag.UniqueIdentifier);
  if (named !== undefined && named !== stream.uniqueIdentifier) {
    throw new KmipResultError(ResultReason.InvalidField, `the stream uses key ${stream.uniqueIdentifier}, not ${named}`);
  }

  const key = stream.uniqueIdentifier === undefined ? undefined : context.store.require(stream.uniqueIdentifier);
  const final = optionalBoolean(payload, Tag.FinalIndicator) === true;
  try {
    if (key !== undefined) {
      requireUsable(key, spec.usage!, context.now);
    }
    const output = feed(stream, key, optionalBytes(payload, Tag.Data) ?? Buffer.alloc(0), spec);
    if (!final) {
      return respond(key, spec, output, [bytes(Tag.CorrelationValue, correlationValue)]);
    }

    streams.close(correlationValue);
    const finished = stream.session.finish(payload);
    return respond(key, spec, Buffer.concat([output, finished.output]), finished.fields);
  } catch (error) {
    streams.close(correlationValue); // A failed part leaves the session in an unknown state.
    throw error;
  }
}

function feed(stream: OpenStream, key: ManagedObject | undefined, data: Buffer, spec: StreamedOperation): Buffer {
  if (key !== undefined && spec.usage?.purpose === "protect") {
    allocateUsage(key, data.length);
  }
  return stream.session.update(data);
}

function respond(key: ManagedObject | undefined, spec: StreamedOperation, output: Buffer, trailing: TtlvNode[]): StructureNode {
  const fields: TtlvNode[] = [];
  if (key !== undefined) {
    fields.push(uniqueIdentifierField(key));
  }
  if (spec.outputTag !== undefined) {
    fields.push(bytes(spec.outputTag, output));
  }
  return responsePayload([...fields, ...trailing]);
}
