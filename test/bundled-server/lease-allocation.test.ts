/** Obtain Lease (§4.17) and Get Usage Allocation (§4.18) with their §11.18 and §11.19 errors. */
import { expect } from "chai";
import { BlockCipherMode, CryptographicUsageMask, ResultReason, Tag, UsageLimitsUnit } from "../../src/kmip";
import { dateTime, enumeration, longInteger, structure } from "../../src/ttlv";
import { StructureNode, TtlvNode } from "../../src/ttlv/types";
import { encrypt } from "../../bundled-server/operations/crypto/encrypt-decrypt";
import { getUsageAllocation, obtainLease } from "../../bundled-server/operations/lease-allocation";
import { attribute, uid } from "./helpers";
import { ACTIVE, data, mode, parameters, registerSymmetricKey } from "./crypto/builders";
import { createKey, fieldValue } from "./unit-builders";
import { FIXED_NOW, requestPayload, resultErrorOf, unitContext } from "./unit-context";

const ENCRYPT = CryptographicUsageMask.Encrypt;
const KEY = Buffer.from("7f6e5d4c3b2a19080706050403020100", "hex");
const limits = (total: bigint, unit: number = UsageLimitsUnit.Object): TtlvNode =>
  attribute("Usage Limits", structure(0, [longInteger(Tag.UsageLimitsTotal, total), enumeration(Tag.UsageLimitsUnit, unit)]));
const count = (value: bigint): TtlvNode => longInteger(Tag.UsageLimitsCount, value);

function remaining(context: ReturnType<typeof unitContext>, id: string): unknown {
  const value = context.store.require(id).attributes.first("Usage Limits") as StructureNode;
  return value.value.find((field) => field.tag === Tag.UsageLimitsCount)?.value;
}

describe("Obtain Lease handler", () => {
  it("returns Lease Time and Last Change Date", () => {
    const context = unitContext();
    const id = registerSymmetricKey(context, KEY, ENCRYPT);
    const payload = obtainLease(requestPayload([uid(id)]), context);

    expect(fieldValue(payload, Tag.UniqueIdentifier)).to.equal(id);
    expect(fieldValue(payload, Tag.LeaseTime)).to.equal(3600);
    expect(fieldValue(payload, Tag.LastChangeDate)).to.equal(FIXED_NOW);
  });

  it("refuses a Pre-Active key", async () => {
    const context = unitContext();
    const error = await resultErrorOf(obtainLease, [uid(createKey(context))], context);
    expect(error.resultReason).to.equal(ResultReason.PermissionDenied);
  });

  it("rejects an unknown object", async () => {
    const error = await resultErrorOf(obtainLease, [uid("nothing-here")], unitContext());
    expect(error.resultReason).to.equal(ResultReason.ItemNotFound);
  });
});

describe("Get Usage Allocation handler", () => {
  it("takes the units from the count", () => {
    const context = unitContext();
    const id = registerSymmetricKey(context, KEY, ENCRYPT, [ACTIVE, limits(10n)]);
    getUsageAllocation(requestPayload([uid(id), count(4n)]), context);
    expect(remaining(context, id)).to.equal(6n);
  });

  it("shares the allowance with Encrypt", async () => {
    const context = unitContext();
    const id = registerSymmetricKey(context, KEY, ENCRYPT, [ACTIVE, limits(48n, UsageLimitsUnit.Byte)]);
    getUsageAllocation(requestPayload([uid(id), count(32n)]), context);

    const error = await resultErrorOf(encrypt, [uid(id), parameters([mode(BlockCipherMode.ECB)]), data(Buffer.alloc(32))], context);
    expect(error.resultReason).to.equal(ResultReason.PermissionDenied);
  });

  const cases: Array<[string, (context: ReturnType<typeof unitContext>) => TtlvNode[], number]> = [
    ["no Usage Limits Count", (context) => [uid(registerSymmetricKey(context, KEY, ENCRYPT, [ACTIVE, limits(10n)]))], ResultReason.InvalidMessage],
    ["a key without Usage Limits", (context) => [uid(registerSymmetricKey(context, KEY, ENCRYPT)), count(1n)], ResultReason.IllegalOperation],
    ["more than is left", (context) => [uid(registerSymmetricKey(context, KEY, ENCRYPT, [ACTIVE, limits(10n)])), count(11n)], ResultReason.PermissionDenied],
    ["a Pre-Active key", (context) => [uid(registerSymmetricKey(context, KEY, ENCRYPT, [limits(10n)])), count(1n)], ResultReason.PermissionDenied],
    ["a key past its Protect Stop Date", (context) => [uid(registerSymmetricKey(context, KEY, ENCRYPT, [ACTIVE, limits(10n), attribute("Protect Stop Date", dateTime(0, FIXED_NOW - 10n))])), count(1n)], ResultReason.PermissionDenied],
    ["a count of zero", (context) => [uid(registerSymmetricKey(context, KEY, ENCRYPT, [ACTIVE, limits(10n)])), count(0n)], ResultReason.InvalidField],
  ];
  for (const [name, fields, reason] of cases) {
    it(`rejects ${name}`, async () => {
      const context = unitContext();
      const error = await resultErrorOf(getUsageAllocation, fields(context), context);
      expect(error.resultReason).to.equal(reason);
    });
  }
});
