/** Register of wrapped keys: the server unwraps the Key Value with a key it holds (§2.1.5). */
import { createCipheriv, generateKeyPairSync, publicEncrypt, constants } from "node:crypto";
import { expect } from "chai";
import { BlockCipherMode, CryptographicAlgorithm, CryptographicUsageMask, EncodingOption, KeyFormatType, ObjectType, PaddingMethod, ResultReason, Tag, WrappingMethod } from "../../src/kmip";
import { bytes, encode, enumeration, integer, structure } from "../../src/ttlv";
import { TtlvNode } from "../../src/ttlv/types";
import { OperationContext } from "../../bundled-server/context";
import { get } from "../../bundled-server/operations/get";
import { register } from "../../bundled-server/operations/register";
import { storedSymmetricKey } from "../../bundled-server/store/key-block";
import { ACTIVE, maskAttribute, mode, padding, parametersAttribute, registerAsymmetricKey, registerSymmetricKey, uid } from "./crypto/builders";
import { fieldValue } from "./unit-builders";
import { requestPayload, resultErrorOf, unitContext } from "./unit-context";

const KEK_256 = Buffer.from("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", "hex");
const KEY_128 = Buffer.from("2b7e151628aed2a6abf7158809cf4f3c", "hex");

function kwWrap(kek: Buffer, plaintext: Buffer): Buffer {
  const cipher = createCipheriv(`id-aes${kek.length * 8}-wrap`, kek, Buffer.from("a6a6a6a6a6a6a6a6", "hex"));
  return Buffer.concat([cipher.update(plaintext), cipher.final()]);
}

function wrappedSymmetricKey(wrapped: Buffer, kekIdentifier: string, extra: TtlvNode[] = [], method: number = WrappingMethod.Encrypt): TtlvNode {
  const wrappingData = structure(Tag.KeyWrappingData, [enumeration(Tag.WrappingMethod, method), structure(Tag.EncryptionKeyInformation, [uid(kekIdentifier)]), ...extra]);
  return structure(Tag.SymmetricKey, [
    structure(Tag.KeyBlock, [
      enumeration(Tag.KeyFormatType, KeyFormatType.Raw),
      bytes(Tag.KeyValue, wrapped),
      enumeration(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
      integer(Tag.CryptographicLength, 128),
      wrappingData,
    ]),
  ]);
}

function registerWrapped(context: OperationContext, keyObject: TtlvNode): string {
  const fields = [enumeration(Tag.ObjectType, ObjectType.SymmetricKey), structure(Tag.TemplateAttribute, [maskAttribute(CryptographicUsageMask.Encrypt)]), keyObject];
  return fieldValue(register(requestPayload(fields), context), Tag.UniqueIdentifier) as string;
}

const ttlvKeyValue = (key: Buffer): Buffer => encode(structure(Tag.KeyValue, [bytes(Tag.KeyMaterial, key)]));
const registerKek = (context: OperationContext, mask: number = CryptographicUsageMask.UnwrapKey | CryptographicUsageMask.WrapKey): string =>
  registerSymmetricKey(context, KEK_256, mask, [ACTIVE, parametersAttribute([mode(BlockCipherMode.NISTKeyWrap)])]);

describe("Register of wrapped keys", () => {
  it("unwraps a TTLV-encoded Key Value", () => {
    const context = unitContext();
    const kek = registerKek(context);
    const id = registerWrapped(context, wrappedSymmetricKey(kwWrap(KEK_256, ttlvKeyValue(KEY_128)), kek));
    expect(storedSymmetricKey(context.store.require(id).content!)).to.deep.equal(KEY_128);
  });

  it("unwraps raw Key Material with No Encoding", () => {
    const context = unitContext();
    const kek = registerKek(context);
    const noEncoding = [enumeration(Tag.EncodingOption, EncodingOption.NoEncoding)];
    const id = registerWrapped(context, wrappedSymmetricKey(kwWrap(KEK_256, KEY_128), kek, noEncoding));
    expect(storedSymmetricKey(context.store.require(id).content!)).to.deep.equal(KEY_128);
  });

  it("takes back what Get wrapped", async () => {
    const context = unitContext();
    const kek = registerKek(context);
    const original = registerSymmetricKey(context, KEY_128, CryptographicUsageMask.Encrypt);
    const specification = structure(Tag.KeyWrappingSpecification, [enumeration(Tag.WrappingMethod, WrappingMethod.Encrypt), structure(Tag.EncryptionKeyInformation, [uid(kek)])]);
    const returned = await get(requestPayload([uid(original), specification]), context);

    const copy = registerWrapped(context, returned.value.find((field) => field.tag === Tag.SymmetricKey)!);
    expect(storedSymmetricKey(context.store.require(copy).content!)).to.deep.equal(KEY_128);
  });

  it("unwraps with an RSA private key", () => {
    const context = unitContext();
    const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const privateDer = pair.privateKey.export({ format: "der", type: "pkcs8" });
    const oaep = [padding(PaddingMethod.OAEP)];
    const rsaKey = registerAsymmetricKey(context, ObjectType.PrivateKey, privateDer, KeyFormatType.PKCS_8, CryptographicUsageMask.UnwrapKey, [ACTIVE, parametersAttribute(oaep)]);
    const wrapped = publicEncrypt({ key: pair.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha1" }, ttlvKeyValue(KEY_128));

    const id = registerWrapped(context, wrappedSymmetricKey(wrapped, rsaKey));
    expect(storedSymmetricKey(context.store.require(id).content!)).to.deep.equal(KEY_128);
  });

  const cases: Array<[string, (context: OperationContext) => TtlvNode, number]> = [
    ["an unknown unwrapping key", () => wrappedSymmetricKey(kwWrap(KEK_256, ttlvKeyValue(KEY_128)), "missing-kek"), ResultReason.ItemNotFound],
    ["a key without Unwrap Key", (context) => wrappedSymmetricKey(kwWrap(KEK_256, ttlvKeyValue(KEY_128)), registerKek(context, CryptographicUsageMask.WrapKey)), ResultReason.PermissionDenied],
    ["a value wrapped under another key", (context) => wrappedSymmetricKey(kwWrap(Buffer.alloc(32, 7), ttlvKeyValue(KEY_128)), registerKek(context)), ResultReason.CryptographicFailure],
    ["Wrapping Method MAC/sign", (context) => wrappedSymmetricKey(kwWrap(KEK_256, ttlvKeyValue(KEY_128)), registerKek(context), [], WrappingMethod.MACSign), ResultReason.FeatureNotSupported],
    ["plaintext that is not a Key Value", (context) => wrappedSymmetricKey(kwWrap(KEK_256, encode(bytes(Tag.KeyMaterial, KEY_128))), registerKek(context)), ResultReason.InvalidField],
  ];
  for (const [name, keyObject, reason] of cases) {
    it(`rejects ${name}`, async () => {
      const context = unitContext();
      const fields = [enumeration(Tag.ObjectType, ObjectType.SymmetricKey), structure(Tag.TemplateAttribute, [maskAttribute(CryptographicUsageMask.Encrypt)]), keyObject(context)];
      const error = await resultErrorOf(register, fields, context);
      expect(error.resultReason).to.equal(reason);
    });
  }
});
