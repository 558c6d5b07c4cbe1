/**
 * Baseline Server: batches. Unique Batch Item ID is REQUIRED when Batch Count > 1 (§7.2 Table
 * 283), and the Batch Error Continuation Option (§6.13) and Batch Order Option (§6.12) change how
 * the items run.
 */
import { BatchErrorContinuationOption, QueryFunction, ResultReason, ResultStatus, Tag } from "../../src/kmip";
import { child, type TtlvNode } from "../../src/ttlv";
import { CHECKS, type CheckDefinition } from "../support/checks";
import { useSuiteTarget } from "../support/fixture";
import { createAesKey, destroy, discoverVersions, get, getUnknown, query, requestMessage, withIds } from "../support/requests";
import { withSession, type KmipSession } from "../support/session";
import { batchItemPath, passed, resultOf, resultStatusName, verify, verifyFailure } from "../support/verify";

/** Statuses of the items, e.g. ["OperationFailed", "Success"]. */
function statuses(items: TtlvNode[]): string[] {
  return items.map((item) => resultStatusName(resultOf(item).status));
}

/** §6.12, §6.13: a server without the feature SHALL reject the entire request, so every returned item failed. */
function rejectedEntirely(items: TtlvNode[]): boolean {
  return items.length > 0 && items.every((item) => resultOf(item).status === ResultStatus.OperationFailed);
}

function verifyStatuses(check: CheckDefinition, items: TtlvNode[], expected: string[], note: string): void {
  const actual = statuses(items);
  verify(check, "ResponseMessage", actual.join(",") === expected.join(","), note, { message: `expected items ${expected.join(", ")}, got ${actual.join(", ") || "none"}`, expected: expected.join(", "), actual: actual.join(", ") });
}

describe("Baseline Server: batches", () => {
  const target = useSuiteTarget();

  it("Batch Count > 1 without IDs gets Missing Data", async () => {
    await withSession(target(), async (session) => {
      const request = requestMessage([query(QueryFunction.QueryOperations), discoverVersions()]);
      const { items } = await session.exchange(request, "every item Operation Failed with Missing Data (Unique Batch Item ID is REQUIRED when Batch Count > 1)");
      verify(CHECKS.uniqueBatchItemIdRequired, "ResponseMessage", items.length > 0, `${items.length} item(s) returned`, { kind: "missing", message: "the response has no Batch Item", expected: "failed items", actual: "none" });

      items.forEach((item, index) => verifyFailure(CHECKS.uniqueBatchItemIdRequired, target(), item, batchItemPath(index, items.length), ResultReason.MissingData));
    });
  });

  it("Stop skips the items after a failure", async () => {
    await withSession(target(), async (session) => {
      const request = requestMessage(withIds([getUnknown(), discoverVersions()]), { batchErrorContinuationOption: BatchErrorContinuationOption.Stop });
      const { items } = await session.exchange(request, "the Get fails with Item Not Found; Discover Versions is not processed");
      verifyFailure(CHECKS.batchStop, target(), items[0], batchItemPath(0, items.length), ResultReason.ItemNotFound);

      const later = items.slice(1).filter((item) => resultOf(item).status === ResultStatus.Success);
      verify(CHECKS.batchStop, "ResponseMessage", later.length === 0, `${items.length - 1} later item(s) returned, none processed`, { kind: "unexpected", message: "an item after the failed one was processed although the option is Stop", expected: "no Success after the failure", actual: statuses(items).join(", ") });
    });
  });

  it("Continue processes the items after a failure", async () => {
    await withSession(target(), async (session) => {
      const request = requestMessage(withIds([getUnknown(), discoverVersions()]), { batchErrorContinuationOption: BatchErrorContinuationOption.Continue });
      const { items } = await session.exchange(request, "OperationFailed (Item Not Found), then Success; or the whole request rejected");
      if (rejectedEntirely(items)) {
        passed(CHECKS.batchContinue, "ResponseMessage", "the server rejected the whole request: it does not support Continue (§6.13 allows that)");
        return;
      }

      verifyStatuses(CHECKS.batchContinue, items, ["OperationFailed", "Success"], "the failed item reported, the next one processed");
      verifyFailure(CHECKS.batchContinue, target(), items[0], batchItemPath(0, 2), ResultReason.ItemNotFound);
    });
  });

  it("Undo undoes the items before a failure", async () => {
    await withSession(target(), async (session) => {
      const request = requestMessage(withIds([createAesKey(), getUnknown()]), { batchErrorContinuationOption: BatchErrorContinuationOption.Undo });
      const { items } = await session.exchange(request, "OperationUndone, then OperationFailed (Item Not Found); or the whole request rejected");
      if (rejectedEntirely(items)) {
        passed(CHECKS.batchUndo, "ResponseMessage", "every item failed: the server rejected the request (no Undo or no Create), as §6.13 allows");
        return;
      }

      verifyStatuses(CHECKS.batchUndo, items, ["OperationUndone", "OperationFailed"], "the Create undone, the Get failed");
      verify(CHECKS.batchUndo, `${batchItemPath(0, 2)}/ResponsePayload`, child(items[0], Tag.ResponsePayload) === undefined, "the undone item has no payload", { kind: "unexpected", message: "an undone item returns no results (§6.9)", expected: "absent", actual: "ResponsePayload" });
    });
  });

  it("Batch Order Option runs items in order", async () => {
    await withSession(target(), async (session) => {
      const request = requestMessage(withIds([createAesKey(), get()]), { batchOrderOption: true, batchErrorContinuationOption: BatchErrorContinuationOption.Stop });
      const { items } = await session.exchange(request, "Create then Get of the ID Placeholder, both Success; or the whole request rejected");
      if (rejectedEntirely(items)) {
        passed(CHECKS.batchOrder, "ResponseMessage", "every item failed: the server rejected the request (no batch order or no Create), as §6.12 allows");
        return;
      }

      verifyStatuses(CHECKS.batchOrder, items, ["Success", "Success"], "the Get found the key the Create before it made");
      const created = child(child(items[0], Tag.ResponsePayload)!, Tag.UniqueIdentifier)?.value;
      const fetched = child(child(items[1], Tag.ResponsePayload)!, Tag.UniqueIdentifier)?.value;
      verify(CHECKS.batchOrder, `${batchItemPath(1, 2)}/ResponsePayload/UniqueIdentifier`, created !== undefined && created === fetched, `the Get returned ${String(fetched)}`, { message: "the Get did not return the object the Create made", expected: String(created), actual: String(fetched) });
      await cleanUp(session, String(created));
    });
  });
});

/** Destroys a key a test created; a failure here does not change the test's verdict. */
async function cleanUp(session: KmipSession, uniqueIdentifier: string): Promise<void> {
  await session.exchange(requestMessage([destroy(uniqueIdentifier)]), "Success (clean-up of the test's key)").catch(() => undefined);
}
