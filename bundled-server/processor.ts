/**
 * Turns one request message (bytes) into one response message (bytes): decode strictly, check the
 * message, run the batch, encode. Independent of the transport so tests can drive it directly.
 */
import { ResultReason, tagName } from "../src/kmip";
import { decode, TtlvDecodeError } from "../src/ttlv";
import { runBatch } from "./batch";
import { Clock } from "./clock";
import { BatchState, OperationContext, ServerPolicy } from "./context";
import { X931Rng } from "./crypto/x931-rng";
import { MessageRejectedError } from "./errors";
import { FaultSwitches } from "./faults";
import { parseRequest, responseVersion, SERVER_VERSION } from "./message-checks";
import { encodeResponse, rejectionItem } from "./response";
import { RouteTable } from "./route-table";
import { ObjectStore } from "./store/object-store";

export interface ProcessorDependencies {
  store: ObjectStore;
  routes: RouteTable;
  rng: X931Rng;
  clock: Clock;
  policy: ServerPolicy;
  faults: FaultSwitches;
}

export type LogFunction = (format: string, ...args: unknown[]) => void;

export class RequestProcessor {
  constructor(private readonly dependencies: ProcessorDependencies) {}

  async process(message: Buffer, log: LogFunction): Promise<Buffer> {
    const now = this.dependencies.clock.nowSeconds();
    const responseOptions = { version: SERVER_VERSION, timeStamp: now, faults: this.dependencies.faults };

    let request;
    try {
      request = parseRequest(decode(message, { namer: tagName }));
    } catch (error) {
      return encodeResponse([rejectionItem(...rejectionOf(error, log))], responseOptions, undefined);
    }

    const version = responseVersion(request.header.protocolVersion);
    const context = this.operationContext(now, version, log);
    const items = await runBatch(request, this.dependencies.routes, context);
    return encodeResponse(items, { ...responseOptions, version }, request.header.maximumResponseSize);
  }

  private operationContext(now: bigint, protocolVersion: OperationContext["protocolVersion"], log: LogFunction): OperationContext {
    const batch: BatchState = { idPlaceholder: undefined };
    const { store, rng, policy, faults, routes } = this.dependencies;
    return { store, now, batch, rng, policy, faults, supportedOperations: routes.operations(), protocolVersion, log };
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
