/** Encrypt and Decrypt with Padding Methods ANSI X9.23, ISO 10126 and Zeros, in one part and in parts. */
import { createCipheriv, createDecipheriv } from "node:crypto";
import { expect } from "chai";
import { BlockCipherMode, CryptographicAlgorithm, CryptographicUsageMask, PaddingMethod, ResultReason, Tag } from "../../../src/kmip";
import { bytes } from "../../../src/ttlv";
import { decrypt, encrypt } from "../../../bundled-server/operations/crypto/encrypt-decrypt";
import { requestPayload, resultErrorOf, unitContext } from "../unit-context";
import { bytesField, data, finalIndicator, initIndicator, iv, mode, padding, parameters, registerSymmetricKey, uid } from "./builders";

const BOTH = CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt;
const AES_KEY = Buffer.from("8d2e60365f17c7df1040d7501b4a7b5a", "hex");
const DES3_KEY = Buffer.from("0123456789abcdeffedcba987654321089abcdef01234567", "hex");
const CBC_IV = Buffer.from("f0e1d2c3b4a5968778695a4b3c2d1e0f", "hex");
const PLAINTEXT = Buffer.from("twenty-one byte text!", "utf8");

function rawDecrypt(name: string, key: Buffer, ivBytes: Buffer | null, ciphertext: Buffer): Buffer {
  const decipher = createDecipheriv(name, key, ivBytes);
  decipher.setAutoPadding(false);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

function rawEncrypt(name: string, key: Buffer, ivBytes: Buffer | null, plaintext: Buffer): Buffer {
  const cipher = createCipheriv(name, key, ivBytes);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plaintext), cipher.final()]);
}

describe("symmetric Padding Methods", () => {
  it("pads ANSI X9.23 with zeros and the count", () => {
    const context = unitContext();
    const id = registerSymmetricKey(context, AES_KEY, BOTH);
    const scheme = parameters([mode(BlockCipherMode.CBC), padding(PaddingMethod.ANSIX9_23)]);
    const ciphertext = bytesField(encrypt(requestPayload([uid(id), scheme, iv(CBC_IV), data(PLAINTEXT)]), context), Tag.Data);

    const padded = rawDecrypt("aes-128-cbc", AES_KEY, CBC_IV, ciphertext);
    expect(padded.subarray(0, 21)).to.deep.equal(PLAINTEXT);
    expect(padded.subarray(21).toString("hex")).to.equal("000000000000000000000b");
    const back = bytesField(decrypt(requestPayload([uid(id), scheme, iv(CBC_IV), data(ciphertext)]), context), Tag.Data);
    expect(back).to.deep.equal(PLAINTEXT);
  });

  it("adds a whole ISO 10126 block to aligned 3DES data", () => {
    const context = unitContext();
    const id = registerSymmetricKey(context, DES3_KEY, BOTH, undefined, CryptographicAlgorithm.DES3);
    const scheme = parameters([mode(BlockCipherMode.ECB), padding(PaddingMethod.ISO10126)]);
    const aligned = Buffer.from("sixteen bytes!!!");
    const ciphertext = bytesField(encrypt(requestPayload([uid(id), scheme, data(aligned)]), context), Tag.Data);

    expect(ciphertext.length).to.equal(24);
    expect(rawDecrypt("des-ede3", DES3_KEY, null, ciphertext)[23]).to.equal(8);
    expect(bytesField(decrypt(requestPayload([uid(id), scheme, data(ciphertext)]), context), Tag.Data)).to.deep.equal(aligned);
  });

  it("pads Zeros only to the block boundary", () => {
    const context = unitContext();
    const id = registerSymmetricKey(context, AES_KEY, BOTH);
    const scheme = parameters([mode(BlockCipherMode.ECB), padding(PaddingMethod.Zeros)]);

    const short = bytesField(encrypt(requestPayload([uid(id), scheme, data(PLAINTEXT)]), context), Tag.Data);
    expect(short).to.deep.equal(rawEncrypt("aes-128-ecb", AES_KEY, null, Buffer.concat([PLAINTEXT, Buffer.alloc(11)])));
    const aligned = bytesField(encrypt(requestPayload([uid(id), scheme, data(Buffer.alloc(32, 0x41))]), context), Tag.Data);
    expect(aligned.length).to.equal(32);
    expect(bytesField(decrypt(requestPayload([uid(id), scheme, data(short)]), context), Tag.Data)).to.deep.equal(PLAINTEXT);
  });

  it("strips padding at the end of a stream", () => {
    const context = unitContext();
    const id = registerSymmetricKey(context, AES_KEY, BOTH);
    const scheme = parameters([mode(BlockCipherMode.CBC), padding(PaddingMethod.ANSIX9_23)]);
    const message = Buffer.alloc(45, 0x5a);
    const ciphertext = bytesField(encrypt(requestPayload([uid(id), scheme, iv(CBC_IV), data(message)]), context), Tag.Data);

    const first = decrypt(requestPayload([uid(id), scheme, iv(CBC_IV), data(ciphertext.subarray(0, 20)), initIndicator()]), context);
    const correlation = bytes(Tag.CorrelationValue, bytesField(first, Tag.CorrelationValue));
    const last = decrypt(requestPayload([data(ciphertext.subarray(20)), correlation, finalIndicator()]), context);
    expect(Buffer.concat([bytesField(first, Tag.Data), bytesField(last, Tag.Data)])).to.deep.equal(message);
  });

  it("fails on a wrong pad length", async () => {
    const context = unitContext();
    const id = registerSymmetricKey(context, AES_KEY, BOTH);
    const forged = rawEncrypt("aes-128-ecb", AES_KEY, null, Buffer.concat([Buffer.alloc(15, 1), Buffer.from([0x20])]));
    const error = await resultErrorOf(decrypt, [uid(id), parameters([mode(BlockCipherMode.ECB), padding(PaddingMethod.ISO10126)]), data(forged)], context);
    expect(error.resultReason).to.equal(ResultReason.CryptographicFailure);
  });

  it("fails on non-zero X9.23 filler", async () => {
    const context = unitContext();
    const id = registerSymmetricKey(context, AES_KEY, BOTH);
    const forged = rawEncrypt("aes-128-ecb", AES_KEY, null, Buffer.concat([Buffer.alloc(12, 7), Buffer.from([1, 0, 0, 4])]));
    const error = await resultErrorOf(decrypt, [uid(id), parameters([mode(BlockCipherMode.ECB), padding(PaddingMethod.ANSIX9_23)]), data(forged)], context);
    expect(error.resultReason).to.equal(ResultReason.CryptographicFailure);
  });

  it("rejects SSL3 padding", async () => {
    const context = unitContext();
    const id = registerSymmetricKey(context, AES_KEY, BOTH);
    const error = await resultErrorOf(encrypt, [uid(id), parameters([mode(BlockCipherMode.ECB), padding(PaddingMethod.SSL3)]), data(PLAINTEXT)], context);
    expect(error.resultReason).to.equal(ResultReason.FeatureNotSupported);
  });
});
