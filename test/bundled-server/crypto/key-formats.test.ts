/** Asymmetric key format conversion for Get, and AES key wrapping. */
import { createPrivateKey, generateKeyPairSync, KeyObject, randomBytes } from "node:crypto";
import { expect } from "chai";
import { BlockCipherMode, CryptographicUsageMask, KeyFormatType, ObjectType, ResultReason, Tag } from "../../../src/kmip";
import { StructureNode } from "../../../src/ttlv/types";
import { asymmetricKeyInFormat } from "../../../bundled-server/crypto/key-formats";
import { readAsymmetricKey } from "../../../bundled-server/crypto/key-material";
import { unwrapKey, wrapKey } from "../../../bundled-server/crypto/key-wrap";
import { unitContext } from "../unit-context";
import { registerAsymmetricKey } from "./builders";

const RSA = generateKeyPairSync("rsa", { modulusLength: 1024 });
const EC = generateKeyPairSync("ec", { namedCurve: "prime256v1" });

function der(key: KeyObject, type: "pkcs1" | "pkcs8" | "spki" | "sec1"): Buffer {
  return key.export({ format: "der", type } as never) as Buffer;
}

function keyBlockOf(content: StructureNode): StructureNode {
  return content.value[0] as StructureNode;
}

describe("asymmetric key formats", () => {
  it("returns an RSA private key in every format it takes", () => {
    const context = unitContext();
    const id = registerAsymmetricKey(context, ObjectType.PrivateKey, der(RSA.privateKey, "pkcs1"), KeyFormatType.PKCS_1, CryptographicUsageMask.Sign);
    const object = context.store.require(id);
    const reference = der(RSA.privateKey, "pkcs8").toString("hex");

    for (const format of [KeyFormatType.PKCS_1, KeyFormatType.PKCS_8, KeyFormatType.TransparentRSAPrivateKey]) {
      const converted = asymmetricKeyInFormat(object, format);
      expect(keyBlockOf(converted).value[0].value, "Key Format Type").to.equal(format);
      const parsed = readAsymmetricKey(ObjectType.PrivateKey, converted).keyObject;
      expect(der(parsed, "pkcs8").toString("hex"), `format 0x${format.toString(16)}`).to.equal(reference);
    }
  });

  it("returns an EC public key as X.509", () => {
    const context = unitContext();
    const id = registerAsymmetricKey(context, ObjectType.PublicKey, der(EC.publicKey, "spki"), KeyFormatType.X_509, CryptographicUsageMask.Verify);
    const converted = asymmetricKeyInFormat(context.store.require(id), KeyFormatType.X_509);
    const keyValue = keyBlockOf(converted).value.find((field) => field.tag === Tag.KeyValue) as StructureNode;
    expect((keyValue.value[0].value as Buffer).toString("hex")).to.equal(der(EC.publicKey, "spki").toString("hex"));
  });

  const unsupported: Array<[string, number, KeyObject, "pkcs1" | "spki" | "sec1", number, number]> = [
    ["an EC key as PKCS#1", ObjectType.PrivateKey, EC.privateKey, "sec1", KeyFormatType.ECPrivateKey, KeyFormatType.PKCS_1],
    ["a public key as PKCS#8", ObjectType.PublicKey, RSA.publicKey, "spki", KeyFormatType.X_509, KeyFormatType.PKCS_8],
    ["a public key as Transparent RSA Private Key", ObjectType.PublicKey, RSA.publicKey, "pkcs1", KeyFormatType.PKCS_1, KeyFormatType.TransparentRSAPrivateKey],
  ];
  for (const [name, objectType, key, type, format, requested] of unsupported) {
    it(`rejects ${name}`, () => {
      const context = unitContext();
      const mask = objectType === ObjectType.PrivateKey ? CryptographicUsageMask.Sign : CryptographicUsageMask.Verify;
      const id = registerAsymmetricKey(context, objectType, der(key, type), format, mask);
      expect(() => asymmetricKeyInFormat(context.store.require(id), requested)).to.throw().with.property("resultReason", ResultReason.KeyFormatTypeNotSupported);
    });
  }

  it("reads an ECPrivateKey that node:crypto accepts", () => {
    const context = unitContext();
    const id = registerAsymmetricKey(context, ObjectType.PrivateKey, der(EC.privateKey, "sec1"), KeyFormatType.ECPrivateKey, CryptographicUsageMask.Sign);
    const converted = asymmetricKeyInFormat(context.store.require(id), KeyFormatType.PKCS_8);
    const material = (keyBlockOf(converted).value[1] as StructureNode).value[0].value as Buffer;
    expect(createPrivateKey({ key: material, format: "der", type: "pkcs8" }).asymmetricKeyType).to.equal("ec");
  });
});

describe("AES key wrapping", () => {
  // RFC 3394 §4.1: 128 bits of key data wrapped with a 128-bit KEK.
  it("matches the RFC 3394 known answer", () => {
    const kek = Buffer.from("000102030405060708090a0b0c0d0e0f", "hex");
    const keyData = Buffer.from("00112233445566778899aabbccddeeff", "hex");
    const wrapped = wrapKey(BlockCipherMode.NISTKeyWrap, kek, keyData);
    expect(wrapped.toString("hex")).to.equal("1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5");
    expect(unwrapKey(BlockCipherMode.NISTKeyWrap, kek, wrapped).toString("hex")).to.equal(keyData.toString("hex"));
  });

  it("wraps odd lengths with padding", () => {
    const kek = randomBytes(32);
    const keyData = randomBytes(21);
    const wrapped = wrapKey(BlockCipherMode.AESKeyWrapPadding, kek, keyData);
    expect(unwrapKey(BlockCipherMode.AESKeyWrapPadding, kek, wrapped).toString("hex")).to.equal(keyData.toString("hex"));
  });

  it("answers Cryptographic Failure for a tampered wrap", () => {
    const kek = randomBytes(16);
    const wrapped = wrapKey(BlockCipherMode.NISTKeyWrap, kek, randomBytes(32));
    wrapped[3] ^= 1;
    expect(() => unwrapKey(BlockCipherMode.NISTKeyWrap, kek, wrapped)).to.throw().with.property("resultReason", ResultReason.CryptographicFailure);
  });

  it("rejects an unsupported mode", () => {
    expect(() => wrapKey(BlockCipherMode.CBC, randomBytes(16), randomBytes(16))).to.throw().with.property("resultReason", ResultReason.FeatureNotSupported);
  });
});
