/** An operation context for calling handlers directly, with a fixed clock. */
import { expect } from "chai";
import { Tag } from "../../src/kmip";
import { structure } from "../../src/ttlv";
import { StructureNode, TtlvNode } from "../../src/ttlv/types";
import { OperationContext } from "../../bundled-server/context";
import { X931Rng } from "../../bundled-server/crypto/x931-rng";
import { KmipResultError } from "../../bundled-server/errors";
import { createRouteTable } from "../../bundled-server/operations";
import { OperationHandler } from "../../bundled-server/route-table";
import { ObjectStore } from "../../bundled-server/store/object-store";

export const FIXED_NOW = 1_700_000_000n;

export function unitContext(now: bigint = FIXED_NOW): OperationContext {
  return {
    store: new ObjectStore(),
    now,
    batch: { idPlaceholder: undefined },
    rng: new X931Rng(),
    policy: { leaseTimeSeconds: 3600, vendorIdentification: "test" },
    faults: {},
    supportedOperations: createRouteTable().operations(),
    protocolVersion: { major: 1, minor: 4 },
    log: () => undefined,
  };
}

export function requestPayload(fields: TtlvNode[]): StructureNode {
  return structure(Tag.RequestPayload, fields) as StructureNode;
}

/** Calls the handler and returns the KmipResultError it raises; fails the test when it succeeds. */
export async function resultErrorOf(handler: OperationHandler, fields: TtlvNode[], context: OperationContext): Promise<KmipResultError> {
  try {
    await handler(requestPayload(fields), context);
  } catch (error) {
    expect(error).to.be.instanceOf(KmipResultError);
    return error as KmipResultError;
  }
  throw new Error("the handler succeeded; a KMIP failure was expected");
}
