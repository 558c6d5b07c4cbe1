/** Get with a Key Wrapping Specification (§2.1.6) and its §11.12 error cases; RNG Seed policies. */
import { constants, createDecipheriv, generateKeyPairSync, privateDecrypt, randomBytes } from "node:crypto";
import { expect } from "chai";
import {
  BlockCipherMode, CryptographicAlgorithm, CryptographicUsageMask, EncodingOption, HashingAlgorithm, KeyFormatType, ObjectType, PaddingMethod, ResultReason, SecretDataType, Tag, WrappingMethod,
} from "../../src/kmip";
import { bool, bytes, child, decode, enumeration, structure, text } from "../../src/ttlv";
import { StructureNode, TtlvNode } from "../../src/ttlv/types";
import { OperationContext } from "../../bundled-server/context";
import { rngSeed } from "../../bundled-server/operations/crypto/rng";
import { get } from "../../bundled-server/operations/get";
import { register } from "../../bundled-server/operations/register";
import { attribute } from "./helpers";
import { ACTIVE, data, mode, padding, hashing, parametersAttribute, registerAsymmetricKey, registerSymmetricKey, uid } from "./crypto/builders";
import { fieldValue } from "./unit-builders";
import { requestPayload, resultErrorOf, unitContext } from "./unit-context";

const WRAP = CryptographicUsageMask.WrapKey;
const KEK_128 = Buffer.from("000102030405060708090a0b0c0d0e0f", "hex");
const KEY_192 = Buffer.from("00112233445566778899aabbccddeeff0001020304050607", "hex");

function encryptionKeyInformation(identifier: string, parameterFields?: TtlvNode[]): TtlvNode {
  const fields = [uid(identifier)];
  if (parameterFields !== undefined) {
    fields.push(structure(Tag.CryptographicParameters, parameterFields));
  }
  return structure(Tag.EncryptionKeyInformation, fields);
}

function wrappingSpecification(keyInformation: TtlvNode | undefined, extra: TtlvNode[] = [], method: number = WrappingMethod.Encrypt): TtlvNode {
  const fields = [enumeration(Tag.WrappingMethod, method)];
  if (keyInformation !== undefined) {
    fields.push(keyInformation);
  }
  return structure(Tag.KeyWrappingSpecification, [...fields, ...extra]);
}

/** Registers an AES-128 key-encryption key with the given mask and Cryptographic Parameters. */
function registerKek(context: OperationContext, mask: number = WRAP, parameterFields: TtlvNode[] | "none" = [mode(BlockCipherMode.AESKeyWrapPadding)], attributes: TtlvNode[] = [ACTIVE]): string {
  const extra = parameterFields === "none" ? [] : [parametersAttribute(parameterFields)];
  return registerSymmetricKey(context, KEK_128, mask, [...attributes, ...extra]);
}

function keyBlockOf(payload: StructureNode, tag: number = Tag.SymmetricKey): StructureNode {
  return child(child(payload, tag)!, Tag.KeyBlock) as StructureNode;
}

function unwrap(kek: Buffer, wrapped: Buffer, cipherMode: "wrap" | "wrap-pad"): Buffer {
  const initialValue = cipherMode === "wrap" ? Buffer.from("a6a6a6a6a6a6a6a6", "hex") : Buffer.from("a65959a6", "hex");
  const decipher = createDecipheriv(`id-aes${kek.length * 8}-${cipherMode}`, kek, initialValue);
  return Buffer.concat([decipher.update(wrapped), decipher.final()]);
}

describe("Get with key wrapping", () => {
  it("wraps the TTLV Key Value with AES Key Wrap Padding", async () => {
    const context = unitContext();
    const kek = registerKek(context);
    const target = registerSymmetricKey(context, KEY_192, CryptographicUsageMask.Encrypt);
    const payload = await get(requestPayload([uid(target), wrappingSpecification(encryptionKeyInformation(kek))]), context);

    const keyBlock = keyBlockOf(payload);
    const keyValue = child(keyBlock, Tag.KeyValue)!;
    expect(keyValue.type).to.equal(8); // Byte String: §2.1.3 Key Value of a wrapped key.
    const plaintext = decode(unwrap(KEK_128, keyValue.value as Buffer, "wrap-pad"));
    expect(plaintext.tag).to.equal(Tag.KeyValue);
    expect(child(plaintext, Tag.KeyMaterial)?.value).to.deep.equal(KEY_192);
  });

  it("echoes the wrapping in Key Wrapping Data", async () => {
    const context = unitContext();
    const kek = registerKek(context);
    const target = registerSymmetricKey(context, KEY_192, CryptographicUsageMask.Encrypt);
    const keyInformation = encryptionKeyInformation(kek, [mode(BlockCipherMode.AESKeyWrapPadding)]);
    const payload = await get(requestPayload([uid(target), wrappingSpecification(keyInformation)]), context);

    const wrappingData = child(keyBlockOf(payload), Tag.KeyWrappingData)!;
    expect(child(wrappingData, Tag.WrappingMethod)?.value).to.equal(WrappingMethod.Encrypt);
    expect(child(child(wrappingData, Tag.EncryptionKeyInformation)!, Tag.UniqueIdentifier)?.value).to.equal(kek);
    expect(child(keyBlockOf(payload), Tag.CryptographicAlgorithm)?.value).to.equal(CryptographicAlgorithm.AES);
  });

  it("wraps raw Key Material with No Encoding", async () => {
    const context = unitContext();
    const kek = registerKek(context, WRAP, [mode(BlockCipherMode.NISTKeyWrap)]);
    const target = registerSymmetricKey(context, KEY_192, CryptographicUsageMask.Encrypt);
    const noEncoding = enumeration(Tag.EncodingOption, EncodingOption.NoEncoding);
    const payload = await get(requestPayload([uid(target), wrappingSpecification(encryptionKeyInformation(kek), [noEncoding])]), context);

    const wrapped = child(keyBlockOf(payload), Tag.KeyValue)!.value as Buffer;
    expect(unwrap(KEK_128, wrapped, "wrap")).to.deep.equal(KEY_192);
    expect(child(child(keyBlockOf(payload), Tag.KeyWrappingData)!, Tag.EncodingOption)?.value).to.equal(EncodingOption.NoEncoding);
  });

  it("includes the named attributes", async () => {
    const context = unitContext();
    const kek = registerKek(context);
    const target = registerSymmetricKey(context, KEY_192, CryptographicUsageMask.Encrypt);
    const names = [text(Tag.AttributeName, "Cryptographic Usage Mask")];
    const payload = await get(requestPayload([uid(target), wrappingSpecification(encryptionKeyInformation(kek), names)]), context);

    const plaintext = decode(unwrap(KEK_128, child(keyBlockOf(payload), Tag.KeyValue)!.value as Buffer, "wrap-pad")) as StructureNode;
    const wrappedAttribute = child(plaintext, Tag.Attribute)!;
    expect(child(wrappedAttribute, Tag.AttributeName)?.value).to.equal("Cryptographic Usage Mask");
    expect(child(wrappedAttribute, Tag.AttributeValue)?.value).to.equal(CryptographicUsageMask.Encrypt);
  });

  it("wraps Secret Data", async () => {
    const context = unitContext();
    const kek = registerKek(context);
    const secretData = structure(Tag.SecretData, [
      enumeration(Tag.SecretDataType, SecretDataType.Password),
      structure(Tag.KeyBlock, [enumeration(Tag.KeyFormatType, KeyFormatType.Opaque), structure(Tag.KeyValue, [bytes(Tag.KeyMaterial, Buffer.from("hunter2"))])]),
    ]);
    const registered = await register(requestPayload([enumeration(Tag.ObjectType, ObjectType.SecretData), structure(Tag.TemplateAttribute, []), secretData]), context);
    const payload = await get(requestPayload([uid(fieldValue(registered, Tag.UniqueIdentifier) as string), wrappingSpecification(encryptionKeyInformation(kek))]), context);

    const plaintext = decode(unwrap(KEK_128, child(keyBlockOf(payload, Tag.SecretData), Tag.KeyValue)!.value as Buffer, "wrap-pad"));
    expect(child(plaintext, Tag.KeyMaterial)?.value).to.deep.equal(Buffer.from("hunter2"));
  });

  it("returns a Sensitive key wrapped only", async () => {
    const context = unitContext();
    const kek = registerKek(context);
    const target = registerSymmetricKey(context, KEY_192, CryptographicUsageMask.Encrypt, [ACTIVE, attribute("Sensitive", bool(0, true))]);

    const plain = await resultErrorOf(get, [uid(target)], context);
    expect(plain.resultReason).to.equal(ResultReason.Sensitive);
    const payload = await get(requestPayload([uid(target), wrappingSpecification(encryptionKeyInformation(kek))]), context);
    expect(child(keyBlockOf(payload), Tag.KeyWrappingData)).to.not.equal(undefined);
  });

  it("wraps with an RSA public key and OAEP", async () => {
    const context = unitContext();
    const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const publicDer = pair.publicKey.export({ format: "der", type: "spki" });
    const oaep = [padding(PaddingMethod.OAEP), hashing(HashingAlgorithm.SHA_256)];
    const wrappingKey = registerAsymmetricKey(context, ObjectType.PublicKey, publicDer, KeyFormatType.X_509, WRAP, [ACTIVE, parametersAttribute(oaep)]);
    const target = registerSymmetricKey(context, KEY_192, CryptographicUsageMask.Encrypt);
    const payload = await get(requestPayload([uid(target), wrappingSpecification(encryptionKeyInformation(wrappingKey))]), context);

    const wrapped = child(keyBlockOf(payload), Tag.KeyValue)!.value as Buffer;
    const plaintext = privateDecrypt({ key: pair.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" }, wrapped);
    expect(child(decode(plaintext), Tag.KeyMaterial)?.value).to.deep.equal(KEY_192);
  });
});

describe("Get with key wrapping errors", () => {
  type Setup = (context: OperationContext) => { target: string; specification: TtlvNode };

  const withKek = (options: { mask?: number; parameters?: TtlvNode[] | "none"; attributes?: TtlvNode[]; keyInformation?: TtlvNode[]; extra?: TtlvNode[]; method?: number }): Setup => (context) => {
    const kek = registerKek(context, options.mask ?? WRAP, options.parameters ?? [mode(BlockCipherMode.AESKeyWrapPadding)], options.attributes ?? [ACTIVE]);
    const target = registerSymmetricKey(context, KEY_192, CryptographicUsageMask.Encrypt);
    const specification = wrappingSpecification(encryptionKeyInformation(kek, options.keyInformation), options.extra ?? [], options.method);
    return { target, specification };
  };

  const cases: Array<[string, Setup, number]> = [
    ["an unknown wrapping key", (context) => ({ target: registerSymmetricKey(context, KEY_192, WRAP), specification: wrappingSpecification(encryptionKeyInformation("no-such-key")) }), ResultReason.ItemNotFound],
    ["a wrapping key without Wrap Key", withKek({ mask: CryptographicUsageMask.Encrypt }), ResultReason.PermissionDenied],
    ["a Pre-Active wrapping key", withKek({ attributes: [] }), ResultReason.PermissionDenied],
    ["a wrapping key without parameters", withKek({ parameters: "none" }), ResultReason.ItemNotFound],
    ["parameters the key lacks", withKek({ keyInformation: [mode(BlockCipherMode.CBC)] }), ResultReason.ItemNotFound],
    ["No Encoding with attribute names", withKek({ extra: [text(Tag.AttributeName, "Name"), enumeration(Tag.EncodingOption, EncodingOption.NoEncoding)] }), ResultReason.EncodingOptionError],
    ["Wrapping Method MAC/sign", withKek({ method: WrappingMethod.MACSign }), ResultReason.FeatureNotSupported],
    ["a wrapping object that is not a key", (context) => {
      const opaque = structure(Tag.OpaqueObject, [enumeration(Tag.OpaqueDataType, 0x80000001), bytes(Tag.OpaqueDataValue, randomBytes(8))]);
      const registered = register(requestPayload([enumeration(Tag.ObjectType, ObjectType.OpaqueObject), structure(Tag.TemplateAttribute, []), opaque]), context);
      const target = registerSymmetricKey(context, KEY_192, CryptographicUsageMask.Encrypt);
      return { target, specification: wrappingSpecification(encryptionKeyInformation(fieldValue(registered, Tag.UniqueIdentifier) as string)) };
    }, ResultReason.IllegalOperation],
    ["no Encryption Key Information", (context) => ({ target: registerSymmetricKey(context, KEY_192, WRAP), specification: wrappingSpecification(undefined) }), ResultReason.MissingData],
  ];

  for (const [name, setup, reason] of cases) {
    it(`rejects ${name}`, async () => {
      const context = unitContext();
      const { target, specification } = setup(context);
      const error = await resultErrorOf(get, [uid(target), specification], context);
      expect(error.resultReason).to.equal(reason);
    });
  }
});

describe("RNG Seed policy", () => {
  const seed = randomBytes(24);
  const dataLength = (limit: number | "reject" | undefined): unknown => {
    const context = unitContext();
    context.policy = { ...context.policy, rngSeedLimit: limit };
    return fieldValue(rngSeed(requestPayload([data(seed)]), context), Tag.DataLength);
  };

  it("uses every byte by default", () => {
    expect(dataLength(undefined)).to.equal(24);
  });

  it("uses at most the limit", () => {
    expect(dataLength(10)).to.equal(10);
  });

  it("ignores seeds with limit 0", () => {
    expect(dataLength(0)).to.equal(0);
  });

  it("rejects seeds when configured", async () => {
    const context = unitContext();
    context.policy = { ...context.policy, rngSeedLimit: "reject" };
    const error = await resultErrorOf(rngSeed, [data(seed)], context);
    expect(error.resultReason).to.equal(ResultReason.PermissionDenied);
  });
});
