/** Create and Register handlers with their §11.2 and §11.4 error cases. */
import { expect } from "chai";
import { CryptographicAlgorithm, CryptographicUsageMask, KeyFormatType, ObjectType, ResultReason, State, Tag } from "../../src/kmip";
import { bytes, dateTime, enumeration, integer, structure, text } from "../../src/ttlv";
import { TtlvNode } from "../../src/ttlv/types";
import { numberValue } from "../../bundled-server/attributes/values";
import { create } from "../../bundled-server/operations/create";
import { register } from "../../bundled-server/operations/register";
import { storedSymmetricKey } from "../../bundled-server/store/key-block";
import { stateOf } from "../../bundled-server/store/lifecycle";
import { attribute, nameAttribute } from "./helpers";
import { algorithmAttribute, createKey, createWith, lengthAttribute, maskAttribute } from "./unit-builders";
import { FIXED_NOW, requestPayload, resultErrorOf, unitContext } from "./unit-context";

const MASK = CryptographicUsageMask.Encrypt;

describe("Create handler", () => {
  const errorCases: Array<[string, TtlvNode[], number]> = [
    ["unknown Object Type", createWith([algorithmAttribute(CryptographicAlgorithm.AES)], 0x99), ResultReason.InvalidField],
    ["Object Type not symmetric", createWith([algorithmAttribute(CryptographicAlgorithm.AES)], ObjectType.PrivateKey), ResultReason.InvalidField],
    ["missing algorithm", createWith([lengthAttribute(128), maskAttribute(MASK)]), ResultReason.MissingData],
    ["missing usage mask", createWith([algorithmAttribute(CryptographicAlgorithm.AES), lengthAttribute(128)]), ResultReason.MissingData],
    ["AES length 100", createWith([algorithmAttribute(CryptographicAlgorithm.AES), lengthAttribute(100), maskAttribute(MASK)]), ResultReason.InvalidField],
    ["asymmetric algorithm", createWith([algorithmAttribute(CryptographicAlgorithm.RSA), lengthAttribute(2048), maskAttribute(MASK)]), ResultReason.InvalidField],
    ["server-only attribute", createWith([algorithmAttribute(CryptographicAlgorithm.AES), lengthAttribute(128), maskAttribute(MASK), attribute("State", enumeration(0, State.Active))]), ResultReason.InvalidField],
    ["unknown attribute name", createWith([algorithmAttribute(CryptographicAlgorithm.AES), lengthAttribute(128), maskAttribute(MASK), attribute("Colour", text(0, "red"))]), ResultReason.InvalidField],
    ["value of wrong type", createWith([algorithmAttribute(CryptographicAlgorithm.AES), attribute("Cryptographic Length", text(0, "128")), maskAttribute(MASK)]), ResultReason.InvalidField],
    ["single instance twice", createWith([algorithmAttribute(CryptographicAlgorithm.AES), algorithmAttribute(CryptographicAlgorithm.AES), lengthAttribute(128), maskAttribute(MASK)]), ResultReason.InvalidField],
    ["template name", [enumeration(Tag.ObjectType, ObjectType.SymmetricKey), structure(Tag.TemplateAttribute, [structure(Tag.Name, [text(Tag.NameValue, "t")])])], ResultReason.ItemNotFound],
    ["missing Template-Attribute", [enumeration(Tag.ObjectType, ObjectType.SymmetricKey)], ResultReason.MissingData],
  ];

  for (const [name, fields, reason] of errorCases) {
    it(`rejects ${name}`, async () => {
      const error = await resultErrorOf(create, fields, unitContext());
      expect(error.resultReason).to.equal(reason);
    });
  }

  it("rejects a Name another key holds", async () => {
    const context = unitContext();
    createKey(context, { name: "shared-name" });
    const error = await resultErrorOf(create, createWith([algorithmAttribute(CryptographicAlgorithm.AES), lengthAttribute(128), maskAttribute(MASK), nameAttribute("shared-name")]), context);
    expect(error.resultReason).to.equal(ResultReason.InvalidField);
  });

  it("generates 3DES keys with odd parity", () => {
    const context = unitContext();
    const id = createKey(context, { algorithm: CryptographicAlgorithm.DES3, length: 168 });
    const key = storedSymmetricKey(context.store.require(id).content!);

    expect(key.length).to.equal(24);
    for (const byte of key) {
      expect(byte.toString(2).split("1").length % 2).to.equal(0, `byte ${byte} has even parity`);
    }
  });

  it("activates at once for a past Activation Date", () => {
    const context = unitContext();
    const id = createKey(context, { extra: [attribute("Activation Date", dateTime(0, FIXED_NOW - 60n))] });
    expect(stateOf(context.store.require(id))).to.equal(State.Active);
  });

  it("stays Pre-Active for a future Activation Date", () => {
    const context = unitContext();
    const id = createKey(context, { extra: [attribute("Activation Date", dateTime(0, FIXED_NOW + 60n))] });
    expect(stateOf(context.store.require(id))).to.equal(State.PreActive);
  });

  it("sets the ID Placeholder", () => {
    const context = unitContext();
    const id = createKey(context);
    expect(context.batch.idPlaceholder).to.equal(id);
  });
});

describe("Register handler", () => {
  const key = Buffer.alloc(16, 0x5a);
  const rawKey = (material: Buffer, extra: TtlvNode[] = []): TtlvNode =>
    structure(Tag.SymmetricKey, [structure(Tag.KeyBlock, [enumeration(Tag.KeyFormatType, KeyFormatType.Raw), structure(Tag.KeyValue, [bytes(Tag.KeyMaterial, material)]), ...extra])]);
  const template = (attributes: TtlvNode[]): TtlvNode => structure(Tag.TemplateAttribute, attributes);
  const typeField = enumeration(Tag.ObjectType, ObjectType.SymmetricKey);

  it("stores the key with algorithm and length from the Key Block", () => {
    const context = unitContext();
    const keyBlockFields = [enumeration(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES), integer(Tag.CryptographicLength, 128)];
    register(requestPayload([typeField, template([maskAttribute(MASK)]), rawKey(key, keyBlockFields)]), context);

    const object = context.store.require(context.batch.idPlaceholder!);
    expect(storedSymmetricKey(object.content!)).to.deep.equal(key);
    expect(numberValue(object.attributes.first("Cryptographic Length"))).to.equal(128);
    expect(object.attributes.has("Random Number Generator")).to.equal(false);
  });

  it("rejects a length that does not fit the key", async () => {
    const fields = [typeField, template([algorithmAttribute(CryptographicAlgorithm.AES), lengthAttribute(256), maskAttribute(MASK)]), rawKey(key)];
    expect((await resultErrorOf(register, fields, unitContext())).resultReason).to.equal(ResultReason.InvalidField);
  });

  it("rejects template and Key Block disagreeing", async () => {
    const keyBlockFields = [enumeration(Tag.CryptographicAlgorithm, CryptographicAlgorithm.Camellia), integer(Tag.CryptographicLength, 128)];
    const fields = [typeField, template([algorithmAttribute(CryptographicAlgorithm.AES), maskAttribute(MASK)]), rawKey(key, keyBlockFields)];
    expect((await resultErrorOf(register, fields, unitContext())).resultReason).to.equal(ResultReason.InvalidField);
  });

  it("rejects a missing Symmetric Key object", async () => {
    const fields = [typeField, template([algorithmAttribute(CryptographicAlgorithm.AES), lengthAttribute(128), maskAttribute(MASK)])];
    expect((await resultErrorOf(register, fields, unitContext())).resultReason).to.equal(ResultReason.InvalidField);
  });

  it("rejects an unknown Object Type", async () => {
    const fields = [enumeration(Tag.ObjectType, 0x77), template([maskAttribute(MASK)]), rawKey(key)];
    expect((await resultErrorOf(register, fields, unitContext())).resultReason).to.equal(ResultReason.InvalidField);
  });

  it("rejects a missing usage mask", async () => {
    const fields = [typeField, template([algorithmAttribute(CryptographicAlgorithm.AES), lengthAttribute(128)]), rawKey(key)];
    expect((await resultErrorOf(register, fields, unitContext())).resultReason).to.equal(ResultReason.MissingData);
  });
});
