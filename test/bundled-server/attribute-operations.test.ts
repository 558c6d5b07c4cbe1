/** Get Attributes, Get Attribute List, Add, Modify and Delete Attribute with their §11.13 to §11.17 error cases. */
import { expect } from "chai";
import { ResultReason, State, Tag } from "../../src/kmip";
import { dateTime, integer, text } from "../../src/ttlv";
import { StructureNode } from "../../src/ttlv/types";
import { addAttribute } from "../../bundled-server/operations/add-attribute";
import { deleteAttribute } from "../../bundled-server/operations/delete-attribute";
import { getAttributeList, getAttributes } from "../../bundled-server/operations/get-attributes";
import { modifyAttribute } from "../../bundled-server/operations/modify-attribute";
import { stateOf } from "../../bundled-server/store/lifecycle";
import { attribute, nameAttribute, uid } from "./helpers";
import { createKey } from "./unit-builders";
import { FIXED_NOW, requestPayload, resultErrorOf, unitContext } from "./unit-context";

function attributeIndexOf(payload: StructureNode): number | undefined {
  const added = payload.value.find((field) => field.tag === Tag.Attribute) as StructureNode;
  return added.value.find((field) => field.tag === Tag.AttributeIndex)?.value as number | undefined;
}

describe("Get Attributes handler", () => {
  it("rejects an unknown Unique Identifier", async () => {
    const error = await resultErrorOf(getAttributes, [uid("no-such-object")], unitContext());
    expect(error.resultReason).to.equal(ResultReason.ItemNotFound);
  });

  it("rejects a repeated Attribute Name", async () => {
    const context = unitContext();
    const id = createKey(context);
    const error = await resultErrorOf(getAttributes, [uid(id), text(Tag.AttributeName, "State"), text(Tag.AttributeName, "State")], context);
    expect(error.resultReason).to.equal(ResultReason.InvalidMessage);
  });

  it("rejects no identifier and no ID Placeholder", async () => {
    const error = await resultErrorOf(getAttributes, [], unitContext());
    expect(error.resultReason).to.equal(ResultReason.MissingData);
  });

  it("uses the ID Placeholder without identifier", async () => {
    const context = unitContext();
    const id = createKey(context);
    const payload = await getAttributes(requestPayload([text(Tag.AttributeName, "Unique Identifier")]), context);
    expect(payload.value[0].value).to.equal(id);
  });

  it("leaves out attributes without a value", async () => {
    const context = unitContext();
    const id = createKey(context);
    const payload = await getAttributes(requestPayload([uid(id), text(Tag.AttributeName, "Deactivation Date"), text(Tag.AttributeName, "No Such Attribute")]), context);
    expect(payload.value).to.have.length(1);
  });
});

describe("Get Attribute List handler", () => {
  it("rejects an unknown Unique Identifier", async () => {
    const error = await resultErrorOf(getAttributeList, [uid("missing")], unitContext());
    expect(error.resultReason).to.equal(ResultReason.ItemNotFound);
  });

  it("lists names without duplicates", async () => {
    const context = unitContext();
    const id = createKey(context, { name: "first", extra: [nameAttribute("second")] });
    const payload = await getAttributeList(requestPayload([uid(id)]), context);
    const names = payload.value.filter((field) => field.tag === Tag.AttributeName).map((field) => field.value);
    expect(names.filter((name) => name === "Name")).to.have.length(1);
    expect(names[0]).to.equal("Unique Identifier");
  });
});

describe("1.3 and 1.4 attributes by protocol version", () => {
  const LATER_ATTRIBUTES = ["Random Number Generator", "Sensitive", "Always Sensitive", "Extractable", "Never Extractable"];

  function listedNames(payload: StructureNode): string[] {
    return payload.value.filter((field) => field.tag === Tag.AttributeName).map((field) => field.value as string);
  }

  function attributeNames(payload: StructureNode): string[] {
    return payload.value
      .filter((field) => field.tag === Tag.Attribute)
      .map((field) => ((field as StructureNode).value.find((part) => part.tag === Tag.AttributeName)?.value as string));
  }

  it("Get Attribute List includes them for 1.4", async () => {
    const context = unitContext();
    const id = createKey(context);
    const names = listedNames(await getAttributeList(requestPayload([uid(id)]), context));
    expect(names).to.include.members(LATER_ATTRIBUTES);
  });

  it("Get Attribute List omits them for 1.2", async () => {
    const context = { ...unitContext(), protocolVersion: { major: 1, minor: 2 } };
    const id = createKey(context, { extra: [attribute("x-custom", text(0, "kept"))] });
    const names = listedNames(await getAttributeList(requestPayload([uid(id)]), context));
    expect(names).to.not.include.any.members(LATER_ATTRIBUTES);
    expect(names).to.include.members(["Unique Identifier", "Original Creation Date", "x-custom"]);
  });

  it("Get Attributes omits 1.4 ones for 1.3", async () => {
    const context = { ...unitContext(), protocolVersion: { major: 1, minor: 3 } };
    const id = createKey(context);
    const names = attributeNames(await getAttributes(requestPayload([uid(id)]), context));
    expect(names).to.include("Random Number Generator");
    expect(names).to.not.include.any.members(["Sensitive", "Always Sensitive", "Extractable", "Never Extractable"]);
  });

  it("Get Attributes returns a named one for 1.2", async () => {
    const context = { ...unitContext(), protocolVersion: { major: 1, minor: 2 } };
    const id = createKey(context);
    const names = attributeNames(await getAttributes(requestPayload([uid(id), text(Tag.AttributeName, "Sensitive")]), context));
    expect(names).to.deep.equal(["Sensitive"]);
  });
});

describe("Add Attribute handler", () => {
  it("rejects an unknown Unique Identifier", async () => {
    const error = await resultErrorOf(addAttribute, [uid("missing"), attribute("Comment", text(0, "x"))], unitContext());
    expect(error.resultReason).to.equal(ResultReason.ItemNotFound);
  });

  it("rejects a read-only attribute", async () => {
    const context = unitContext();
    const id = createKey(context);
    const error = await resultErrorOf(addAttribute, [uid(id), attribute("Lease Time", integer(0, 5))], context);
    expect(error.resultReason).to.equal(ResultReason.PermissionDenied);
  });

  it("rejects an Attribute Index in the request", async () => {
    const context = unitContext();
    const id = createKey(context);
    const indexed = { ...attribute("Comment", text(0, "x")) } as StructureNode;
    indexed.value = [indexed.value[0], integer(Tag.AttributeIndex, 1), indexed.value[1]];
    const error = await resultErrorOf(addAttribute, [uid(id), indexed], context);
    expect(error.resultReason).to.equal(ResultReason.InvalidField);
  });

  it("rejects a second single-instance value", async () => {
    const context = unitContext();
    const id = createKey(context);
    await addAttribute(requestPayload([uid(id), attribute("Contact Information", text(0, "ops"))]), context);
    const error = await resultErrorOf(addAttribute, [uid(id), attribute("Contact Information", text(0, "dev"))], context);
    expect(error.resultReason).to.equal(ResultReason.IllegalOperation);
  });

  it("rejects a Name another object holds", async () => {
    const context = unitContext();
    createKey(context, { name: "taken" });
    const id = createKey(context, { name: "free" });
    const error = await resultErrorOf(addAttribute, [uid(id), nameAttribute("taken")], context);
    expect(error.resultReason).to.equal(ResultReason.IllegalOperation);
  });

  it("numbers new instances of multi-instance attributes", async () => {
    const context = unitContext();
    const id = createKey(context);
    const first = await addAttribute(requestPayload([uid(id), attribute("x-label", text(0, "a"))]), context);
    const second = await addAttribute(requestPayload([uid(id), attribute("x-label", text(0, "b"))]), context);
    expect(attributeIndexOf(first)).to.equal(undefined);
    expect(attributeIndexOf(second)).to.equal(1);
  });

  it("activates on a past Activation Date", async () => {
    const context = unitContext();
    const id = createKey(context);
    await addAttribute(requestPayload([uid(id), attribute("Activation Date", dateTime(0, FIXED_NOW - 1n))]), context);
    expect(stateOf(context.store.require(id))).to.equal(State.Active);
  });
});

describe("Modify Attribute handler", () => {
  it("rejects an attribute without a value", async () => {
    const context = unitContext();
    const id = createKey(context);
    const error = await resultErrorOf(modifyAttribute, [uid(id), attribute("Comment", text(0, "x"))], context);
    expect(error.resultReason).to.equal(ResultReason.InvalidField);
  });

  it("rejects a missing Attribute Index", async () => {
    const context = unitContext();
    const id = createKey(context, { name: "only" });
    const indexed = nameAttribute("other") as StructureNode;
    const fields = [uid(id), { ...indexed, value: [indexed.value[0], integer(Tag.AttributeIndex, 3), indexed.value[1]] } as StructureNode];
    const error = await resultErrorOf(modifyAttribute, fields, context);
    expect(error.resultReason).to.equal(ResultReason.ItemNotFound);
  });

  it("rejects a read-only attribute", async () => {
    const context = unitContext();
    const id = createKey(context);
    const error = await resultErrorOf(modifyAttribute, [uid(id), attribute("Cryptographic Length", integer(0, 128))], context);
    expect(error.resultReason).to.equal(ResultReason.PermissionDenied);
  });

  it("changes a Pre-Active Activation Date", async () => {
    const context = unitContext();
    const id = createKey(context, { extra: [attribute("Activation Date", dateTime(0, FIXED_NOW + 100n))] });
    await modifyAttribute(requestPayload([uid(id), attribute("Activation Date", dateTime(0, FIXED_NOW + 200n))]), context);
    expect(context.store.require(id).attributes.first("Activation Date")?.value).to.equal(FIXED_NOW + 200n);
  });

  it("rejects an unknown Unique Identifier", async () => {
    const error = await resultErrorOf(modifyAttribute, [uid("missing"), attribute("Comment", text(0, "x"))], unitContext());
    expect(error.resultReason).to.equal(ResultReason.ItemNotFound);
  });
});

describe("Delete Attribute handler", () => {
  it("rejects an attribute without a value", async () => {
    const context = unitContext();
    const id = createKey(context);
    const error = await resultErrorOf(deleteAttribute, [uid(id), text(Tag.AttributeName, "Comment")], context);
    expect(error.resultReason).to.equal(ResultReason.ItemNotFound);
  });

  it("rejects a required attribute", async () => {
    const context = unitContext();
    const id = createKey(context);
    const error = await resultErrorOf(deleteAttribute, [uid(id), text(Tag.AttributeName, "State")], context);
    expect(error.resultReason).to.equal(ResultReason.PermissionDenied);
  });

  it("rejects a missing Attribute Index", async () => {
    const context = unitContext();
    const id = createKey(context, { name: "indexed" });
    const error = await resultErrorOf(deleteAttribute, [uid(id), text(Tag.AttributeName, "Name"), integer(Tag.AttributeIndex, 4)], context);
    expect(error.resultReason).to.equal(ResultReason.ItemNotFound);
  });

  it("keeps other indexes after a delete", async () => {
    const context = unitContext();
    const id = createKey(context, { name: "zero", extra: [nameAttribute("one")] });
    await deleteAttribute(requestPayload([uid(id), text(Tag.AttributeName, "Name")]), context);
    const remaining = context.store.require(id).attributes.all("Name");
    expect(remaining.map((instance) => instance.index)).to.deep.equal([1]);
  });

  it("rejects an unknown Unique Identifier", async () => {
    const error = await resultErrorOf(deleteAttribute, [uid("missing"), text(Tag.AttributeName, "Comment")], unitContext());
    expect(error.resultReason).to.equal(ResultReason.ItemNotFound);
  });
});

