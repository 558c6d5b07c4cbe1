/** Encrypt and Decrypt handlers: known-answer tests, multi-part streams and the §11.30/§11.31 errors. */
import { createCipheriv, randomBytes } from "node:crypto";
import { expect } from "chai";
import { BlockCipherMode, CryptographicAlgorithm, CryptographicUsageMask, PaddingMethod, ResultReason, Tag, UsageLimitsUnit } from "../../../src/kmip";
import { bool, bytes, dateTime, enumeration, integer, longInteger, structure } from "../../../src/ttlv";
import { TtlvNode } from "../../../src/ttlv/types";
import { destroy, revoke } from "../../../bundled-server/operations/lifecycle-operations";
import { decrypt, encrypt } from "../../../bundled-server/operations/crypto/encrypt-decrypt";
import { attribute } from "../helpers";
import { FIXED_NOW, requestPayload, resultErrorOf, unitContext } from "../unit-context";
import { ACTIVE, bytesField, data, fieldOf, finalIndicator, initIndicator, iv, mode, padding, parameters, parametersAttribute, registerSymmetricKey, uid } from "./builders";

const BOTH = CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt;

// FIPS 197 Appendix C.1: AES-128 with key 000102...0f encrypts 00112233...ff to 69c4e0d8...c55a.
const FIPS197_KEY = Buffer.from("000102030405060708090a0b0c0d0e0f", "hex");
const FIPS197_PLAINTEXT = Buffer.from("00112233445566778899aabbccddeeff", "hex");
const FIPS197_CIPHERTEXT = Buffer.from("69c4e0d86a7b0430d8cdb78070b4c55a", "hex");

function nodeEncrypt(name: string, key: Buffer, ivBytes: Buffer | null, plaintext: Buffer, autoPadding: boolean): Buffer {
  const cipher = createCipheriv(name, key, ivBytes);
  cipher.setAutoPadding(autoPadding);
  return Buffer.concat([cipher.update(plaintext), cipher.final()]);
}

describe("Encrypt and Decrypt handlers", () => {
  it("matches the FIPS 197 AES-128 known answer in ECB", () => {
    const context = unitContext();
    const id = registerSymmetricKey(context, FIPS197_KEY, BOTH);

    const encrypted = encrypt(requestPayload([uid(id), parameters([mode(BlockCipherMode.ECB)]), data(FIPS197_PLAINTEXT)]), context);
    expect(bytesField(encrypted, Tag.Data).toString("hex")).to.equal(FIPS197_CIPHERTEXT.toString("hex"));
    expect(fieldOf(encrypted, Tag.UniqueIdentifier)).to.equal(id);

    const decrypted = decrypt(requestPayload([uid(id), parameters([mode(BlockCipherMode.ECB)]), data(FIPS197_CIPHERTEXT)]), context);
    expect(bytesField(decrypted, Tag.Data).toString("hex")).to.equal(FIPS197_PLAINTEXT.toString("hex"));
  });

  it("uses the key's Cryptographic Parameters when the request has none", () => {
    const context = unitContext();
    const key = randomBytes(32);
    const ivBytes = randomBytes(16);
    const plaintext = Buffer.from("thirty-three bytes of plain text!");
    const id = registerSymmetricKey(context, key, BOTH, [ACTIVE, parametersAttribute([mode(BlockCipherMode.CBC), padding(PaddingMethod.PKCS5)])]);

    const encrypted = bytesField(encrypt(requestPayload([uid(id), data(plaintext), iv(ivBytes)]), context), Tag.Data);
    expect(encrypted.toString("hex")).to.equal(nodeEncrypt("aes-256-cbc", key, ivBytes, plaintext, true).toString("hex"));
    expect(encrypted.length).to.equal(48);

    const decrypted = bytesField(decrypt(requestPayload([uid(id), data(encrypted), iv(ivBytes)]), context), Tag.Data);
    expect(decrypted.toString()).to.equal(plaintext.toString());
  });

  it("encrypts AES-CTR and 3DES-CBC like node:crypto", () => {
    const context = unitContext();
    const aesKey = randomBytes(24);
    const desKey = randomBytes(24);
    const counter = randomBytes(16);
    const desIv = randomBytes(8);
    const plaintext = randomBytes(40);
    const aesId = registerSymmetricKey(context, aesKey, BOTH);
    const desId = registerSymmetricKey(context, desKey, BOTH, [ACTIVE], CryptographicAlgorithm.DES3);

    const ctr = bytesField(encrypt(requestPayload([uid(aesId), parameters([mode(BlockCipherMode.CTR)]), data(plaintext), iv(counter)]), context), Tag.Data);
    expect(ctr.toString("hex")).to.equal(nodeEncrypt("aes-192-ctr", aesKey, counter, plaintext, false).toString("hex"));

    const cbc = bytesField(encrypt(requestPayload([uid(desId), parameters([mode(BlockCipherMode.CBC), padding(PaddingMethod.PKCS5)]), data(plaintext), iv(desIv)]), context), Tag.Data);
    expect(cbc.toString("hex")).to.equal(nodeEncrypt("des-ede3-cbc", desKey, desIv, plaintext, true).toString("hex"));
  });

  it("returns a generated Random IV that decrypts", () => {
    const context = unitContext();
    const id = registerSymmetricKey(context, randomBytes(16), BOTH, [ACTIVE, parametersAttribute([mode(BlockCipherMode.CBC), padding(PaddingMethod.PKCS5), bool(Tag.RandomIV, true)])]);
    const plaintext = Buffer.from("random IV round trip");

    const encrypted = encrypt(requestPayload([uid(id), data(plaintext)]), context);
    const generatedIv = bytesField(encrypted, Tag.IVCounterNonce);
    expect(generatedIv.length).to.equal(16);

    const decrypted = decrypt(requestPayload([uid(id), data(bytesField(encrypted, Tag.Data)), iv(generatedIv)]), context);
    expect(bytesField(decrypted, Tag.Data).toString()).to.equal(plaintext.toString());
  });

  it("encrypts GCM with additional data like node:crypto and checks the tag", () => {
    const context = unitContext();
    const key = randomBytes(16);
    const nonce = randomBytes(12);
    const aad = Buffer.from("header");
    const plaintext = randomBytes(60);
    const id = registerSymmetricKey(context, key, BOTH);
    const gcm = parameters([mode(BlockCipherMode.GCM), integer(Tag.TagLength, 16)]);

    const reference = createCipheriv("aes-128-gcm", key, nonce);
    reference.setAAD(aad);
    const expected = Buffer.concat([reference.update(plaintext), reference.final()]);
    const encrypted = encrypt(requestPayload([uid(id), gcm, data(plaintext), iv(nonce), bytes(Tag.AuthenticatedEncryptionAdditionalData, aad)]), context);
    expect(bytesField(encrypted, Tag.Data).toString("hex")).to.equal(expected.toString("hex"));
    expect(bytesField(encrypted, Tag.AuthenticatedEncryptionTag).toString("hex")).to.equal(reference.getAuthTag().toString("hex"));

    const decryptFields = (tag: Buffer): TtlvNode[] => [uid(id), gcm, data(expected), iv(nonce), bytes(Tag.AuthenticatedEncryptionAdditionalData, aad), bytes(Tag.AuthenticatedEncryptionTag, tag)];
    const decrypted = decrypt(requestPayload(decryptFields(reference.getAuthTag())), context);
    expect(bytesField(decrypted, Tag.Data).toString("hex")).to.equal(plaintext.toString("hex"));

    const forged = Buffer.from(reference.getAuthTag());
    forged[0] ^= 1;
    return resultErrorOf(decrypt, decryptFields(forged), context).then((error) => expect(error.resultReason).to.equal(ResultReason.CryptographicFailure));
  });

  it("streams GCM in parts with the same result as one part", () => {
    const context = unitContext();
    const key = randomBytes(32);
    const nonce = randomBytes(12);
    const plaintext = randomBytes(50);
    const id = registerSymmetricKey(context, key, BOTH);
    const gcm = parameters([mode(BlockCipherMode.GCM), integer(Tag.TagLength, 16)]);
    const single = encrypt(requestPayload([uid(id), gcm, data(plaintext), iv(nonce)]), context);

    const first = encrypt(requestPayload([uid(id), gcm, data(plaintext.subarray(0, 20)), iv(nonce), initIndicator()]), context);
    const correlation = bytesField(first, Tag.CorrelationValue);
    const middle = encrypt(requestPayload([uid(id), data(plaintext.subarray(20, 35)), bytes(Tag.CorrelationValue, correlation)]), context);
    const last = encrypt(requestPayload([uid(id), data(plaintext.subarray(35)), bytes(Tag.CorrelationValue, correlation), finalIndicator()]), context);

    const streamed = Buffer.concat([bytesField(first, Tag.Data), bytesField(middle, Tag.Data), bytesField(last, Tag.Data)]);
    expect(streamed.toString("hex")).to.equal(bytesField(single, Tag.Data).toString("hex"));
    expect(bytesField(last, Tag.AuthenticatedEncryptionTag).toString("hex")).to.equal(bytesField(single, Tag.AuthenticatedEncryptionTag).toString("hex"));
    expect(fieldOf(last, Tag.CorrelationValue)).to.equal(undefined);
  });

  it("enforces Usage Limits in bytes", async () => {
    const context = unitContext();
    const limits = attribute("Usage Limits", structure(0, [longInteger(Tag.UsageLimitsTotal, 32n), enumeration(Tag.UsageLimitsUnit, UsageLimitsUnit.Byte)]));
    const id = registerSymmetricKey(context, randomBytes(16), BOTH, [ACTIVE, limits]);
    const request = [uid(id), parameters([mode(BlockCipherMode.ECB)]), data(randomBytes(16))];

    encrypt(requestPayload(request), context);
    encrypt(requestPayload(request), context);
    const error = await resultErrorOf(encrypt, request, context);
    expect(error.resultReason).to.equal(ResultReason.PermissionDenied);

    // §3.21: processing protected data is not limited.
    decrypt(requestPayload(request), context);
  });
});

describe("Encrypt and Decrypt errors", () => {
  const ecb = parameters([mode(BlockCipherMode.ECB)]);
  const block = data(Buffer.alloc(16, 7));

  it("answers Item Not Found for an unknown key", async () => {
    const error = await resultErrorOf(encrypt, [uid("no-such-key"), ecb, block], unitContext());
    expect(error.resultReason).to.equal(ResultReason.ItemNotFound);
  });

  it("answers Item Not Found for an unknown Correlation Value", async () => {
    const context = unitContext();
    const id = registerSymmetricKey(context, randomBytes(16), BOTH);
    const error = await resultErrorOf(decrypt, [uid(id), block, bytes(Tag.CorrelationValue, Buffer.alloc(16))], context);
    expect(error.resultReason).to.equal(ResultReason.ItemNotFound);
  });

  const deniedCases: Array<[string, number, TtlvNode[], typeof encrypt]> = [
    ["a key without the Encrypt bit", CryptographicUsageMask.Decrypt, [ACTIVE], encrypt],
    ["a key without the Decrypt bit", CryptographicUsageMask.Encrypt, [ACTIVE], decrypt],
    ["a Pre-Active key", BOTH, [], encrypt],
    ["a passed Protect Stop Date", BOTH, [ACTIVE, attribute("Protect Stop Date", dateTime(0, FIXED_NOW - 1n))], encrypt],
    ["a future Process Start Date", BOTH, [ACTIVE, attribute("Process Start Date", dateTime(0, FIXED_NOW + 60n))], decrypt],
  ];
  for (const [name, mask, attributes, handler] of deniedCases) {
    it(`answers Permission Denied for ${name}`, async () => {
      const context = unitContext();
      const id = registerSymmetricKey(context, randomBytes(16), mask, attributes);
      const error = await resultErrorOf(handler, [uid(id), ecb, block], context);
      expect(error.resultReason).to.equal(ResultReason.PermissionDenied);
    });
  }

  it("lets a Deactivated key decrypt but not encrypt", async () => {
    const context = unitContext();
    const id = registerSymmetricKey(context, randomBytes(16), BOTH);
    revoke(requestPayload([uid(id), structure(Tag.RevocationReason, [enumeration(Tag.RevocationReasonCode, 1)])]), context);

    expect((await resultErrorOf(encrypt, [uid(id), ecb, block], context)).resultReason).to.equal(ResultReason.PermissionDenied);
    expect(bytesField(decrypt(requestPayload([uid(id), ecb, block]), context), Tag.Data).length).to.equal(16);
  });

  it("answers Key Value Not Present for a destroyed key", async () => {
    const context = unitContext();
    const id = registerSymmetricKey(context, randomBytes(16), BOTH, []);
    destroy(requestPayload([uid(id)]), context);
    const error = await resultErrorOf(encrypt, [uid(id), ecb, block], context);
    expect(error.resultReason).to.equal(ResultReason.KeyValueNotPresent);
  });

  const requestCases: Array<[string, TtlvNode[], number]> = [
    ["no Block Cipher Mode", [block], ResultReason.MissingData],
    ["no Data", [ecb], ResultReason.MissingData],
    ["CBC without an IV", [parameters([mode(BlockCipherMode.CBC)]), block], ResultReason.InvalidMessage],
    ["an IV of the wrong size", [parameters([mode(BlockCipherMode.CBC)]), block, iv(Buffer.alloc(8))], ResultReason.InvalidField],
    ["data that is not whole blocks", [ecb, data(Buffer.alloc(15))], ResultReason.CryptographicFailure],
    ["GCM Tag Length 1", [parameters([mode(BlockCipherMode.GCM), integer(Tag.TagLength, 1)]), block, iv(Buffer.alloc(12))], ResultReason.GeneralFailure],
    ["an unsupported mode", [parameters([mode(BlockCipherMode.XTS)]), block], ResultReason.FeatureNotSupported],
    ["Init Indicator with a Correlation Value", [ecb, block, initIndicator(), bytes(Tag.CorrelationValue, Buffer.alloc(16))], ResultReason.InvalidField],
  ];
  for (const [name, fields, reason] of requestCases) {
    it(`rejects ${name}`, async () => {
      const context = unitContext();
      const id = registerSymmetricKey(context, randomBytes(16), BOTH);
      const error = await resultErrorOf(encrypt, [uid(id), ...fields], context);
      expect(error.resultReason).to.equal(reason);
    });
  }

  it("answers Cryptographic Failure for bad PKCS5 padding", async () => {
    const context = unitContext();
    const key = randomBytes(16);
    const id = registerSymmetricKey(context, key, BOTH);
    const unpadded = nodeEncrypt("aes-128-ecb", key, null, Buffer.alloc(16, 0x20), false);
    const error = await resultErrorOf(decrypt, [uid(id), parameters([mode(BlockCipherMode.ECB), padding(PaddingMethod.PKCS5)]), data(unpadded)], context);
    expect(error.resultReason).to.equal(ResultReason.CryptographicFailure);
  });
});
