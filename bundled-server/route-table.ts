/**
 * Dispatch from Operation (§9.1.3.2.27) to one handler per operation. A handler returns the
 * Response Payload, or throws KmipResultError to fail its batch item with that Result Reason;
 * any other exception becomes General Failure.
 */
import { StructureNode } from "../src/ttlv/types";
import { OperationContext } from "./context";

export type OperationHandler = (payload: StructureNode, context: OperationContext) => StructureNode | Promise<StructureNode>;

export class RouteTable {
  private readonly handlers: Map<number, OperationHandler>;
  /** Sorted once: the table never changes, and every request's context lists the operations. */
  private readonly sortedOperations: readonly number[];

  constructor(entries: Iterable<readonly [number, OperationHandler]>) {
    this.handlers = new Map(entries);
    this.sortedOperations = Object.freeze([...this.handlers.keys()].sort((left, right) => left - right));
  }

  handler(operation: number): OperationHandler | undefined {
    return this.handlers.get(operation);
  }

  /** Served Operation values in ascending order. */
  operations(): readonly number[] {
    return this.sortedOperations;
  }
}
