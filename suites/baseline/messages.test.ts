/**
 * Baseline Server: the message layer. Protocol versions (§6.1, §11.1), Time Stamp (§6.5), Batch
 * Count (§6.14) and Unique Batch Item ID (§6.4). Every exchange of every suite also runs the
 * header checks; these tests make each one the subject of its own verdict.
 */
import { QueryFunction, ResultReason, ResultStatus, Tag } from "../../src/kmip";
import { child } from "../../src/ttlv";
import { CHECKS } from "../support/checks";
import { useSuiteTarget } from "../support/fixture";
import { discoverVersions, query, queryAll, requestMessage, withIds } from "../support/requests";
import { withSession } from "../support/session";
import { batchItemPath, passed, resultOf, resultStatusName, verify, verifyFailure } from "../support/verify";

/**
 * A major version no KMIP server speaks: KMIP 2.0 servers may rightly process 2.x, so the check
 * uses a major version that no published KMIP specification defines.
 */
const UNKNOWN_MAJOR_VERSION = 9;

describe("Baseline Server: message header and versions", () => {
  const target = useSuiteTarget();

  it("same major, older minor is processed", async () => {
    await withSession(target(), async (session) => {
      const { message, items } = await session.exchange(requestMessage([query(QueryFunction.QueryOperations)], { version: [1, 0] }), "Success, answered in a 1.x version");
      const path = `${batchItemPath(0, items.length)}/ResultStatus`;
      const { status } = resultOf(items[0]);
      verify(CHECKS.sameMajorVersion, path, status === ResultStatus.Success, "a 1.0 request is processed", { message: `a 1.0 request got ${resultStatusName(status)}`, expected: "Success", actual: resultStatusName(status) });

      const major = child(child(child(message, Tag.ResponseHeader)!, Tag.ProtocolVersion)!, Tag.ProtocolVersionMajor)?.value;
      verify(CHECKS.sameMajorVersion, "ResponseMessage/ResponseHeader/ProtocolVersion/ProtocolVersionMajor", major === 1, "answered with major version 1", { message: `the response uses major version ${String(major)}`, expected: "1", actual: String(major) });
    });
  });

  it("same major, newer minor is processed", async () => {
    await withSession(target(), async (session) => {
      const { items } = await session.exchange(requestMessage([query(QueryFunction.QueryOperations)], { version: [1, 9] }), "Success: §6.1 keeps compatibility within a major version");
      const { status } = resultOf(items[0]);
      verify(CHECKS.sameMajorVersion, `${batchItemPath(0, items.length)}/ResultStatus`, status === ResultStatus.Success, "a 1.9 request is processed", { message: `a 1.9 request got ${resultStatusName(status)}`, expected: "Success", actual: resultStatusName(status) });
    });
  });

  it("another major version gets Invalid Message", async () => {
    await withSession(target(), async (session) => {
      const { items } = await session.exchange(requestMessage([query(QueryFunction.QueryOperations)], { version: [UNKNOWN_MAJOR_VERSION, 0] }), "one Batch Item without Operation: Operation Failed, Invalid Message");
      verify(CHECKS.otherMajorVersion, "ResponseMessage", items.length === 1, "one Batch Item", { message: `expected 1 Batch Item, got ${items.length}`, expected: "1", actual: String(items.length) });

      const item = items[0];
      const path = batchItemPath(0, 1);
      verify(CHECKS.otherMajorVersion, `${path}/Operation`, child(item, Tag.Operation) === undefined, "no Operation in the rejection", { kind: "unexpected", message: "the rejection of a message the server cannot parse must not name an Operation (§11.1)", expected: "absent", actual: "Operation" });
      verifyFailure(CHECKS.otherMajorVersion, target(), item, path, ResultReason.InvalidMessage);
    });
  });

  it("Time Stamp present in every response", async () => {
    await withSession(target(), async (session) => {
      await session.exchange(requestMessage([query(QueryFunction.QueryOperations)]), "a Response Header with a Time Stamp");
      passed(CHECKS.timeStamp, "ResponseMessage/ResponseHeader/TimeStamp", "checked by the header checks of the exchange");
    });
  });

  it("Batch Count equals the items", async () => {
    await withSession(target(), async (session) => {
      const { items } = await session.exchange(requestMessage(withIds([queryAll(), discoverVersions(), query(QueryFunction.QueryObjects)])), "Batch Count 3 and 3 Batch Items");
      verify(CHECKS.batchCount, "ResponseMessage", items.length === 3, "3 Batch Items for 3 requests", { message: `3 items sent, ${items.length} returned`, expected: "3", actual: String(items.length) });
    });
  });

  it("Unique Batch Item ID echoed", async () => {
    await withSession(target(), async (session) => {
      const request = requestMessage(withIds([discoverVersions(), query(QueryFunction.QueryOperations)]));
      const { items } = await session.exchange(request, "each item echoes its Unique Batch Item ID");
      verify(CHECKS.uniqueBatchItemIdEcho, "ResponseMessage", items.length === 2, "both items answered", { message: `2 items sent, ${items.length} returned`, expected: "2", actual: String(items.length) });
    });
  });

  it("single item echoes its Unique Batch Item ID", async () => {
    await withSession(target(), async (session) => {
      const { items } = await session.exchange(requestMessage(withIds([discoverVersions()])), "the item echoes its Unique Batch Item ID");
      const path = `${batchItemPath(0, items.length)}/UniqueBatchItemID`;
      verify(CHECKS.uniqueBatchItemIdEcho, path, child(items[0], Tag.UniqueBatchItemID) !== undefined, "echoed", { kind: "missing", message: "the response item does not echo the request's Unique Batch Item ID", expected: "the request's ID", actual: "absent" });
    });
  });
});
