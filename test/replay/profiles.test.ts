import { expect } from "chai";
import { profileByName, profileNames, profileOfVector, UNCLASSIFIED_PROFILE } from "../../src/replay";

describe("profileOfVector", () => {
  const cases: Array<[string, string]> = [
    ["SKLC-M-1-14", "symmetric-key-lifecycle"],
    ["SKLC-O-1-14", "symmetric-key-lifecycle"],
    ["SKFF-M-12-14", "symmetric-key-foundry"],
    ["AKLC-M-3-14", "asymmetric-key-lifecycle"],
    ["CS-BC-M-GCM-2-14", "basic-cryptographic"],
    ["CS-AC-M-OAEP-10-14", "advanced-cryptographic"],
    ["CS-RNG-O-4-14", "rng-cryptographic"],
    ["OMOS-M-1-14", "opaque-managed-object-store"],
    ["TL-M-3-14", "tape-library"],
    ["AX-M-2-14", "aes-xts"],
    ["SUITEB_128-M-1-14", "suite-b-minlos-128"],
    ["SUITEB_192-M-1-14", "suite-b-minlos-192"],
    ["SASED-M-2-14", "storage-array-self-encrypting-drive"],
    ["MSGENC-JSON-M-1-14", "message-encoding"],
    ["sklc-m-1-14", "symmetric-key-lifecycle"],
  ];

  for (const [vector, profile] of cases) {
    it(`maps ${vector}`, () => {
      expect(profileOfVector(vector)).to.equal(profile);
    });
  }

  it("leaves unknown prefixes unclassified", () => {
    expect(profileOfVector("SKLCX-M-1-14")).to.equal(UNCLASSIFIED_PROFILE);
    expect(profileOfVector("TLS-M-1")).to.equal(UNCLASSIFIED_PROFILE);
  });

  it("lists baseline among the profiles", () => {
    expect(profileNames()).to.include("baseline");
    expect(profileByName("baseline")?.title).to.equal("Baseline Server");
  });
});
