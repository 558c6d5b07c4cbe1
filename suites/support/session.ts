/**
 * One mutual-TLS connection of a suite test. Each exchange is recorded as a step of the test,
 * and every response gets the header checks that apply to all responses: Time Stamp (§6.5),
 * Batch Count (§6.14) and the echo of Unique Batch Item IDs (§6.4).
 */
import { tagName, Tag, withAuthentication } from "../../src/kmip";
import type { MatchState } from "../../src/match";
import { versionGating } from "../../src/match/rules/version-gating";
import { operationsOf, toStepError } from "../../src/replay/step";
import { child, children, decode, decodeLenient, encode, TtlvDecodeError, type TtlvNode } from "../../src/ttlv";
import { ItemType } from "../../src/ttlv/types";
import { KmipConnection, type ConnectOptions } from "../../src/transport";
import { templateToXml } from "../../src/vectors";
import { expect } from "chai";
import { CHECKS } from "./checks";
import { recorder, type RecordedStep } from "./recorder";
import type { SuiteTarget } from "./target";
import { batchItems, failed, passed, required, verify } from "./verify";

export interface Exchange {
  message: TtlvNode;
  items: TtlvNode[];
  step: RecordedStep;
}

export class KmipSession {
  private constructor(
    private readonly connection: KmipConnection,
    private readonly target: SuiteTarget,
  ) {}

  /** Opens a connection to the target; `overrides` change TLS settings such as maxVersion. */
  static async open(target: SuiteTarget, overrides: Partial<ConnectOptions> = {}): Promise<KmipSession> {
    const connection = await KmipConnection.connect({ ...target.connection, responseTimeoutMs: target.responseTimeoutMs, ...overrides });
    return new KmipSession(connection, target);
  }

  get protocol(): string {
    return this.connection.protocol;
  }

  /**
   * Sends the request, records it as a step that expects `expected`, decodes the response strictly
   * and runs the header checks. Transport and decode errors are recorded on the step and raised.
   * The target's Authentication, if any, replaces the one the built request carries.
   */
  async exchange(built: TtlvNode, expected: string): Promise<Exchange> {
    const request = this.target.authentication === undefined ? built : withAuthentication(built, this.target.authentication);
    const step = recorder.addStep(operationsOf(request), expected);
    const requestBytes = encode(request);
    Object.assign(step, { requestBytes, requestXml: templateToXml(request) });
    const startedMs = Date.now();

    let responseBytes: Buffer;
    try {
      responseBytes = await this.connection.roundTrip(requestBytes, this.target.responseTimeoutMs);
    } catch (error) {
      step.error = toStepError(error);
      throw error;
    } finally {
      step.durationMs = Date.now() - startedMs;
    }

    step.responseBytes = responseBytes;
    const message = decodeResponse(step, responseBytes);
    checkHeader(message, request, this.target);
    return { message, items: batchItems(message), step };
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}

/** Opens a session, runs `body` and closes the session even when the body throws. */
export async function withSession<T>(target: SuiteTarget, body: (session: KmipSession) => Promise<T>, overrides: Partial<ConnectOptions> = {}): Promise<T> {
  const session = await KmipSession.open(target, overrides);
  try {
    return await body(session);
  } finally {
    await session.close();
  }
}

function decodeResponse(step: RecordedStep, bytes: Buffer): TtlvNode {
  const lenient = decodeLenient(bytes, { namer: tagName });
  step.violations = lenient.violations;
  step.responseXml = lenient.node === undefined ? undefined : templateToXml(lenient.node);

  try {
    // §9.1.1.3 fixes the number of padding bytes, not their value, so non-zero padding only warns.
    return decode(bytes, { namer: tagName, allowNonZeroPadding: true });
  } catch (error) {
    if (error instanceof TtlvDecodeError) {
      step.error = toStepError(error);
    }
    throw error;
  }
}

/** Runs the checks every response must pass. */
export function checkHeader(message: TtlvNode, request: TtlvNode, target: SuiteTarget): void {
  const header = required(CHECKS.batchCount, message, "ResponseMessage", Tag.ResponseHeader);
  checkTimeStamp(header, target);
  checkBatchCount(header, message);
  checkIdEcho(message, request);
  checkVersionGating(message, request);
}

/** Runs the comparison's version-gating rule: every field and gated value must exist in the request's protocol version. */
function checkVersionGating(message: TtlvNode, request: TtlvNode): void {
  const verdict = versionGating.checkMessage?.(message, { request } as MatchState);
  if (verdict === undefined) {
    return;
  }

  const diff = verdict.diffs[0];
  if (diff !== undefined) {
    recorder.addDiff(diff);
    expect.fail(`${versionGating.id} at ${diff.path}: ${diff.message} (${versionGating.reference})`);
  }
  recorder.addRuleApplication({ rule: versionGating.id, path: "ResponseMessage", note: verdict.note });
}

function checkTimeStamp(header: TtlvNode, target: SuiteTarget): void {
  const path = "ResponseMessage/ResponseHeader/TimeStamp";
  const stamp = child(header, Tag.TimeStamp);
  if (stamp === undefined) {
    failed(CHECKS.timeStamp, path, { kind: "missing", message: "the Response Header has no Time Stamp", expected: "a Date-Time", actual: "absent" });
  }

  verify(CHECKS.timeStamp, path, stamp.type === ItemType.DateTime, "Time Stamp is a Date-Time", { kind: "type", message: `Time Stamp must be a Date-Time, got item type ${ItemType[stamp.type]}`, expected: "DateTime", actual: ItemType[stamp.type] });
  const offset = Number(stamp.value as bigint) - Math.round(Date.now() / 1000);
  const window = target.timeWindowSeconds;
  verify(CHECKS.timeStamp, path, Math.abs(offset) <= window, `Time Stamp ${offset} s from the local clock`, { message: `Time Stamp is ${offset} s from the local clock, outside ±${window} s`, expected: `within ${window} s`, actual: `${offset} s` });
}

function checkBatchCount(header: TtlvNode, message: TtlvNode): void {
  const path = "ResponseMessage/ResponseHeader/BatchCount";
  const count = required(CHECKS.batchCount, header, "ResponseMessage/ResponseHeader", Tag.BatchCount).value;
  const items = batchItems(message).length;
  verify(CHECKS.batchCount, path, count === items, `Batch Count ${items} equals the number of Batch Items`, { message: `Batch Count is ${String(count)} but the response contains ${items} Batch Items`, expected: String(items), actual: String(count) });
}

/**
 * §6.4: when the request items carry Unique Batch Item IDs, each response item that belongs to one
 * (it names an Operation) carries one of them. Items are matched by ID, not position, because
 * without Batch Order Option a server may answer in another order.
 */
function checkIdEcho(message: TtlvNode, request: TtlvNode): void {
  const sent = children(request, Tag.BatchItem).map((item) => child(item, Tag.UniqueBatchItemID)?.value as Buffer | undefined);
  if (sent.length === 0 || sent.some((id) => id === undefined)) {
    return;
  }

  const items = batchItems(message);
  items.forEach((item, index) => {
    if (child(item, Tag.Operation) === undefined) {
      return;
    }

    const path = `${items.length > 1 ? `ResponseMessage/BatchItem[${index + 1}]` : "ResponseMessage/BatchItem"}/UniqueBatchItemID`;
    const echoed = child(item, Tag.UniqueBatchItemID)?.value;
    if (!Buffer.isBuffer(echoed)) {
      failed(CHECKS.uniqueBatchItemIdEcho, path, { kind: "missing", message: "the response item does not echo the request's Unique Batch Item ID", expected: "the request's ID", actual: "absent" });
    }

    const known = sent.some((id) => (id as Buffer).equals(echoed));
    verify(CHECKS.uniqueBatchItemIdEcho, path, known, `Unique Batch Item ID ${echoed.toString("hex")} echoed`, { message: `Unique Batch Item ID ${echoed.toString("hex")} is not one the request sent`, expected: sent.map((id) => (id as Buffer).toString("hex")).join(" or "), actual: echoed.toString("hex") });
  });

  passed(CHECKS.uniqueBatchItemIdEcho, "ResponseMessage", `${items.length} item(s) checked`);
}
