/**
 * Turns one request message (bytes) into one response message (bytes): decode strictly, check the
 * message, run the batch, encode. Independent of the transport so tests can drive it directly.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { ResultReason, tagName } from "../src/kmip";
import { decode, TtlvDecodeError } from "../src/ttlv";
import { checkAuthentication, UserTable } from "./authentication";
import { failed, ResponseBatchItem, runBatch } from "./batch";
import { Clock } from "./clock";
import { BatchState, OperationContext, ServerPolicy } from "./context";
import { X931Rng } from "./crypto/x931-rng";
import { KmipResultError, MessageRejectedError } from "./errors";
import { FaultSwitches } from "./faults";
import { ClientIdentity, OwnedStores } from "./identity";
import { ParsedRequest, parseRequest, responseVersion, SERVER_VERSION } from "./message-checks";
import { encodeResponse, rejectionItem } from "./response";
import { RouteTable } from "./route-table";
import { ServerStatistics } from "./server-stats";

export interface ProcessorDependencies {
  /** Managed objects, one store per client identity. */
  stores: OwnedStores;
  routes: RouteTable;
  rng: X931Rng;
  clock: Clock;
  policy: ServerPolicy;
  faults: FaultSwitches;
  /** Deepest structure nesting a request may have; deeper requests get Invalid Message. */
  maxNestingDepth: number;
  /** Maximum number of Batch Items per request; a request with more is rejected with Invalid Message. Default: no limit. */
  maxBatchCount?: number;
  /** Largest response the server builds, in bytes; beyond it (or the request's Maximum Response Size) items get Response Too Large. Default: no limit. */
  maxResponseSize?: number;
  /** Users bound to client certificates, for requests that carry a Credential; undefined: Credentials are not checked. */
  users: UserTable | undefined;
  /** Called after each request is processed, with the request and response bytes; see ExchangeListener. */
  onExchange?: ExchangeListener;
  /** Counters that BundledServer.stats() returns; absent in unit tests. */
  statistics?: ServerStatistics;
  /** Artificial delay before each response, in milliseconds, to show a slowdown in `kmipcheck load --compare`; default 0. */
  responseDelayMs?: number;
}

/** One request as the client sent it and the response the server returns for it. */
export interface ServerExchange {
  request: Buffer;
  response: Buffer;
  client: ClientIdentity;
  /** When the server began to process the request. */
  receivedAt: Date;
}

/**
 * Observer of every exchange, such as the client checks of `kmipcheck serve`. It runs before the
 * response is sent. An exception it raises is logged and does not change the response.
 */
export type ExchangeListener = (exchange: ServerExchange) => void;

export type LogFunction = (format: string, ...args: unknown[]) => void;

/** Log function of a server whose log is off; wrappers such as the connection's prefix pass it through unchanged. */
export const SILENT_LOG: LogFunction = () => {};

export class RequestProcessor {
  constructor(private readonly dependencies: ProcessorDependencies) {}

  /** Processes one request of the client, reports the exchange to onExchange, and returns the encoded response. */
  async process(message: Buffer, log: LogFunction, client: ClientIdentity): Promise<Buffer> {
    const onExchange = this.dependencies.onExchange;
    const receivedAt = onExchange === undefined ? undefined : new Date();
    this.dependencies.statistics?.countRequest();
    const response = await this.respond(message, log, client);

    const delayMs = this.dependencies.responseDelayMs ?? 0;
    if (delayMs > 0) {
      await sleep(delayMs);
    }

    try {
      if (onExchange !== undefined) {
        onExchange({ request: message, response, client, receivedAt: receivedAt as Date });
      }
    } catch (error) {
      log("the exchange listener failed: %s", error instanceof Error ? error.stack : String(error));
    }
    return response;
  }

  private async respond(message: Buffer, log: LogFunction, client: ClientIdentity): Promise<Buffer> {
    const now = this.dependencies.clock.nowSeconds();
    const responseOptions = { version: SERVER_VERSION, timeStamp: now, faults: this.dependencies.faults };

    let request;
    try {
      request = parseRequest(decode(message, { namer: tagName, maxDepth: this.dependencies.maxNestingDepth }), { maxBatchCount: this.dependencies.maxBatchCount });
    } catch (error) {
      return encodeResponse([rejectionItem(...rejectionOf(error, log))], responseOptions, undefined);
    }

    const version = responseVersion(request.header.protocolVersion);
    const items = await this.runAuthenticated(request, this.operationContext(now, version, log, client), client);
    return encodeResponse(items, { ...responseOptions, version }, this.responseSizeLimit(request.header.maximumResponseSize));
  }

  /** §6.3 Maximum Response Size of the request, lowered to the server's own maximum so no client gets a message larger than it accepts. */
  private responseSizeLimit(requested: number | undefined): number | undefined {
    const own = this.dependencies.maxResponseSize;
    if (own === undefined || requested === undefined) {
      return requested ?? own;
    }
    return Math.min(requested, own);
  }

  /** Runs the batch, or fails every item when the request's Credential does not validate. */
  private async runAuthenticated(request: ParsedRequest, context: OperationContext, client: ClientIdentity): Promise<ResponseBatchItem[]> {
    try {
      checkAuthentication(request.header.authentication, client, this.dependencies.users);
    } catch (error) {
      if (!(error instanceof KmipResultError)) {
        throw error;
      }
      context.log("request rejected: %s", error.message);
      return request.items.map((item) => failed(item, error));
    }
    return runBatch(request, this.dependencies.routes, context);
  }

  private operationContext(now: bigint, protocolVersion: OperationContext["protocolVersion"], log: LogFunction, client: ClientIdentity): OperationContext {
    const batch: BatchState = { idPlaceholder: undefined };
    const { stores, rng, policy, faults, routes, statistics } = this.dependencies;
    const store = stores.forOwner(client);
    return { store, now, batch, rng, policy, faults, supportedOperations: routes.operations(), protocolVersion, log, statistics };
  }
}

/** Returns the Result Reason and Message for an undecodable or malformed message: Invalid Message (§11.1), or the reason the check gave. */
function rejectionOf(error: unknown, log: LogFunction): [number, string] {
  if (error instanceof TtlvDecodeError) {
    log("request rejected, it does not decode: %s", error.message);
    return [ResultReason.InvalidMessage, `the message does not decode: ${error.message}`];
  }
  if (error instanceof MessageRejectedError) {
    log("request rejected: %s", error.message);
    return [error.resultReason, error.resultMessage];
  }
  throw error;
}
