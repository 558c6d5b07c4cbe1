/** Re-key (§4.4) with its Table 172 and 173 rules and the §11.5 errors. */
import { expect } from "chai";
import { CryptographicAlgorithm, CryptographicUsageMask, LinkType, ObjectType, ResultReason, State, Tag, UsageLimitsUnit } from "../../src/kmip";
import { bytes, child, dateTime, enumeration, integer, interval, longInteger, structure, text } from "../../src/ttlv";
import { StructureNode, TtlvNode } from "../../src/ttlv/types";
import { bigintValue, numberValue } from "../../bundled-server/attributes/values";
import { destroy } from "../../bundled-server/operations/lifecycle-operations";
import { reKey } from "../../bundled-server/operations/re-key";
import { register } from "../../bundled-server/operations/register";
import { storedSymmetricKey } from "../../bundled-server/store/key-block";
import { stateOf } from "../../bundled-server/store/lifecycle";
import { attribute, nameAttribute, uid } from "./helpers";
import { createKey, fieldValue } from "./unit-builders";
import { FIXED_NOW, requestPayload, resultErrorOf, unitContext } from "./unit-context";

const links = (context: ReturnType<typeof unitContext>, id: string): Array<[unknown, unknown]> =>
  context.store.require(id).attributes.all("Link").map((instance) => [child(instance.value, Tag.LinkType)?.value, child(instance.value, Tag.LinkedObjectIdentifier)?.value]);

describe("Re-key handler", () => {
  it("replaces a key and moves its Name", () => {
    const context = unitContext();
    const old = createKey(context, { algorithm: CryptographicAlgorithm.DES3, length: 168, name: "backup-kek", extra: [attribute("x-Owner", text(0, "ops"))] });
    const payload = reKey(requestPayload([uid(old)]), context);
    const replacement = fieldValue(payload, Tag.UniqueIdentifier) as string;
    const attributes = context.store.require(replacement).attributes;

    expect(replacement).to.not.equal(old);
    expect(context.batch.idPlaceholder).to.equal(replacement);
    expect(numberValue(attributes.first("Cryptographic Length"))).to.equal(168);
    expect(attributes.first("x-Owner")?.value).to.equal("ops");
    expect(attributes.all("Name")).to.have.length(1);
    expect(context.store.require(old).attributes.has("Name")).to.equal(false);
    expect(storedSymmetricKey(context.store.require(replacement).content!)).to.not.deep.equal(storedSymmetricKey(context.store.require(old).content!));
  });

  it("links the two keys both ways", () => {
    const context = unitContext();
    const old = createKey(context);
    const replacement = fieldValue(reKey(requestPayload([uid(old)]), context), Tag.UniqueIdentifier) as string;
    expect(links(context, old)).to.deep.equal([[LinkType.ReplacementObjectLink, replacement]]);
    expect(links(context, replacement)).to.deep.equal([[LinkType.ReplacedObjectLink, old]]);
  });

  it("shifts the dates by Offset", () => {
    const context = unitContext();
    const dates = [attribute("Activation Date", dateTime(0, FIXED_NOW - 100n)), attribute("Deactivation Date", dateTime(0, FIXED_NOW + 900n))];
    const old = createKey(context, { extra: dates });
    const replacement = fieldValue(reKey(requestPayload([uid(old), interval(Tag.Offset, 60)]), context), Tag.UniqueIdentifier) as string;
    const attributes = context.store.require(replacement).attributes;

    expect(bigintValue(attributes.first("Activation Date"))).to.equal(FIXED_NOW + 60n);
    expect(bigintValue(attributes.first("Deactivation Date"))).to.equal(FIXED_NOW + 1060n);
    expect(stateOf(context.store.require(replacement))).to.equal(State.PreActive);
  });

  it("copies the dates without Offset", () => {
    const context = unitContext();
    const old = createKey(context, { extra: [attribute("Activation Date", dateTime(0, FIXED_NOW - 100n))] });
    const replacement = fieldValue(reKey(requestPayload([uid(old)]), context), Tag.UniqueIdentifier) as string;
    expect(bigintValue(context.store.require(replacement).attributes.first("Activation Date"))).to.equal(FIXED_NOW - 100n);
    expect(stateOf(context.store.require(replacement))).to.equal(State.Active);
  });

  it("restarts the Usage Limits Count", () => {
    const context = unitContext();
    const usage = attribute("Usage Limits", structure(0, [longInteger(Tag.UsageLimitsTotal, 500n), enumeration(Tag.UsageLimitsUnit, UsageLimitsUnit.Byte)]));
    const old = createKey(context, { extra: [usage] });
    const replacement = fieldValue(reKey(requestPayload([uid(old)]), context), Tag.UniqueIdentifier) as string;
    const limits = context.store.require(replacement).attributes.first("Usage Limits") as StructureNode;
    expect(child(limits, Tag.UsageLimitsCount)?.value).to.equal(500n);
  });

  it("takes attributes from the request", () => {
    const context = unitContext();
    const old = createKey(context, { usageMask: CryptographicUsageMask.Encrypt });
    const template = structure(Tag.TemplateAttribute, [attribute("Cryptographic Usage Mask", integer(0, CryptographicUsageMask.Decrypt))]);
    const replacement = fieldValue(reKey(requestPayload([uid(old), template]), context), Tag.UniqueIdentifier) as string;
    expect(numberValue(context.store.require(replacement).attributes.first("Cryptographic Usage Mask"))).to.equal(CryptographicUsageMask.Decrypt);
  });

  const errorCases: Array<[string, (context: ReturnType<typeof unitContext>) => TtlvNode[], number]> = [
    ["an unknown key", () => [uid("missing")], ResultReason.ItemNotFound],
    ["Offset with an Activation Date", (context) => [uid(createKey(context)), interval(Tag.Offset, 5), structure(Tag.TemplateAttribute, [attribute("Activation Date", dateTime(0, FIXED_NOW))])], ResultReason.InvalidMessage],
    ["Offset without an Activation Date", (context) => [uid(createKey(context)), interval(Tag.Offset, 5)], ResultReason.IllegalOperation],
    ["an object that is not a Symmetric Key", (context) => {
      const opaque = structure(Tag.OpaqueObject, [enumeration(Tag.OpaqueDataType, 0x80000002), bytes(Tag.OpaqueDataValue, Buffer.from("x"))]);
      return [uid(fieldValue(register(requestPayload([enumeration(Tag.ObjectType, ObjectType.OpaqueObject), structure(Tag.TemplateAttribute, []), opaque]), context), Tag.UniqueIdentifier) as string)];
    }, ResultReason.PermissionDenied],
    ["a Name another object holds", (context) => {
      createKey(context, { name: "held" });
      return [uid(createKey(context)), structure(Tag.TemplateAttribute, [nameAttribute("held")])];
    }, ResultReason.InvalidField],
  ];
  for (const [name, fields, reason] of errorCases) {
    it(`rejects ${name}`, async () => {
      const context = unitContext();
      const error = await resultErrorOf(reKey, fields(context), context);
      expect(error.resultReason).to.equal(reason);
    });
  }

  it("rejects a destroyed key", async () => {
    const context = unitContext();
    const old = createKey(context);
    await destroy(requestPayload([uid(old)]), context);
    const error = await resultErrorOf(reKey, [uid(old)], context);
    expect(error.resultReason).to.equal(ResultReason.KeyValueNotPresent);
  });
});
