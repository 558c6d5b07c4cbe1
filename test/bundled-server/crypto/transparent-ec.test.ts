/** Transparent EC keys (§2.1.7.14, §2.1.7.15): Register, Get conversion, Digest and errors. */
import { createHash, generateKeyPairSync, KeyObject } from "node:crypto";
import { expect } from "chai";
import { CryptographicAlgorithm, CryptographicUsageMask, KeyFormatType, ObjectType, RecommendedCurve, ResultReason, Tag } from "../../../src/kmip";
import { bigInteger, bytes, child, encode, enumeration, structure } from "../../../src/ttlv";
import { StructureNode, TtlvNode } from "../../../src/ttlv/types";
import { numberValue } from "../../../bundled-server/attributes/values";
import { asymmetricKeyInFormat } from "../../../bundled-server/crypto/key-formats";
import { readAsymmetricKey } from "../../../bundled-server/crypto/key-material";
import { register } from "../../../bundled-server/operations/register";
import { base64UrlToBigint } from "../../../bundled-server/crypto/transparent-keys";
import { requestPayload, resultErrorOf, unitContext } from "../unit-context";
import { ACTIVE, maskAttribute, registerAsymmetricKey } from "./builders";

const P384 = generateKeyPairSync("ec", { namedCurve: "secp384r1" });
const RSA = generateKeyPairSync("rsa", { modulusLength: 1024 });

function pkcs8Hex(key: KeyObject): string {
  return key.export({ format: "der", type: "pkcs8" }).toString("hex");
}

function transparentPrivate(curve: number, d: bigint | undefined): TtlvNode {
  const fields = [enumeration(Tag.RecommendedCurve, curve)];
  if (d !== undefined) {
    fields.push(bigInteger(Tag.D, d));
  }
  return structure(Tag.KeyMaterial, fields);
}

function transparentPublic(curve: number, q: Buffer): TtlvNode {
  return structure(Tag.KeyMaterial, [enumeration(Tag.RecommendedCurve, curve), bytes(Tag.QString, q)]);
}

function registerFields(objectType: number, format: number, material: TtlvNode): TtlvNode[] {
  const keyBlock = structure(Tag.KeyBlock, [enumeration(Tag.KeyFormatType, format), structure(Tag.KeyValue, [material])]);
  const tag = objectType === ObjectType.PrivateKey ? Tag.PrivateKey : Tag.PublicKey;
  return [enumeration(Tag.ObjectType, objectType), structure(Tag.TemplateAttribute, [maskAttribute(CryptographicUsageMask.Sign), ACTIVE]), structure(tag, [keyBlock])];
}

const dOf = (key: KeyObject): bigint => base64UrlToBigint(key.export({ format: "jwk" }).d as string);

describe("Transparent EC keys", () => {
  it("registers a private key from D alone", () => {
    const context = unitContext();
    const payload = register(requestPayload(registerFields(ObjectType.PrivateKey, KeyFormatType.TransparentECPrivateKey, transparentPrivate(RecommendedCurve.P_384, dOf(P384.privateKey)))), context);
    const object = context.store.require(payload.value[0].value as string);

    expect(numberValue(object.attributes.first("Cryptographic Length"))).to.equal(384);
    expect(numberValue(object.attributes.first("Cryptographic Algorithm"))).to.equal(CryptographicAlgorithm.EC);
    const pkcs8 = asymmetricKeyInFormat(object, KeyFormatType.PKCS_8);
    expect(pkcs8Hex(readAsymmetricKey(ObjectType.PrivateKey, pkcs8).keyObject)).to.equal(pkcs8Hex(P384.privateKey));
  });

  it("round-trips a P-224 key, which JWK cannot carry", () => {
    const context = unitContext();
    const pair = generateKeyPairSync("ec", { namedCurve: "secp224r1" });
    const id = registerAsymmetricKey(context, ObjectType.PrivateKey, pair.privateKey.export({ format: "der", type: "pkcs8" }), KeyFormatType.PKCS_8, CryptographicUsageMask.Sign);
    const transparent = asymmetricKeyInFormat(context.store.require(id), KeyFormatType.TransparentECPrivateKey);

    expect(child(child(child(child(transparent, Tag.KeyBlock)!, Tag.KeyValue)!, Tag.KeyMaterial)!, Tag.RecommendedCurve)?.value).to.equal(RecommendedCurve.P_224);
    expect(pkcs8Hex(readAsymmetricKey(ObjectType.PrivateKey, transparent).keyObject)).to.equal(pkcs8Hex(pair.privateKey));
  });

  it("digests the TTLV Key Material", () => {
    const context = unitContext();
    const material = transparentPrivate(RecommendedCurve.P_384, dOf(P384.privateKey));
    const payload = register(requestPayload(registerFields(ObjectType.PrivateKey, KeyFormatType.TransparentECPrivateKey, material)), context);
    const digest = context.store.require(payload.value[0].value as string).attributes.first("Digest")!;

    expect(child(digest, Tag.DigestValue)?.value).to.deep.equal(createHash("sha256").update(encode(material)).digest());
    expect(child(digest, Tag.KeyFormatType)?.value).to.equal(KeyFormatType.TransparentECPrivateKey);
  });

  it("returns a PKCS#8 key as Transparent EC", () => {
    const context = unitContext();
    const id = registerAsymmetricKey(context, ObjectType.PrivateKey, P384.privateKey.export({ format: "der", type: "pkcs8" }), KeyFormatType.PKCS_8, CryptographicUsageMask.Sign);
    const converted = asymmetricKeyInFormat(context.store.require(id), KeyFormatType.TransparentECPrivateKey);
    const material = child(child(child(converted, Tag.KeyBlock)!, Tag.KeyValue)!, Tag.KeyMaterial)!;

    expect(child(material, Tag.RecommendedCurve)?.value).to.equal(RecommendedCurve.P_384);
    expect(child(material, Tag.D)?.value).to.equal(dOf(P384.privateKey));
  });

  it("round-trips a public Q String", () => {
    const context = unitContext();
    const id = registerAsymmetricKey(context, ObjectType.PublicKey, P384.publicKey.export({ format: "der", type: "spki" }), KeyFormatType.X_509, CryptographicUsageMask.Verify);
    const converted = asymmetricKeyInFormat(context.store.require(id), KeyFormatType.TransparentECPublicKey) as StructureNode;
    const q = child(child(child(converted, Tag.KeyBlock)!, Tag.KeyValue)!, Tag.KeyMaterial)!;

    expect((child(q, Tag.QString)?.value as Buffer)[0]).to.equal(4);
    const reread = readAsymmetricKey(ObjectType.PublicKey, converted).keyObject;
    expect(reread.export({ format: "der", type: "spki" })).to.deep.equal(P384.publicKey.export({ format: "der", type: "spki" }));
  });

  it("accepts a compressed public point", () => {
    const context = unitContext();
    const jwk = P384.publicKey.export({ format: "jwk" });
    const y = Buffer.from(jwk.y as string, "base64url");
    const compressed = Buffer.concat([Buffer.from([2 + (y[y.length - 1] & 1)]), Buffer.from(jwk.x as string, "base64url")]);
    const payload = register(requestPayload(registerFields(ObjectType.PublicKey, KeyFormatType.TransparentECDSAPublicKey, transparentPublic(RecommendedCurve.P_384, compressed))), context);
    expect(context.store.require(payload.value[0].value as string).objectType).to.equal(ObjectType.PublicKey);
  });

  const errorCases: Array<[string, () => TtlvNode[], number]> = [
    ["an unsupported curve", () => registerFields(ObjectType.PrivateKey, KeyFormatType.TransparentECPrivateKey, transparentPrivate(RecommendedCurve.K_163, 5n)), ResultReason.KeyFormatTypeNotSupported],
    ["a missing D", () => registerFields(ObjectType.PrivateKey, KeyFormatType.TransparentECPrivateKey, transparentPrivate(RecommendedCurve.P_384, undefined)), ResultReason.InvalidField],
    ["a point off the curve", () => registerFields(ObjectType.PublicKey, KeyFormatType.TransparentECPublicKey, transparentPublic(RecommendedCurve.P_256, Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 1)]))), ResultReason.InvalidField],
    ["a public format for a private key", () => registerFields(ObjectType.PrivateKey, KeyFormatType.TransparentECPublicKey, transparentPublic(RecommendedCurve.P_384, Buffer.alloc(97, 4))), ResultReason.KeyFormatTypeNotSupported],
  ];
  for (const [name, fields, reason] of errorCases) {
    it(`rejects ${name}`, async () => {
      const error = await resultErrorOf(register, fields(), unitContext());
      expect(error.resultReason).to.equal(reason);
    });
  }

  it("does not return an RSA key as Transparent EC", () => {
    const context = unitContext();
    const id = registerAsymmetricKey(context, ObjectType.PrivateKey, RSA.privateKey.export({ format: "der", type: "pkcs1" }), KeyFormatType.PKCS_1, CryptographicUsageMask.Sign);
    expect(() => asymmetricKeyInFormat(context.store.require(id), KeyFormatType.TransparentECPrivateKey)).to.throw(/cannot be returned/);
  });
});
