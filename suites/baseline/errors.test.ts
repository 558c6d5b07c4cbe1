/**
 * Baseline Server: the errors of §11 every server must return. Response Too Large (§6.3), an
 * Operation the server does not support, and an unknown Unique Identifier.
 */
import { ResultReason, Tag } from "../../src/kmip";
import { child } from "../../src/ttlv";
import { CHECKS } from "../support/checks";
import { useSuiteTarget } from "../support/fixture";
import { getUnknown, queryAll, requestMessage } from "../support/requests";
import { withSession } from "../support/session";
import { batchItemPath, verify, verifyFailure } from "../support/verify";

/**
 * An Operation value in the vendor extension range (§9.1.3.2: values 8XXXXXXX), which a server
 * that does not implement it must refuse with Operation Not Supported.
 */
const UNSUPPORTED_OPERATION = 0x8000_7f01;

/** A Maximum Response Size smaller than any full Query response, whose header alone takes more. */
const TINY_RESPONSE_SIZE = 64;

describe("Baseline Server: errors", () => {
  const target = useSuiteTarget();

  it("Maximum Response Size gives Response Too Large", async () => {
    await withSession(target(), async (session) => {
      const request = requestMessage([queryAll()], { maximumResponseSize: TINY_RESPONSE_SIZE });
      const { items } = await session.exchange(request, `Operation Failed with Response Too Large (the full answer exceeds ${TINY_RESPONSE_SIZE} bytes)`);
      const path = batchItemPath(0, items.length);
      verifyFailure(CHECKS.responseTooLarge, target(), items[0], path, ResultReason.ResponseTooLarge);
      verify(CHECKS.responseTooLarge, `${path}/ResponsePayload`, child(items[0], Tag.ResponsePayload) === undefined, "no payload", { kind: "unexpected", message: "a Response Too Large item carries a payload", expected: "absent", actual: "ResponsePayload" });
    });
  });

  it("unknown operation gives Operation Not Supported", async () => {
    await withSession(target(), async (session) => {
      const request = requestMessage([{ operation: UNSUPPORTED_OPERATION, payload: [] }]);
      const { items } = await session.exchange(request, "Operation Failed with Operation Not Supported");
      verifyFailure(CHECKS.operationNotSupported, target(), items[0], batchItemPath(0, items.length), ResultReason.OperationNotSupported);
    });
  });

  it("unknown identifier gives Item Not Found", async () => {
    await withSession(target(), async (session) => {
      const { items } = await session.exchange(requestMessage([getUnknown()]), "Operation Failed with Item Not Found");
      verifyFailure(CHECKS.itemNotFound, target(), items[0], batchItemPath(0, items.length), ResultReason.ItemNotFound);
    });
  });
});
