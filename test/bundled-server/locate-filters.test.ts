/** Locate by Usage Limits, custom attributes, Storage Status Mask and Object Group Member (§4.9). */
import { expect } from "chai";
import { ObjectGroupMember, ResultReason, StorageStatusMask, Tag, UsageLimitsUnit } from "../../src/kmip";
import { dateTime, enumeration, integer, longInteger, structure, text } from "../../src/ttlv";
import { StructureNode, TtlvNode } from "../../src/ttlv/types";
import { get } from "../../bundled-server/operations/get";
import { locate } from "../../bundled-server/operations/locate";
import { modifyAttribute } from "../../bundled-server/operations/modify-attribute";
import { attribute, uid } from "./helpers";
import { createKey } from "./unit-builders";
import { FIXED_NOW, requestPayload, resultErrorOf, unitContext } from "./unit-context";

const identifiers = (payload: StructureNode): unknown[] => payload.value.filter((field) => field.tag === Tag.UniqueIdentifier).map((field) => field.value);

function usageLimits(total: bigint, unit: number, count?: bigint): TtlvNode {
  const fields = [longInteger(Tag.UsageLimitsTotal, total)];
  if (count !== undefined) {
    fields.push(longInteger(Tag.UsageLimitsCount, count));
  }
  fields.push(enumeration(Tag.UsageLimitsUnit, unit));
  return attribute("Usage Limits", structure(0, fields));
}

const group = (name: string): TtlvNode => attribute("Object Group", text(0, name));

describe("Locate by Usage Limits", () => {
  it("finds keys with enough usage left", async () => {
    const context = unitContext();
    const small = createKey(context, { extra: [usageLimits(100n, UsageLimitsUnit.Byte)] });
    const large = createKey(context, { extra: [usageLimits(5000n, UsageLimitsUnit.Byte)] });
    createKey(context, { extra: [usageLimits(9000n, UsageLimitsUnit.Object)] });

    const found = identifiers(await locate(requestPayload([usageLimits(1000n, UsageLimitsUnit.Byte)]), context));
    expect(found).to.deep.equal([large]);
    expect(found).to.not.include(small);
  });

  it("starts Count at Total on creation", () => {
    const context = unitContext();
    const id = createKey(context, { extra: [usageLimits(64n, UsageLimitsUnit.Object, 3n)] });
    const limits = context.store.require(id).attributes.first("Usage Limits")!;
    const count = (limits as StructureNode).value.find((field) => field.tag === Tag.UsageLimitsCount);
    expect(count?.value).to.equal(64n);
  });
});

describe("Locate by custom attributes", () => {
  it("matches x- attributes of any type", async () => {
    const context = unitContext();
    const labelled = createKey(context, { extra: [attribute("x-Shelf", text(0, "B-17")), attribute("x-Slot", integer(0, 4))] });
    createKey(context, { extra: [attribute("x-Shelf", text(0, "C-02")), attribute("x-Slot", integer(0, 4))] });

    const found = await locate(requestPayload([attribute("x-Shelf", text(0, "B-17")), attribute("x-Slot", integer(0, 4))]), context);
    expect(identifiers(found)).to.deep.equal([labelled]);
  });

  it("follows a modified custom value", async () => {
    const context = unitContext();
    const id = createKey(context, { extra: [attribute("x-Checked", dateTime(0, FIXED_NOW - 60n))] });
    await modifyAttribute(requestPayload([uid(id), attribute("x-Checked", dateTime(0, FIXED_NOW))]), context);

    expect(identifiers(await locate(requestPayload([attribute("x-Checked", dateTime(0, FIXED_NOW))]), context))).to.deep.equal([id]);
    expect(identifiers(await locate(requestPayload([attribute("x-Checked", dateTime(0, FIXED_NOW - 60n))]), context))).to.deep.equal([]);
  });
});

describe("Locate filters", () => {
  it("finds nothing in archival storage", async () => {
    const context = unitContext();
    createKey(context);
    const archived = await locate(requestPayload([integer(Tag.StorageStatusMask, StorageStatusMask.ArchivalStorage)]), context);
    const both = await locate(requestPayload([integer(Tag.StorageStatusMask, StorageStatusMask.ArchivalStorage | StorageStatusMask.OnLineStorage)]), context);

    expect(identifiers(archived)).to.deep.equal([]);
    expect(identifiers(both)).to.have.length(1);
  });

  it("keeps fresh group members", async () => {
    const context = unitContext();
    const served = createKey(context, { extra: [group("tape-pool")] });
    const fresh = createKey(context, { extra: [group("tape-pool")] });
    await get(requestPayload([uid(served)]), context);

    const found = await locate(requestPayload([enumeration(Tag.ObjectGroupMember, ObjectGroupMember.GroupMemberFresh), group("tape-pool")]), context);
    expect(identifiers(found)).to.deep.equal([fresh]);
    expect(context.batch.idPlaceholder).to.equal(fresh);
  });

  it("returns the newest member as default", async () => {
    const context = unitContext();
    createKey(context, { extra: [group("pool-7")] });
    const newest = createKey(context, { extra: [group("pool-7")] });

    const found = await locate(requestPayload([enumeration(Tag.ObjectGroupMember, ObjectGroupMember.GroupMemberDefault), group("pool-7")]), context);
    expect(identifiers(found)).to.deep.equal([newest]);
  });

  it("rejects an unknown Object Group Member", async () => {
    const error = await resultErrorOf(locate, [enumeration(Tag.ObjectGroupMember, 9)], unitContext());
    expect(error.resultReason).to.equal(ResultReason.InvalidField);
  });

  it("rejects a Storage Status Mask of the wrong type", async () => {
    const error = await resultErrorOf(locate, [text(Tag.StorageStatusMask, "online")], unitContext());
    expect(error.resultReason).to.equal(ResultReason.InvalidMessage);
  });
});
