/** ECDSA Sign and Signature Verify over Digested Data, checked against node:crypto. */
import { createHash, generateKeyPairSync, sign, verify } from "node:crypto";
import { expect } from "chai";
import { CryptographicUsageMask, HashingAlgorithm, KeyFormatType, ObjectType, ResultReason, Tag, ValidityIndicator } from "../../../src/kmip";
import { bytes } from "../../../src/ttlv";
import { signatureVerify, signOperation } from "../../../bundled-server/operations/crypto/sign-verify";
import { requestPayload, resultErrorOf, unitContext } from "../unit-context";
import { bytesField, fieldOf, hashing, parameters, registerAsymmetricKey, uid } from "./builders";

const MESSAGE = Buffer.from("ledger entry 4471: 12.50 EUR");

// Curve, KMIP hashing algorithm, node:crypto hash name. SHA-512 on P-256 exercises digest truncation (SEC 1 §4.1.3 step 5).
const CASES: Array<[string, number, string]> = [
  ["secp224r1", HashingAlgorithm.SHA_224, "sha224"],
  ["secp384r1", HashingAlgorithm.SHA_384, "sha384"],
  ["secp521r1", HashingAlgorithm.SHA_512, "sha512"],
  ["prime256v1", HashingAlgorithm.SHA_512, "sha512"],
];

function keysOn(curve: string): { context: ReturnType<typeof unitContext>; privateId: string; publicId: string; pair: ReturnType<typeof generateKeyPairSync> } {
  const pair = generateKeyPairSync("ec", { namedCurve: curve });
  const context = unitContext();
  const privateId = registerAsymmetricKey(context, ObjectType.PrivateKey, pair.privateKey.export({ format: "der", type: "pkcs8" }), KeyFormatType.PKCS_8, CryptographicUsageMask.Sign);
  const publicId = registerAsymmetricKey(context, ObjectType.PublicKey, pair.publicKey.export({ format: "der", type: "spki" }), KeyFormatType.X_509, CryptographicUsageMask.Verify);
  return { context, privateId, publicId, pair };
}

describe("ECDSA over Digested Data", () => {
  for (const [curve, algorithm, hashName] of CASES) {
    it(`signs a ${hashName} digest on ${curve}`, () => {
      const { context, privateId, pair } = keysOn(curve);
      const digest = createHash(hashName).update(MESSAGE).digest();
      const payload = signOperation(requestPayload([uid(privateId), parameters([hashing(algorithm)]), bytes(Tag.DigestedData, digest)]), context);
      expect(verify(hashName, MESSAGE, pair.publicKey, bytesField(payload, Tag.SignatureData))).to.equal(true);
    });

    it(`verifies a ${hashName} digest on ${curve}`, () => {
      const { context, publicId, pair } = keysOn(curve);
      const good = sign(hashName, MESSAGE, pair.privateKey);
      const digest = createHash(hashName).update(MESSAGE).digest();
      const scheme = parameters([hashing(algorithm)]);

      const valid = signatureVerify(requestPayload([uid(publicId), scheme, bytes(Tag.DigestedData, digest), bytes(Tag.SignatureData, good)]), context);
      expect(fieldOf(valid, Tag.ValidityIndicator)).to.equal(ValidityIndicator.Valid);
      const otherDigest = createHash(hashName).update("another entry").digest();
      const invalid = signatureVerify(requestPayload([uid(publicId), scheme, bytes(Tag.DigestedData, otherDigest), bytes(Tag.SignatureData, good)]), context);
      expect(fieldOf(invalid, Tag.ValidityIndicator)).to.equal(ValidityIndicator.Invalid);
    });
  }

  it("reports garbage signatures as invalid", () => {
    const { context, publicId } = keysOn("prime256v1");
    const digest = createHash("sha256").update(MESSAGE).digest();
    const payload = signatureVerify(requestPayload([uid(publicId), parameters([hashing(HashingAlgorithm.SHA_256)]), bytes(Tag.DigestedData, digest), bytes(Tag.SignatureData, Buffer.from("not DER"))]), context);
    expect(fieldOf(payload, Tag.ValidityIndicator)).to.equal(ValidityIndicator.Invalid);
  });

  it("rejects a digest of the wrong size", async () => {
    const { context, privateId } = keysOn("prime256v1");
    const error = await resultErrorOf(signOperation, [uid(privateId), parameters([hashing(HashingAlgorithm.SHA_256)]), bytes(Tag.DigestedData, Buffer.alloc(48))], context);
    expect(error.resultReason).to.equal(ResultReason.InvalidField);
  });
});
