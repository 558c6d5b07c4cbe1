/** Check (§4.10, errors §11.11) and Template objects (§2.2.6) used by Create and Register. */
import { expect } from "chai";
import { CryptographicAlgorithm, CryptographicUsageMask, NameType, ObjectType, ResultReason, State, Tag, UsageLimitsUnit } from "../../src/kmip";
import { bytes, enumeration, integer, interval, longInteger, structure, text } from "../../src/ttlv";
import { StructureNode, TtlvNode } from "../../src/ttlv/types";
import { numberValue } from "../../bundled-server/attributes/values";
import { OperationContext } from "../../bundled-server/context";
import { check } from "../../bundled-server/operations/check";
import { create } from "../../bundled-server/operations/create";
import { get } from "../../bundled-server/operations/get";
import { register } from "../../bundled-server/operations/register";
import { stateOf } from "../../bundled-server/store/lifecycle";
import { attribute, nameAttribute, uid } from "./helpers";
import { algorithmAttribute, createKey, fieldValue, lengthAttribute, maskAttribute } from "./unit-builders";
import { requestPayload, resultErrorOf, unitContext } from "./unit-context";

const usageLimits = (total: bigint): TtlvNode => attribute("Usage Limits", structure(0, [longInteger(Tag.UsageLimitsTotal, total), enumeration(Tag.UsageLimitsUnit, UsageLimitsUnit.Byte)]));

describe("Check handler", () => {
  it("allows what the key permits", async () => {
    const context = unitContext();
    const id = createKey(context, { usageMask: CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt, extra: [usageLimits(512n)] });
    context.batch.idPlaceholder = undefined;
    const request = [uid(id), integer(Tag.CryptographicUsageMask, CryptographicUsageMask.Encrypt), longInteger(Tag.UsageLimitsCount, 512n), interval(Tag.LeaseTime, 60)];

    const payload = await check(requestPayload(request), context);
    expect(fieldValue(payload, Tag.UniqueIdentifier)).to.equal(id);
    expect(context.batch.idPlaceholder).to.equal(id);
  });

  const denials: Array<[string, TtlvNode]> = [
    ["a usage the mask lacks", integer(Tag.CryptographicUsageMask, CryptographicUsageMask.Sign)],
    ["more usage than is left", longInteger(Tag.UsageLimitsCount, 513n)],
    ["a lease beyond the Lease Time", interval(Tag.LeaseTime, 7200)],
  ];
  for (const [name, field] of denials) {
    it(`denies ${name}`, async () => {
      const context = unitContext();
      const id = createKey(context, { usageMask: CryptographicUsageMask.Encrypt, extra: [usageLimits(512n)] });
      const error = await resultErrorOf(check, [uid(id), field], context);

      expect(error.resultReason).to.equal(ResultReason.PermissionDenied);
      expect(context.batch.idPlaceholder).to.equal(undefined);
    });
  }

  it("rejects an unknown object", async () => {
    const error = await resultErrorOf(check, [uid("absent")], unitContext());
    expect(error.resultReason).to.equal(ResultReason.ItemNotFound);
  });

  it("rejects an object without usage rules", async () => {
    const context = unitContext();
    const opaque = structure(Tag.OpaqueObject, [enumeration(Tag.OpaqueDataType, 0x80000010), bytes(Tag.OpaqueDataValue, Buffer.from("blob"))]);
    const registered = await register(requestPayload([enumeration(Tag.ObjectType, ObjectType.OpaqueObject), structure(Tag.TemplateAttribute, []), opaque]), context);
    const error = await resultErrorOf(check, [uid(fieldValue(registered, Tag.UniqueIdentifier) as string)], context);
    expect(error.resultReason).to.equal(ResultReason.IllegalOperation);
  });
});

function templateName(name: string): TtlvNode {
  return structure(Tag.Name, [text(Tag.NameValue, name), enumeration(Tag.NameType, NameType.UninterpretedTextString)]);
}

function registerTemplate(context: OperationContext, name: string, attributes: TtlvNode[]): string {
  const fields = [enumeration(Tag.ObjectType, ObjectType.Template), structure(Tag.TemplateAttribute, [nameAttribute(name)]), structure(Tag.Template, attributes)];
  return fieldValue(register(requestPayload(fields), context), Tag.UniqueIdentifier) as string;
}

describe("Template objects", () => {
  it("supply attributes to Create", () => {
    const context = unitContext();
    registerTemplate(context, "aes-192-wrap", [algorithmAttribute(CryptographicAlgorithm.AES), lengthAttribute(192), maskAttribute(CryptographicUsageMask.WrapKey)]);
    const created = create(requestPayload([enumeration(Tag.ObjectType, ObjectType.SymmetricKey), structure(Tag.TemplateAttribute, [templateName("aes-192-wrap")])]), context);

    const attributes = context.store.require(fieldValue(created, Tag.UniqueIdentifier) as string).attributes;
    expect(numberValue(attributes.first("Cryptographic Length"))).to.equal(192);
    expect(numberValue(attributes.first("Cryptographic Usage Mask"))).to.equal(CryptographicUsageMask.WrapKey);
  });

  it("yield to explicit attributes", () => {
    const context = unitContext();
    registerTemplate(context, "aes-default", [algorithmAttribute(CryptographicAlgorithm.AES), lengthAttribute(128), maskAttribute(CryptographicUsageMask.Encrypt)]);
    const template = structure(Tag.TemplateAttribute, [templateName("aes-default"), lengthAttribute(256)]);
    const created = create(requestPayload([enumeration(Tag.ObjectType, ObjectType.SymmetricKey), template]), context);

    const attributes = context.store.require(fieldValue(created, Tag.UniqueIdentifier) as string).attributes;
    expect(numberValue(attributes.first("Cryptographic Length"))).to.equal(256);
  });

  it("are returned by Get without a State", async () => {
    const context = unitContext();
    const id = registerTemplate(context, "mask-only", [maskAttribute(CryptographicUsageMask.Sign)]);
    const template = (await get(requestPayload([uid(id)]), context)).value.find((field) => field.tag === Tag.Template) as StructureNode;

    expect(template.value).to.have.length(1);
    expect(stateOf(context.store.require(id))).to.equal(undefined);
    expect(context.store.require(id).attributes.has("Digest")).to.equal(false);
  });

  const errorCases: Array<[string, TtlvNode[], number]> = [
    ["a Name inside the Template", [nameAttribute("inner")], ResultReason.InvalidField],
    ["a server-only attribute", [attribute("State", enumeration(0, State.Active))], ResultReason.InvalidField],
    ["an empty Template", [], ResultReason.InvalidField],
    ["a value of the wrong type", [attribute("Cryptographic Length", text(0, "long"))], ResultReason.InvalidField],
  ];
  for (const [name, attributes, reason] of errorCases) {
    it(`reject ${name}`, async () => {
      const fields = [enumeration(Tag.ObjectType, ObjectType.Template), structure(Tag.TemplateAttribute, []), structure(Tag.Template, attributes)];
      const error = await resultErrorOf(register, fields, unitContext());
      expect(error.resultReason).to.equal(reason);
    });
  }

  it("reject an unknown template name", async () => {
    const fields = [enumeration(Tag.ObjectType, ObjectType.SymmetricKey), structure(Tag.TemplateAttribute, [templateName("never-registered")])];
    const error = await resultErrorOf(create, fields, unitContext());
    expect(error.resultReason).to.equal(ResultReason.ItemNotFound);
  });
});
