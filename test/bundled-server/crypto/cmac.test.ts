/** MAC and MAC Verify with Block Cipher Mode CMAC: RFC 4493 known answers, parts and errors. */
import { createCipheriv } from "node:crypto";
import { expect } from "chai";
import { BlockCipherMode, CryptographicAlgorithm, CryptographicUsageMask, ResultReason, Tag, ValidityIndicator } from "../../../src/kmip";
import { bytes } from "../../../src/ttlv";
import { cmac } from "../../../bundled-server/crypto/cmac";
import { mac, macVerify } from "../../../bundled-server/operations/crypto/mac";
import { requestPayload, resultErrorOf, unitContext } from "../unit-context";
import { ACTIVE, bytesField, data, fieldOf, finalIndicator, initIndicator, mode, parameters, parametersAttribute, registerSymmetricKey, uid } from "./builders";

const MAC_BOTH = CryptographicUsageMask.MACGenerate | CryptographicUsageMask.MACVerify;

// RFC 4493 §4: AES-128 key and the CMACs of the empty message, 16 bytes and 40 bytes.
const RFC4493_KEY = Buffer.from("2b7e151628aed2a6abf7158809cf4f3c", "hex");
const RFC4493_MESSAGE = Buffer.from("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411", "hex");
const RFC4493_CASES: Array<[number, string]> = [
  [0, "bb1d6929e95937287fa37d129b756746"],
  [16, "070a16b46b4d4144f79bdd9dd04a287c"],
  [40, "dfa66747de9ae63030ca32611497c827"],
];

describe("CMAC", () => {
  for (const [length, expected] of RFC4493_CASES) {
    it(`matches RFC 4493 for ${length} bytes`, () => {
      const context = unitContext();
      const id = registerSymmetricKey(context, RFC4493_KEY, MAC_BOTH, [ACTIVE, parametersAttribute([mode(BlockCipherMode.CMAC)])]);
      const payload = mac(requestPayload([uid(id), data(RFC4493_MESSAGE.subarray(0, length))]), context);
      expect(bytesField(payload, Tag.MACData).toString("hex")).to.equal(expected);
    });
  }

  it("applies subkey K1 to a whole block", () => {
    // With a message of one complete block M, CMAC = E(M xor K1); check K1 independently via L = E(0).
    const key = Buffer.from("0f0e0d0c0b0a09080706050403020100", "hex");
    const encrypt = (block: Buffer): Buffer => {
      const cipher = createCipheriv("aes-128-ecb", key, null);
      cipher.setAutoPadding(false);
      return cipher.update(block);
    };
    const l = encrypt(Buffer.alloc(16));
    const k1 = Buffer.from((BigInt(`0x${l.toString("hex")}`) << 1n & ((1n << 128n) - 1n) ^ (l[0] & 0x80 ? 0x87n : 0n)).toString(16).padStart(32, "0"), "hex");
    const block = Buffer.from("00112233445566778899aabbccddeeff", "hex");
    const expected = encrypt(Buffer.from(block.map((byte, i) => byte ^ k1[i])));
    expect(cmac("aes-128-ecb", key, 16, block)).to.deep.equal(expected);
  });

  it("verifies in parts with a 3DES key", () => {
    const context = unitContext();
    const key = Buffer.from("8aa83bf8cbda10620bc1bf19fbb6cd58bc313d4a371ca8b5", "hex");
    const id = registerSymmetricKey(context, key, MAC_BOTH, [ACTIVE], CryptographicAlgorithm.DES3);
    const scheme = parameters([mode(BlockCipherMode.CMAC)]);
    const message = Buffer.from("a payment order of twenty-nine bytes");
    const tag = bytesField(mac(requestPayload([uid(id), scheme, data(message)]), context), Tag.MACData);
    expect(tag.length).to.equal(8);

    const first = macVerify(requestPayload([uid(id), scheme, data(message.subarray(0, 11)), initIndicator()]), context);
    const correlation = bytes(Tag.CorrelationValue, bytesField(first, Tag.CorrelationValue));
    const last = macVerify(requestPayload([data(message.subarray(11)), correlation, finalIndicator(), bytes(Tag.MACData, tag)]), context);
    expect(fieldOf(last, Tag.ValidityIndicator)).to.equal(ValidityIndicator.Valid);

    const changed = macVerify(requestPayload([uid(id), scheme, data(Buffer.from("a payment order of ninety-two bytes")), bytes(Tag.MACData, tag)]), context);
    expect(fieldOf(changed, Tag.ValidityIndicator)).to.equal(ValidityIndicator.Invalid);
  });

  it("rejects CMAC with an HMAC key", async () => {
    const context = unitContext();
    const id = registerSymmetricKey(context, Buffer.alloc(32, 3), MAC_BOTH, [ACTIVE], CryptographicAlgorithm.HMAC_SHA256);
    const error = await resultErrorOf(mac, [uid(id), parameters([mode(BlockCipherMode.CMAC)]), data(Buffer.from("x"))], context);
    expect(error.resultReason).to.equal(ResultReason.FeatureNotSupported);
  });
});
