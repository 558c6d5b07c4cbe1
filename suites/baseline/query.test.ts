/**
 * Baseline Server: Query (§4.25) and Discover Versions (§4.26), the operations a client uses to
 * learn what the server supports.
 */
import { enumName, isEnumValueAllowed, Operation, QueryFunction, ResultStatus, Tag } from "../../src/kmip";
import { child, children, type TtlvNode } from "../../src/ttlv";
import { ItemType } from "../../src/ttlv/types";
import { CHECKS, type CheckDefinition } from "../support/checks";
import { useSuiteTarget } from "../support/fixture";
import { discoverVersions, query, requestMessage } from "../support/requests";
import { withSession } from "../support/session";
import { batchItemPath, required, resultOf, resultStatusName, verify } from "../support/verify";

const ITEM = batchItemPath(0, 1);
const PAYLOAD = `${ITEM}/ResponsePayload`;

/** Checks that the only batch item succeeded and returns its payload (an empty payload when the server left it out). */
function successPayload(check: CheckDefinition, items: TtlvNode[]): TtlvNode {
  verify(check, "ResponseMessage", items.length === 1, "one Batch Item", { message: `expected 1 Batch Item, got ${items.length}`, expected: "1", actual: String(items.length) });
  const { status } = resultOf(items[0]);
  verify(check, `${ITEM}/ResultStatus`, status === ResultStatus.Success, "Result Status Success", { message: `expected Success, got ${resultStatusName(status)}`, expected: "Success", actual: resultStatusName(status) });
  return child(items[0], Tag.ResponsePayload) ?? { tag: Tag.ResponsePayload, type: ItemType.Structure, value: [] };
}

/** Checks that every value of the tag in the payload is a KMIP 1.4 value of the enumeration. */
function verifyEnumerationList(check: CheckDefinition, payload: TtlvNode, tag: number, enumeration: string): number[] {
  const values = children(payload, tag).map((node) => node.value as number);
  values.forEach((value, index) => {
    const path = `${PAYLOAD}/${enumeration}${values.length > 1 ? `[${index + 1}]` : ""}`;
    const shown = enumName(enumeration, value) ?? `0x${value.toString(16).padStart(8, "0")}`;
    verify(check, path, isEnumValueAllowed(enumeration, value), `${shown} is a ${enumeration} value`, { message: `${shown} is not a KMIP 1.4 ${enumeration} value`, expected: `a ${enumeration} value`, actual: shown });
  });
  return values;
}

describe("Baseline Server: Query and Discover Versions", () => {
  const target = useSuiteTarget();

  it("Query Operations lists supported operations", async () => {
    await withSession(target(), async (session) => {
      const { items } = await session.exchange(requestMessage([query(QueryFunction.QueryOperations)]), "Success with Operation values, Query among them");
      const operations = verifyEnumerationList(CHECKS.queryOperations, successPayload(CHECKS.queryOperations, items), Tag.Operation, "Operation");
      verify(CHECKS.queryOperations, PAYLOAD, operations.includes(Operation.Query), "Query is listed", { kind: "missing", message: "the server answered Query but does not list Query among its operations", expected: "Query", actual: operations.map((value) => enumName("Operation", value) ?? value).join(", ") });
    });
  });

  it("Query Objects lists object types", async () => {
    await withSession(target(), async (session) => {
      const { items } = await session.exchange(requestMessage([query(QueryFunction.QueryObjects)]), "Success with Object Type values");
      verifyEnumerationList(CHECKS.queryObjects, successPayload(CHECKS.queryObjects, items), Tag.ObjectType, "ObjectType");
    });
  });

  it("Query Server Information names the vendor", async () => {
    await withSession(target(), async (session) => {
      const { items } = await session.exchange(requestMessage([query(QueryFunction.QueryServerInformation)]), "Success with a Vendor Identification");
      const payload = successPayload(CHECKS.queryServerInformation, items);
      const vendor = required(CHECKS.queryServerInformation, payload, PAYLOAD, Tag.VendorIdentification);
      const path = `${PAYLOAD}/VendorIdentification`;
      verify(CHECKS.queryServerInformation, path, vendor.type === ItemType.TextString && vendor.value !== "", `Vendor Identification "${String(vendor.value)}"`, { kind: "type", message: "Vendor Identification must be a non-empty Text String", expected: "TextString", actual: ItemType[vendor.type] });
    });
  });

  it("Query Profiles returns Profile Information", async () => {
    await withSession(target(), async (session) => {
      const { items } = await session.exchange(requestMessage([query(QueryFunction.QueryProfiles)]), "Success; each Profile Information holds a Profile Name");
      const profiles = children(successPayload(CHECKS.queryProfiles, items), Tag.ProfileInformation);
      profiles.forEach((profile, index) => {
        const path = `${PAYLOAD}/ProfileInformation${profiles.length > 1 ? `[${index + 1}]` : ""}`;
        const name = required(CHECKS.queryProfiles, profile, path, Tag.ProfileName);
        const shown = typeof name.value === "number" ? (enumName("ProfileName", name.value) ?? `0x${name.value.toString(16)}`) : String(name.value);
        verify(CHECKS.queryProfiles, `${path}/ProfileName`, typeof name.value === "number" && isEnumValueAllowed("ProfileName", name.value), `Profile Name ${shown}`, { message: `${shown} is not a Profile Name value`, expected: "a Profile Name", actual: shown });
      });
    });
  });

  it("Discover Versions lists KMIP 1.4", async () => {
    await withSession(target(), async (session) => {
      const { items } = await session.exchange(requestMessage([discoverVersions()]), "Success listing the supported versions, 1.4 among them");
      const versions = listedVersions(successPayload(CHECKS.discoverVersions, items));
      verify(CHECKS.discoverVersions, PAYLOAD, versions.includes("1.4"), `versions ${versions.join(", ")}`, { kind: "missing", message: `the server lists ${versions.join(", ") || "no versions"} but not 1.4`, expected: "1.4", actual: versions.join(", ") });
    });
  });

  it("Discover Versions keeps to the requested list", async () => {
    await withSession(target(), async (session) => {
      // §4.26: the server SHALL return only versions both sides support, and no server supports 9.9.
      const { items } = await session.exchange(requestMessage([discoverVersions([9, 9], [1, 4])]), "Success listing 1.4 only");
      const versions = listedVersions(successPayload(CHECKS.discoverVersions, items));
      verify(CHECKS.discoverVersions, PAYLOAD, versions.length === 1 && versions[0] === "1.4", "only 1.4 of 9.9 and 1.4", { message: `asked for 9.9 and 1.4, the server listed ${versions.join(", ") || "nothing"}`, expected: "1.4", actual: versions.join(", ") });
    });
  });
});

function listedVersions(payload: TtlvNode): string[] {
  return children(payload, Tag.ProtocolVersion).map((version) => `${String(child(version, Tag.ProtocolVersionMajor)?.value)}.${String(child(version, Tag.ProtocolVersionMinor)?.value)}`);
}

