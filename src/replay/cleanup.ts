/**
 * Clean-up of a vector that stopped midway: each object it created and did not destroy is revoked
 * if Active, then destroyed, so that a device under test is not left full of test keys. It runs on
 * the vector's connection when that still works, else on a new one, within a time limit.
 */
import { debuglog } from "node:util";
import { enumName, Operation, ResultStatus, RevocationReasonCode, State, Tag, tagName } from "../kmip";
import { child, children, decode, encode, enumeration, integer, structure, text } from "../ttlv";
import type { TtlvNode } from "../ttlv/types";
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_RESPONSE_TIMEOUT_MS, KmipConnection, TransportError, type ConnectOptions, type KmipChannel } from "../transport";
import { ReplayError } from "./errors";
import { toStepError } from "./step";
import type { CleanedObject, CleanupRecord, StepError } from "./types";

const log = debuglog("kmipcheck:cleanup");

/** Time clean-up of one vector may take, connection included, in milliseconds. */
export const CLEANUP_TIMEOUT_MS = 20_000;

export interface CleanupPlan {
  /** Objects to remove, in the order to remove them. */
  identifiers: string[];
  reason: string;
  /** List the objects but leave them on the server (--no-cleanup). */
  keep: boolean;
  connection: ConnectOptions;
  /** The vector's connection, when it can still carry requests. */
  reusable?: KmipChannel;
  /** The vector's last Request Header, whose Protocol Version and Authentication the clean-up requests reuse. */
  header?: TtlvNode;
  timeoutMs: number;
}

/** Revokes (if Active) and destroys the objects, and records what happened to each. Failures are recorded, not raised. */
export async function cleanUp(plan: CleanupPlan): Promise<CleanupRecord> {
  const startedMs = Date.now();
  const objects: CleanedObject[] = plan.identifiers.map((uniqueIdentifier) => ({ uniqueIdentifier, revoked: false, destroyed: false }));
  if (plan.keep) {
    return { reason: plan.reason, kept: true, objects, durationMs: 0 };
  }

  const session = new CleanupSession(plan, startedMs + plan.timeoutMs);
  let error: StepError | undefined;
  try {
    for (const [position, identifier] of plan.identifiers.entries()) {
      objects[position] = await removeObject(session, identifier);
    }
  } catch (failure) {
    // The connection failed or time ran out: the objects left keep destroyed false.
    log("clean-up stopped: %o", failure);
    error = toStepError(failure);
  } finally {
    await session.close();
  }

  return { reason: plan.reason, kept: false, objects, error, durationMs: Date.now() - startedMs };
}

async function removeObject(session: CleanupSession, identifier: string): Promise<CleanedObject> {
  const state = await readState(session, identifier);

  // §4.21: a cryptographic object may be destroyed only in the Pre-Active or Deactivated state;
  // §4.20: Revoke with a reason other than a compromise moves it to Deactivated.
  let revoked = false;
  if (state === undefined || state === State.Active) {
    const revocation = structure(Tag.RevocationReason, [enumeration(Tag.RevocationReasonCode, RevocationReasonCode.CessationOfOperation)]);
    revoked = (await session.send(Operation.Revoke, [text(Tag.UniqueIdentifier, identifier), revocation])).error === undefined;
  }

  const destroyed = await session.send(Operation.Destroy, [text(Tag.UniqueIdentifier, identifier)]);
  const stateName = state === undefined ? undefined : (enumName("State", state) ?? String(state));
  return { uniqueIdentifier: identifier, state: stateName, revoked, destroyed: destroyed.error === undefined, error: destroyed.error };
}

/** Reads the State attribute (§3.22) with Get Attributes; undefined when the server does not give it. */
async function readState(session: CleanupSession, identifier: string): Promise<number | undefined> {
  const { payload } = await session.send(Operation.GetAttributes, [text(Tag.UniqueIdentifier, identifier), text(Tag.AttributeName, "State")]);
  const attribute = payload === undefined ? undefined : children(payload, Tag.Attribute).find((candidate) => child(candidate, Tag.AttributeName)?.value === "State");
  const value = attribute === undefined ? undefined : child(attribute, Tag.AttributeValue)?.value;
  return typeof value === "number" ? value : undefined;
}

interface Answer {
  payload?: TtlvNode;
  /** Result Reason and Result Message of a batch item that did not succeed. */
  error?: StepError;
}

/** Sends single-item requests within the deadline; a transport failure or the deadline throws. */
class CleanupSession {
  private connection?: KmipChannel;
  private reused: boolean;

  constructor(private readonly plan: CleanupPlan, private readonly deadlineMs: number) {
    this.connection = plan.reusable;
    this.reused = plan.reusable !== undefined;
  }

  async send(operation: number, payload: TtlvNode[]): Promise<Answer> {
    const request = encode(this.message(operation, payload), { namer: tagName });
    let bytes: Buffer;
    try {
      bytes = await this.roundTrip(request);
    } catch (error) {
      if (!this.reused || !(error instanceof TransportError)) throw error;

      // The vector's connection no longer works: continue on a new one.
      this.reused = false;
      this.connection = undefined;
      bytes = await this.roundTrip(request);
    }
    return answerOf(operation, bytes);
  }

  async close(): Promise<void> {
    if (this.connection !== undefined && !this.reused) {
      await this.connection.close();
    }
  }

  private async roundTrip(request: Buffer): Promise<Buffer> {
    const remaining = this.remainingMs();
    this.connection ??= await KmipConnection.connect({ ...this.plan.connection, connectTimeoutMs: Math.min(this.plan.connection.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, remaining) });
    return this.connection.roundTrip(request, Math.min(this.plan.connection.responseTimeoutMs ?? DEFAULT_RESPONSE_TIMEOUT_MS, this.remainingMs()));
  }

  private remainingMs(): number {
    const remaining = this.deadlineMs - Date.now();
    if (remaining <= 0) {
      throw new ReplayError("REPLAY_CLEANUP_TIMEOUT", `clean-up did not finish within ${this.plan.timeoutMs} ms; the objects not marked destroyed may remain on the server`);
    }
    return remaining;
  }

  /** §7.1, §7.2: a Request Message with one batch item; Protocol Version and Authentication come from the vector's header. */
  private message(operation: number, payload: TtlvNode[]): TtlvNode {
    const header = this.plan.header;
    const version = (header === undefined ? undefined : child(header, Tag.ProtocolVersion)) ?? structure(Tag.ProtocolVersion, [integer(Tag.ProtocolVersionMajor, 1), integer(Tag.ProtocolVersionMinor, 4)]);
    const authentication = header === undefined ? [] : children(header, Tag.Authentication);
    const requestHeader = structure(Tag.RequestHeader, [version, ...authentication, integer(Tag.BatchCount, 1)]);
    return structure(Tag.RequestMessage, [requestHeader, structure(Tag.BatchItem, [enumeration(Tag.Operation, operation), structure(Tag.RequestPayload, payload)])]);
  }
}

/** Reads the batch item of a response: its payload on success, else its Result Reason and Result Message. */
function answerOf(operation: number, bytes: Buffer): Answer {
  const name = enumName("Operation", operation) ?? String(operation);
  let item: TtlvNode | undefined;
  try {
    item = child(decode(bytes, { namer: tagName, allowNonZeroPadding: true }), Tag.BatchItem);
  } catch (error) {
    return { error: { code: "REPLAY_CLEANUP_FAILED", message: `the response to ${name} could not be decoded: ${toStepError(error).message}` } };
  }

  const status = item === undefined ? undefined : child(item, Tag.ResultStatus)?.value;
  if (item !== undefined && status === ResultStatus.Success) {
    return { payload: child(item, Tag.ResponsePayload) };
  }

  const reason = item === undefined ? undefined : child(item, Tag.ResultReason)?.value;
  const message = item === undefined ? undefined : child(item, Tag.ResultMessage)?.value;
  const described = [typeof status === "number" ? enumName("ResultStatus", status) : "no Result Status", typeof reason === "number" ? enumName("ResultReason", reason) : undefined, message].filter((part) => part !== undefined).join(", ");
  return { error: { code: "REPLAY_CLEANUP_FAILED", message: `${name} failed: ${described}` } };
}
