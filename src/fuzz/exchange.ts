/**
 * Sending one message to the target and judging what comes back: a well-formed response, a
 * clean close, a timeout, or bytes that are not a KMIP response.
 */
import { ResultStatus, Tag, tagName } from "../kmip";
import { child } from "../ttlv/access";
import { decode } from "../ttlv/decode";
import { encode } from "../ttlv/encode";
import type { TtlvNode } from "../ttlv/types";
import { KmipConnection, TransportError } from "../transport";
import type { Framing } from "./byte-mutators";
import { probeRequest } from "./seeds";

export type Exchange =
  | { outcome: "answered"; response: Buffer; node: TtlvNode }
  | { outcome: "malformed"; detail: string; response?: Buffer }
  | { outcome: "closed"; detail: string }
  | { outcome: "timeout"; detail: string };

export interface ExchangeTimeouts {
  /** Time allowed for the response to a whole message, in milliseconds. */
  responseTimeoutMs: number;
  /**
   * Time to watch for a response to a message whose top-level Length does not match the bytes
   * sent, in milliseconds. The target may rightly wait for the rest, so silence is no fault.
   */
  settleMs: number;
}

/** Sends the bytes and returns what the target did. Rejects only on a non-transport error. */
export async function exchange(connection: KmipConnection, bytes: Buffer, framing: Framing, timeouts: ExchangeTimeouts): Promise<Exchange> {
  const timeoutMs = framing === "whole" ? timeouts.responseTimeoutMs : timeouts.settleMs;
  let response: Buffer;
  try {
    response = await connection.roundTrip(bytes, timeoutMs);
  } catch (error) {
    return transportOutcome(error);
  }

  const checked = checkResponse(response);
  return typeof checked === "string" ? { outcome: "malformed", detail: checked, response } : { outcome: "answered", response, node: checked };
}

function transportOutcome(error: unknown): Exchange {
  if (!(error instanceof TransportError)) throw error;

  switch (error.code) {
    case "TRANSPORT_RESPONSE_TIMEOUT":
      return { outcome: "timeout", detail: error.message };
    case "TRANSPORT_FRAMING":
      return { outcome: "malformed", detail: error.message };
    default:
      // TRANSPORT_CLOSED and TRANSPORT_TLS_FAILED: the target ended the connection, with or without a TLS alert.
      return { outcome: "closed", detail: error.message };
  }
}

/**
 * Decodes a response strictly and checks it is a Response Message with a Response Header.
 * Returns the decoded tree, or the problem as a sentence.
 */
export function checkResponse(response: Buffer): TtlvNode | string {
  let node: TtlvNode;
  try {
    node = decode(response, { namer: tagName });
  } catch (error) {
    return `the response is not valid TTLV: ${error instanceof Error ? error.message : String(error)}`;
  }

  if (node.tag !== Tag.ResponseMessage) {
    return `the response is a ${tagName(node.tag) ?? `0x${node.tag.toString(16)}`} item, not a ResponseMessage`;
  }
  if (child(node, Tag.ResponseHeader) === undefined) {
    return "the ResponseMessage has no ResponseHeader";
  }
  return node;
}

export type ProbeResult = { passed: true } | { passed: false; outcome: "malformed" | "closed" | "timeout"; detail: string };

const PROBE_BYTES = encode(probeRequest());

/** Sends the probe (Discover Versions) and checks that its Batch Item has Result Status Success. */
export async function probe(connection: KmipConnection, responseTimeoutMs: number): Promise<ProbeResult> {
  const result = await exchange(connection, PROBE_BYTES, "whole", { responseTimeoutMs, settleMs: responseTimeoutMs });
  if (result.outcome !== "answered") {
    return { passed: false, outcome: result.outcome, detail: `probe (Discover Versions): ${result.detail}` };
  }

  const status = child(child(result.node, Tag.BatchItem) ?? result.node, Tag.ResultStatus);
  if (status?.value !== ResultStatus.Success) {
    return { passed: false, outcome: "malformed", detail: `probe (Discover Versions): the Batch Item has Result Status ${String(status?.value ?? "missing")}, expected Success (0)` };
  }
  return { passed: true };
}
