import { expect } from "chai";
import { normalizeName } from "../../src/kmip";

/**
 * Spec text -> normalized name. The first group are names that the KMIP Additional Message
 * Encodings v1.0 shows in normalized form, in the Type list of §4.1.4 and in its JSON and XML
 * examples. The rest exercise each rule of §4.1.3 on spec names, many of which the official KMIP
 * 1.4 test vectors use in normalized form.
 */
const CASES: Array<[string, string]> = [
  // Types of §4.1.4.
  ["Long Integer", "LongInteger"],
  ["Big Integer", "BigInteger"],
  ["Text String", "TextString"],
  ["Byte String", "ByteString"],
  ["Date-Time", "DateTime"],
  // Tags and enumeration values of the encodings document's examples.
  ["Activation Date", "ActivationDate"],
  ["IV/Counter/Nonce", "IVCounterNonce"],
  ["Private Key Template-Attribute", "PrivateKeyTemplateAttribute"],
  ["Re-key", "ReKey"],
  ["Re-certify", "ReCertify"],
  ["Response Too Large", "ResponseTooLarge"],
  ["Get Usage Allocation", "GetUsageAllocation"],
  ["Query Operations", "QueryOperations"],
  // Rule 1: brackets become spaces.
  ["Content Commitment (Non Repudiation)", "ContentCommitmentNonRepudiation"],
  ["RSASSA-PSS (PKCS#1 v2.1)", "RSASSA_PSSPKCS_1V2_1"],
  // Rule 2: a separator before a capitalized word becomes a space.
  ["On-line storage", "OnLineStorage"],
  ["Re-key Key Pair", "ReKeyKeyPair"],
  ["MAC/Signature Key Information", "MACSignatureKeyInformation"],
  ["Non-Shared Instantiation", "NonSharedInstantiation"],
  // Rule 3: other separators become underscores.
  ["SHA-256", "SHA_256"],
  ["PKCS#1", "PKCS_1"],
  ["X.509", "X_509"],
  ["HMAC-SHA256", "HMAC_SHA256"],
  ["SHA-512/224", "SHA_512_224"],
  ["CBC-MAC", "CBC_MAC"],
  ["P-256", "P_256"],
  ["ANSI X9.31", "ANSIX9_31"],
  ["NIST800-108-C", "NIST800_108_C"],
  ["Dual-EC", "Dual_EC"],
  ["PKCS#12 Friendly Name", "PKCS_12FriendlyName"],
  ["X.509 Certificate Identifier", "X_509CertificateIdentifier"],
  // Rule 4: leading digits of the first word move to its end.
  ["3DES", "DES3"],
  // Rule 5: every word is capitalized, including lower-case spec words.
  ["Unable to Cancel", "UnableToCancel"],
  ["Object archived", "ObjectArchived"],
  ["x-Original", "XOriginal"],
  ["Suite B minLOS_128 Client KMIP v1.0", "SuiteBMinLOS_128ClientKMIPV1_0"],
  // Names that the rule leaves as they are.
  ["Unique Batch Item ID", "UniqueBatchItemID"],
  ["ChaCha20Poly1305", "ChaCha20Poly1305"],
  ["RSA", "RSA"],
];

describe("normalizeName", () => {
  for (const [specName, normalized] of CASES) {
    it(`normalizes "${specName}"`, () => {
      expect(normalizeName(specName)).to.equal(normalized);
    });
  }

  it("collapses runs of spaces", () => {
    expect(normalizeName("  Get   Attribute  List ")).to.equal("GetAttributeList");
  });

  it("returns empty text for empty input", () => {
    expect(normalizeName("")).to.equal("");
    expect(normalizeName("()")).to.equal("");
  });
});
