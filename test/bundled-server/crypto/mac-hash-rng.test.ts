/** MAC, MAC Verify, Hash, RNG Retrieve and RNG Seed handlers with their §11.34 to §11.38 errors. */
import { createHmac, randomBytes } from "node:crypto";
import { expect } from "chai";
import { CryptographicAlgorithm, CryptographicUsageMask, HashingAlgorithm, ResultReason, Tag, ValidityIndicator } from "../../../src/kmip";
import { bytes, enumeration, integer } from "../../../src/ttlv";
import { hash } from "../../../bundled-server/operations/crypto/hash";
import { mac, macVerify } from "../../../bundled-server/operations/crypto/mac";
import { rngRetrieve, rngSeed } from "../../../bundled-server/operations/crypto/rng";
import { requestPayload, resultErrorOf, unitContext } from "../unit-context";
import { ACTIVE, bytesField, data, fieldOf, finalIndicator, hashing, initIndicator, parameters, parametersAttribute, registerSymmetricKey, uid } from "./builders";

const MAC_BOTH = CryptographicUsageMask.MACGenerate | CryptographicUsageMask.MACVerify;

// RFC 4231 test case 2: HMAC-SHA-256 with key "Jefe".
const RFC4231_KEY = Buffer.from("Jefe");
const RFC4231_DATA = Buffer.from("what do ya want for nothing?");
const RFC4231_SHA256 = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

const algorithm = (value: number) => enumeration(Tag.CryptographicAlgorithm, value);
const macData = (value: Buffer) => bytes(Tag.MACData, value);

describe("MAC and MAC Verify", () => {
  it("matches the RFC 4231 HMAC-SHA-256 known answer", () => {
    const context = unitContext();
    const id = registerSymmetricKey(context, RFC4231_KEY, MAC_BOTH, [ACTIVE], CryptographicAlgorithm.HMAC_SHA256);

    const payload = mac(requestPayload([uid(id), data(RFC4231_DATA)]), context);
    expect(bytesField(payload, Tag.MACData).toString("hex")).to.equal(RFC4231_SHA256);
    expect(fieldOf(payload, Tag.UniqueIdentifier)).to.equal(id);
  });

  it("takes the HMAC algorithm from the Cryptographic Parameters of an AES key", () => {
    const context = unitContext();
    const key = randomBytes(16);
    const id = registerSymmetricKey(context, key, MAC_BOTH, [ACTIVE, parametersAttribute([algorithm(CryptographicAlgorithm.HMAC_SHA512)])]);

    const payload = mac(requestPayload([uid(id), data(RFC4231_DATA)]), context);
    expect(bytesField(payload, Tag.MACData).toString("hex")).to.equal(createHmac("sha512", key).update(RFC4231_DATA).digest("hex"));
  });

  it("verifies a MAC as Valid and a changed one as Invalid", () => {
    const context = unitContext();
    const key = randomBytes(32);
    const id = registerSymmetricKey(context, key, MAC_BOTH, [ACTIVE], CryptographicAlgorithm.HMAC_SHA256);
    const good = createHmac("sha256", key).update(RFC4231_DATA).digest();
    const bad = Buffer.from(good);
    bad[31] ^= 1;

    expect(fieldOf(macVerify(requestPayload([uid(id), data(RFC4231_DATA), macData(good)]), context), Tag.ValidityIndicator)).to.equal(ValidityIndicator.Valid);
    expect(fieldOf(macVerify(requestPayload([uid(id), data(RFC4231_DATA), macData(bad)]), context), Tag.ValidityIndicator)).to.equal(ValidityIndicator.Invalid);
    expect(fieldOf(macVerify(requestPayload([uid(id), data(RFC4231_DATA), macData(good.subarray(0, 16))]), context), Tag.ValidityIndicator)).to.equal(ValidityIndicator.Invalid);
  });

  it("MACs in parts like in one part", () => {
    const context = unitContext();
    const id = registerSymmetricKey(context, randomBytes(20), MAC_BOTH, [ACTIVE], CryptographicAlgorithm.HMAC_SHA1);
    const whole = bytesField(mac(requestPayload([uid(id), data(RFC4231_DATA)]), context), Tag.MACData);

    const first = mac(requestPayload([uid(id), data(RFC4231_DATA.subarray(0, 10)), initIndicator()]), context);
    const correlation = bytes(Tag.CorrelationValue, bytesField(first, Tag.CorrelationValue));
    const last = mac(requestPayload([uid(id), data(RFC4231_DATA.subarray(10)), correlation, finalIndicator()]), context);
    expect(bytesField(last, Tag.MACData).toString("hex")).to.equal(whole.toString("hex"));
  });

  const errorCases: Array<[string, number, number, typeof mac, number]> = [
    ["a key without MAC Generate", CryptographicUsageMask.MACVerify, CryptographicAlgorithm.HMAC_SHA256, mac, ResultReason.PermissionDenied],
    ["a key without MAC Verify", CryptographicUsageMask.MACGenerate, CryptographicAlgorithm.HMAC_SHA256, macVerify, ResultReason.PermissionDenied],
    ["a key with no HMAC algorithm", MAC_BOTH, CryptographicAlgorithm.AES, mac, ResultReason.FeatureNotSupported],
  ];
  for (const [name, mask, keyAlgorithm, handler, reason] of errorCases) {
    it(`rejects ${name}`, async () => {
      const context = unitContext();
      const id = registerSymmetricKey(context, randomBytes(16), mask, [ACTIVE], keyAlgorithm);
      const error = await resultErrorOf(handler, [uid(id), data(RFC4231_DATA), macData(Buffer.alloc(32))], context);
      expect(error.resultReason).to.equal(reason);
    });
  }

  it("answers Missing Data when MAC Verify has no MAC Data", async () => {
    const context = unitContext();
    const id = registerSymmetricKey(context, randomBytes(16), MAC_BOTH, [ACTIVE], CryptographicAlgorithm.HMAC_SHA256);
    const error = await resultErrorOf(macVerify, [uid(id), data(RFC4231_DATA)], context);
    expect(error.resultReason).to.equal(ResultReason.MissingData);
  });

  it("answers Item Not Found for an unknown key", async () => {
    const error = await resultErrorOf(mac, [uid("unknown"), data(RFC4231_DATA)], unitContext());
    expect(error.resultReason).to.equal(ResultReason.ItemNotFound);
  });
});

describe("Hash", () => {
  // FIPS 180-2 Appendix B.1: SHA-256("abc").
  it("matches the FIPS 180-2 SHA-256 known answer", () => {
    const payload = hash(requestPayload([parameters([hashing(HashingAlgorithm.SHA_256)]), data(Buffer.from("abc"))]), unitContext());
    expect(bytesField(payload, Tag.Data).toString("hex")).to.equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(fieldOf(payload, Tag.UniqueIdentifier)).to.equal(undefined);
  });

  it("hashes in parts like in one part", () => {
    const context = unitContext();
    const sha512 = parameters([hashing(HashingAlgorithm.SHA_512)]);
    const whole = bytesField(hash(requestPayload([sha512, data(RFC4231_DATA)]), context), Tag.Data);

    const first = hash(requestPayload([sha512, data(RFC4231_DATA.subarray(0, 5)), initIndicator()]), context);
    const correlation = bytes(Tag.CorrelationValue, bytesField(first, Tag.CorrelationValue));
    const last = hash(requestPayload([data(RFC4231_DATA.subarray(5)), correlation, finalIndicator()]), context);
    expect(bytesField(last, Tag.Data).toString("hex")).to.equal(whole.toString("hex"));
  });

  const errorCases: Array<[string, Parameters<typeof requestPayload>[0], number]> = [
    ["missing Cryptographic Parameters", [data(RFC4231_DATA)], ResultReason.MissingData],
    ["no Hashing Algorithm", [parameters([]), data(RFC4231_DATA)], ResultReason.MissingData],
    ["an undefined Hashing Algorithm", [parameters([hashing(0x7777)]), data(RFC4231_DATA)], ResultReason.InvalidField],
    ["an unknown Correlation Value", [data(RFC4231_DATA), bytes(Tag.CorrelationValue, Buffer.alloc(16))], ResultReason.ItemNotFound],
  ];
  for (const [name, fields, reason] of errorCases) {
    it(`rejects ${name}`, async () => {
      const error = await resultErrorOf(hash, fields, unitContext());
      expect(error.resultReason).to.equal(reason);
    });
  }
});

describe("RNG Retrieve and RNG Seed", () => {
  it("returns the requested number of distinct random bytes", () => {
    const context = unitContext();
    const first = bytesField(rngRetrieve(requestPayload([integer(Tag.DataLength, 33)]), context), Tag.Data);
    const second = bytesField(rngRetrieve(requestPayload([integer(Tag.DataLength, 33)]), context), Tag.Data);
    expect(first.length).to.equal(33);
    expect(first.equals(second)).to.equal(false);
  });

  it("reports every seed byte as used", () => {
    const payload = rngSeed(requestPayload([data(randomBytes(40))]), unitContext());
    expect(fieldOf(payload, Tag.DataLength)).to.equal(40);
  });

  it("rejects a Data Length of 0", async () => {
    const error = await resultErrorOf(rngRetrieve, [integer(Tag.DataLength, 0)], unitContext());
    expect(error.resultReason).to.equal(ResultReason.InvalidField);
  });

  it("answers Missing Data without a Data Length", async () => {
    const error = await resultErrorOf(rngRetrieve, [], unitContext());
    expect(error.resultReason).to.equal(ResultReason.MissingData);
  });
});
