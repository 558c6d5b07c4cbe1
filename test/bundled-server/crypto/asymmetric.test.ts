/** RSA and EC keys: Register, RSA encryption, Sign and Signature Verify, with their §11 errors. */
import { constants, createHash, generateKeyPairSync, KeyObject, privateDecrypt, publicEncrypt, sign, verify } from "node:crypto";
import { expect } from "chai";
import { CryptographicAlgorithm, CryptographicUsageMask, HashingAlgorithm, KeyFormatType, ObjectType, PaddingMethod, ResultReason, Tag, ValidityIndicator } from "../../../src/kmip";
import { bytes, enumeration, integer, structure } from "../../../src/ttlv";
import { TtlvNode } from "../../../src/ttlv/types";
import { register } from "../../../bundled-server/operations/register";
import { decrypt, encrypt } from "../../../bundled-server/operations/crypto/encrypt-decrypt";
import { signatureVerify, signOperation } from "../../../bundled-server/operations/crypto/sign-verify";
import { requestPayload, resultErrorOf, unitContext } from "../unit-context";
import { bytesField, data, fieldOf, finalIndicator, hashing, initIndicator, padding, parameters, registerAsymmetricKey, uid } from "./builders";

const RSA = generateKeyPairSync("rsa", { modulusLength: 2048 });
const EC = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
const MESSAGE = Buffer.from("message to sign or encrypt");

function der(key: KeyObject, type: "pkcs1" | "pkcs8" | "spki"): Buffer {
  return key.export({ format: "der", type } as never) as Buffer;
}

const signature = (value: Buffer): TtlvNode => bytes(Tag.SignatureData, value);
const mgfHashing = (value: number): TtlvNode => enumeration(Tag.MaskGeneratorHashingAlgorithm, value);

describe("asymmetric key Register", () => {
  it("records algorithm and length from the key", () => {
    const context = unitContext();
    const id = registerAsymmetricKey(context, ObjectType.PublicKey, der(RSA.publicKey, "spki"), KeyFormatType.X_509, CryptographicUsageMask.Verify);
    const object = context.store.require(id);
    expect(object.attributes.first("Cryptographic Algorithm")?.value).to.equal(CryptographicAlgorithm.RSA);
    expect(object.attributes.first("Cryptographic Length")?.value).to.equal(2048);
    expect(context.batch.idPlaceholder).to.equal(id);
  });

  const errorCases: Array<[string, number, Buffer, number, number]> = [
    ["malformed key material", ObjectType.PrivateKey, Buffer.from("3003020100", "hex"), KeyFormatType.PKCS_1, ResultReason.InvalidField],
    ["a format that does not fit the object", ObjectType.PrivateKey, der(RSA.publicKey, "spki"), KeyFormatType.X_509, ResultReason.KeyFormatTypeNotSupported],
  ];
  for (const [name, objectType, material, format, reason] of errorCases) {
    it(`rejects ${name}`, () => {
      expect(() => registerAsymmetricKey(unitContext(), objectType, material, format, CryptographicUsageMask.Sign)).to.throw().with.property("resultReason", reason);
    });
  }

  it("rejects a length that contradicts the key", async () => {
    const fields = [enumeration(Tag.ObjectType, ObjectType.PublicKey), ...publicKeyWithLength(1024)];
    const error = await resultErrorOf(register, fields, unitContext());
    expect(error.resultReason).to.equal(ResultReason.InvalidField);
  });
});

function publicKeyWithLength(length: number): TtlvNode[] {
  return [
    structure(Tag.TemplateAttribute, []),
    structure(Tag.PublicKey, [
      structure(Tag.KeyBlock, [
        enumeration(Tag.KeyFormatType, KeyFormatType.PKCS_1),
        structure(Tag.KeyValue, [bytes(Tag.KeyMaterial, der(RSA.publicKey, "pkcs1"))]),
        enumeration(Tag.CryptographicAlgorithm, CryptographicAlgorithm.RSA),
        integer(Tag.CryptographicLength, length),
      ]),
    ]),
  ];
}

describe("RSA Encrypt and Decrypt", () => {
  function keyPair(): { context: ReturnType<typeof unitContext>; publicId: string; privateId: string } {
    const context = unitContext();
    const publicId = registerAsymmetricKey(context, ObjectType.PublicKey, der(RSA.publicKey, "spki"), KeyFormatType.X_509, CryptographicUsageMask.Encrypt);
    const privateId = registerAsymmetricKey(context, ObjectType.PrivateKey, der(RSA.privateKey, "pkcs8"), KeyFormatType.PKCS_8, CryptographicUsageMask.Decrypt);
    return { context, publicId, privateId };
  }

  it("encrypts OAEP that node:crypto decrypts, and back", () => {
    const { context, publicId, privateId } = keyPair();
    const oaep = parameters([padding(PaddingMethod.OAEP), hashing(HashingAlgorithm.SHA_256)]);

    const ciphertext = bytesField(encrypt(requestPayload([uid(publicId), oaep, data(MESSAGE)]), context), Tag.Data);
    const opened = privateDecrypt({ key: RSA.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" }, ciphertext);
    expect(opened.toString()).to.equal(MESSAGE.toString());

    const sealed = publicEncrypt({ key: RSA.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256", oaepLabel: Buffer.from("label") }, MESSAGE);
    const labelled = parameters([padding(PaddingMethod.OAEP), hashing(HashingAlgorithm.SHA_256), bytes(Tag.PSource, Buffer.from("label"))]);
    expect(bytesField(decrypt(requestPayload([uid(privateId), labelled, data(sealed)]), context), Tag.Data).toString()).to.equal(MESSAGE.toString());
  });

  it("round-trips OAEP with a different mask generator hash", () => {
    const { context, publicId, privateId } = keyPair();
    const oaep = parameters([padding(PaddingMethod.OAEP), hashing(HashingAlgorithm.SHA_384), mgfHashing(HashingAlgorithm.SHA_1)]);
    const ciphertext = bytesField(encrypt(requestPayload([uid(publicId), oaep, data(MESSAGE)]), context), Tag.Data);
    expect(bytesField(decrypt(requestPayload([uid(privateId), oaep, data(ciphertext)]), context), Tag.Data).toString()).to.equal(MESSAGE.toString());
  });

  it("decrypts PKCS#1 v1.5 from node:crypto", () => {
    const { context, privateId } = keyPair();
    const sealed = publicEncrypt({ key: RSA.publicKey, padding: constants.RSA_PKCS1_PADDING }, MESSAGE);
    const opened = decrypt(requestPayload([uid(privateId), parameters([padding(PaddingMethod.PKCS1V1_5)]), data(sealed)]), context);
    expect(bytesField(opened, Tag.Data).toString()).to.equal(MESSAGE.toString());
  });

  it("answers Cryptographic Failure for a corrupted ciphertext", async () => {
    const { context, privateId } = keyPair();
    const sealed = publicEncrypt({ key: RSA.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha1" }, MESSAGE);
    sealed[10] ^= 0x40;
    const error = await resultErrorOf(decrypt, [uid(privateId), parameters([padding(PaddingMethod.OAEP)]), data(sealed)], context);
    expect(error.resultReason).to.equal(ResultReason.CryptographicFailure);
  });

  it("answers Permission Denied for decrypting with a public key", async () => {
    const { context, publicId } = keyPair();
    const error = await resultErrorOf(decrypt, [uid(publicId), parameters([padding(PaddingMethod.OAEP)]), data(Buffer.alloc(256))], context);
    expect(error.resultReason).to.equal(ResultReason.PermissionDenied);
  });

  it("answers Missing Data without a Padding Method", async () => {
    const { context, publicId } = keyPair();
    const error = await resultErrorOf(encrypt, [uid(publicId), data(MESSAGE)], context);
    expect(error.resultReason).to.equal(ResultReason.MissingData);
  });
});

describe("Sign and Signature Verify", () => {
  function signingKeys(privateKey: KeyObject, publicKey: KeyObject): { context: ReturnType<typeof unitContext>; privateId: string; publicId: string } {
    const context = unitContext();
    const privateId = registerAsymmetricKey(context, ObjectType.PrivateKey, der(privateKey, "pkcs8"), KeyFormatType.PKCS_8, CryptographicUsageMask.Sign);
    const publicId = registerAsymmetricKey(context, ObjectType.PublicKey, der(publicKey, "spki"), KeyFormatType.X_509, CryptographicUsageMask.Verify);
    return { context, privateId, publicId };
  }

  it("signs PKCS#1 v1.5 that node:crypto verifies", () => {
    const { context, privateId } = signingKeys(RSA.privateKey, RSA.publicKey);
    const payload = signOperation(requestPayload([uid(privateId), parameters([padding(PaddingMethod.PKCS1V1_5), hashing(HashingAlgorithm.SHA_256)]), data(MESSAGE)]), context);
    const value = bytesField(payload, Tag.SignatureData);
    expect(verify("sha256", MESSAGE, RSA.publicKey, value)).to.equal(true);
    // PKCS#1 v1.5 is deterministic: node:crypto produces the same bytes.
    expect(value.toString("hex")).to.equal(sign("sha256", MESSAGE, RSA.privateKey).toString("hex"));
  });

  it("signs PSS with a salt length that node:crypto verifies", () => {
    const { context, privateId } = signingKeys(RSA.privateKey, RSA.publicKey);
    const pss = parameters([padding(PaddingMethod.PSS), hashing(HashingAlgorithm.SHA_384), integer(Tag.SaltLength, 20)]);
    const value = bytesField(signOperation(requestPayload([uid(privateId), pss, data(MESSAGE)]), context), Tag.SignatureData);
    expect(verify("sha384", MESSAGE, { key: RSA.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 20 }, value)).to.equal(true);
  });

  it("signs Digested Data as node:crypto signs the message", () => {
    const { context, privateId } = signingKeys(RSA.privateKey, RSA.publicKey);
    const digestValue = createHash("sha512").update(MESSAGE).digest();
    const payload = signOperation(requestPayload([uid(privateId), parameters([hashing(HashingAlgorithm.SHA_512)]), bytes(Tag.DigestedData, digestValue)]), context);
    expect(verify("sha512", MESSAGE, RSA.publicKey, bytesField(payload, Tag.SignatureData))).to.equal(true);
  });

  const verifyCases: Array<[string, KeyObject, KeyObject, TtlvNode, (message: Buffer) => Buffer]> = [
    ["RSA PKCS#1 v1.5", RSA.privateKey, RSA.publicKey, parameters([hashing(HashingAlgorithm.SHA_256)]), (message) => sign("sha256", message, RSA.privateKey)],
    ["RSA PSS", RSA.privateKey, RSA.publicKey, parameters([padding(PaddingMethod.PSS), hashing(HashingAlgorithm.SHA_256)]), (message) => sign("sha256", message, { key: RSA.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 64 })],
    ["ECDSA", EC.privateKey, EC.publicKey, parameters([hashing(HashingAlgorithm.SHA_256)]), (message) => sign("sha256", message, EC.privateKey)],
  ];
  for (const [name, privateKey, publicKey, scheme, reference] of verifyCases) {
    it(`verifies ${name} signatures from node:crypto`, () => {
      const { context, publicId } = signingKeys(privateKey, publicKey);
      const good = reference(MESSAGE);
      const valid = signatureVerify(requestPayload([uid(publicId), scheme, data(MESSAGE), signature(good)]), context);
      expect(fieldOf(valid, Tag.ValidityIndicator)).to.equal(ValidityIndicator.Valid);

      const invalid = signatureVerify(requestPayload([uid(publicId), scheme, data(Buffer.from("other message")), signature(good)]), context);
      expect(fieldOf(invalid, Tag.ValidityIndicator)).to.equal(ValidityIndicator.Invalid);
    });
  }

  it("signs ECDSA in parts that node:crypto verifies", () => {
    const { context, privateId } = signingKeys(EC.privateKey, EC.publicKey);
    const scheme = parameters([hashing(HashingAlgorithm.SHA_256)]);
    const first = signOperation(requestPayload([uid(privateId), scheme, data(MESSAGE.subarray(0, 7)), initIndicator()]), context);
    const correlation = bytes(Tag.CorrelationValue, bytesField(first, Tag.CorrelationValue));
    const last = signOperation(requestPayload([data(MESSAGE.subarray(7)), correlation, finalIndicator()]), context);
    expect(verify("sha256", MESSAGE, EC.publicKey, bytesField(last, Tag.SignatureData))).to.equal(true);
  });

  const errorCases: Array<[string, (ids: { privateId: string; publicId: string }) => TtlvNode[], typeof signOperation, number]> = [
    ["signing with a public key", (ids) => [uid(ids.publicId), parameters([hashing(HashingAlgorithm.SHA_256)]), data(MESSAGE)], signOperation, ResultReason.PermissionDenied],
    ["verifying with a private key", (ids) => [uid(ids.privateId), parameters([hashing(HashingAlgorithm.SHA_256)]), data(MESSAGE), signature(Buffer.alloc(256))], signatureVerify, ResultReason.PermissionDenied],
    ["no Hashing Algorithm", (ids) => [uid(ids.privateId), data(MESSAGE)], signOperation, ResultReason.MissingData],
    ["neither Data nor Digested Data", (ids) => [uid(ids.privateId), parameters([hashing(HashingAlgorithm.SHA_256)])], signOperation, ResultReason.MissingData],
    ["Digested Data of the wrong size", (ids) => [uid(ids.privateId), parameters([hashing(HashingAlgorithm.SHA_256)]), bytes(Tag.DigestedData, Buffer.alloc(20))], signOperation, ResultReason.InvalidField],
    ["no Signature Data to verify", (ids) => [uid(ids.publicId), parameters([hashing(HashingAlgorithm.SHA_256)]), data(MESSAGE)], signatureVerify, ResultReason.MissingData],
    ["an EC algorithm for an RSA key", (ids) => [uid(ids.privateId), parameters([enumeration(Tag.CryptographicAlgorithm, CryptographicAlgorithm.ECDSA), hashing(HashingAlgorithm.SHA_256)]), data(MESSAGE)], signOperation, ResultReason.InvalidField],
    ["an unknown key", () => [uid("missing"), data(MESSAGE)], signOperation, ResultReason.ItemNotFound],
  ];
  for (const [name, fields, handler, reason] of errorCases) {
    it(`rejects ${name}`, async () => {
      const { context, privateId, publicId } = signingKeys(RSA.privateKey, RSA.publicKey);
      const error = await resultErrorOf(handler, fields({ privateId, publicId }), context);
      expect(error.resultReason).to.equal(reason);
    });
  }

  it("answers Permission Denied for a Pre-Active private key", async () => {
    const context = unitContext();
    const privateId = registerAsymmetricKey(context, ObjectType.PrivateKey, der(RSA.privateKey, "pkcs1"), KeyFormatType.PKCS_1, CryptographicUsageMask.Sign, []);
    const error = await resultErrorOf(signOperation, [uid(privateId), parameters([hashing(HashingAlgorithm.SHA_256)]), data(MESSAGE)], context);
    expect(error.resultReason).to.equal(ResultReason.PermissionDenied);
  });
});
