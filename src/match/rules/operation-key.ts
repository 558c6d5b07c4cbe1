/** The key an operation used, from the Unique Identifier of its response or request payload. */
import { Tag } from "../../kmip";
import { child } from "../../ttlv/access";
import type { BatchContext } from "../context";
import type { KnownObject } from "../objects";
import type { MatchState } from "../types";

export interface OperationKey {
  identifier: string | undefined;
  object: KnownObject | undefined;
  /** True when the server generated the key in this run (Create, Create Key Pair, Re-key). */
  serverGenerated: boolean;
}

export function operationKey(context: BatchContext, state: MatchState): OperationKey {
  const fromResponse = context.responsePayload === undefined ? undefined : child(context.responsePayload, Tag.UniqueIdentifier);
  const fromRequest = context.requestPayload === undefined ? undefined : child(context.requestPayload, Tag.UniqueIdentifier);
  const node = fromResponse ?? fromRequest;
  const identifier = typeof node?.value === "string" ? node.value : undefined;

  return {
    identifier,
    object: identifier === undefined ? undefined : state.objects?.get(identifier),
    serverGenerated: identifier !== undefined && state.serverCreatedIdentifiers.has(identifier),
  };
}
