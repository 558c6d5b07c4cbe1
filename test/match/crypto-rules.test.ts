import { expect } from "chai";
import { constants, createCipheriv, generateKeyPairSync, publicEncrypt, sign } from "node:crypto";
import { matchMessage, ObjectLedger, type KnownObject } from "../../src/match";
import { actual, bytesXml, call, freshState, isoAt, request, response, rulesOf, success, template, uid } from "./helpers";

const KEY = Buffer.from("0123456789abcdef0123456789abcdef", "hex");
const PLAINTEXT = Buffer.from("0102030405060708091011121314151601", "hex");
const parameters = (xml: string) => actual(`<AttributeValue>${xml}</AttributeValue>`);

function ledgerWith(...objects: KnownObject[]): ObjectLedger {
  const ledger = new ObjectLedger();
  objects.forEach((object) => ledger.record(object));
  return ledger;
}

function aesCbc(iv: Buffer): Buffer {
  const cipher = createCipheriv("aes-128-cbc", KEY, iv);
  return Buffer.concat([cipher.update(PLAINTEXT), cipher.final()]);
}

describe("rule random-iv", () => {
  const randomIvKey: KnownObject = { identifier: "k1", origin: "registered", objectType: "SymmetricKey", keyFormatType: "Raw", keyMaterial: KEY, cryptographicAlgorithm: "AES", cryptographicLength: 128, cryptographicParameters: parameters(`<BlockCipherMode type="Enumeration" value="CBC"/><PaddingMethod type="Enumeration" value="PKCS5"/><RandomIV type="Boolean" value="true"/>`) };
  const expected = template(response(success("Encrypt", uid("k1") + bytesXml("Data", "e7".repeat(48)) + bytesXml("IVCounterNonce", "ff".repeat(16)))));

  function encrypt(ciphertext: Buffer, iv: Buffer, generatedIvs = new Set<string>()) {
    const state = freshState({ request: request(call("Encrypt", uid("k1") + bytesXml("Data", PLAINTEXT))), objects: ledgerWith(randomIvKey), generatedIvs });
    return matchMessage(expected, actual(response(success("Encrypt", uid("k1") + bytesXml("Data", ciphertext) + bytesXml("IVCounterNonce", iv)), isoAt(0))), state);
  }

  it("recomputes the ciphertext under the server's IV", () => {
    const iv = Buffer.alloc(16, 7);
    const result = encrypt(aesCbc(iv), iv);

    expect(result.diffs).to.deep.equal([]);
    expect(rulesOf(result).filter((rule) => rule === "random-iv")).to.have.length(2);
  });

  it("fails a ciphertext that is not the recomputed one", () => {
    const iv = Buffer.alloc(16, 7);
    const wrong = aesCbc(iv);
    wrong[0] ^= 1;
    const result = encrypt(wrong, iv);

    expect(result.diffs).to.have.length(1);
    expect(result.diffs[0]).to.include({ rule: "random-iv", path: "ResponseMessage/BatchItem/ResponsePayload/Data" });
  });

  it("fails a repeated IV", () => {
    const iv = Buffer.alloc(16, 7);
    const seen = new Set([iv.toString("hex")]);
    const result = encrypt(aesCbc(iv), iv, seen);

    expect(result.diffs).to.have.length(1);
    expect(result.diffs[0].message).to.contain("must differ between calls");
  });

  it("fails an IV shorter than the block", () => {
    const iv = Buffer.alloc(8, 7);
    const result = encrypt(aesCbc(Buffer.alloc(16, 7)), iv);

    expect(result.diffs.map((diff) => diff.path)).to.include("ResponseMessage/BatchItem/ResponsePayload/IVCounterNonce");
  });

  it("does not apply when the request gives the IV", () => {
    const iv = Buffer.alloc(16, 7);
    const state = freshState({ request: request(call("Encrypt", uid("k1") + bytesXml("Data", PLAINTEXT) + bytesXml("IVCounterNonce", iv))), objects: ledgerWith(randomIvKey) });
    const result = matchMessage(expected, actual(response(success("Encrypt", uid("k1") + bytesXml("Data", aesCbc(iv)) + bytesXml("IVCounterNonce", iv)), isoAt(0))), state);

    expect(rulesOf(result)).to.not.include("random-iv");
    expect(result.diffs.map((diff) => diff.path)).to.include("ResponseMessage/BatchItem/ResponsePayload/Data");
  });
});

describe("rule server-generated-key-output", () => {
  const ecbKey = (origin: KnownObject["origin"]): KnownObject => ({ identifier: "k1", origin, objectType: "SymmetricKey", cryptographicAlgorithm: "AES", cryptographicLength: 128, cryptographicParameters: parameters(`<BlockCipherMode type="Enumeration" value="ECB"/>`) });
  const expected = template(response(success("Encrypt", uid("k1") + bytesXml("Data", "fd".repeat(16)))));

  function encrypt(ciphertext: string, object: KnownObject, created: string[]) {
    const state = freshState({ request: request(call("Encrypt", uid("k1") + bytesXml("Data", "01".repeat(16)))), objects: ledgerWith(object), serverCreatedIdentifiers: new Set(created) });
    return matchMessage(expected, actual(response(success("Encrypt", uid("k1") + bytesXml("Data", ciphertext)), isoAt(0))), state);
  }

  it("accepts other ciphertext of the right length", () => {
    const result = encrypt("86".repeat(16), ecbKey("generated"), ["k1"]);

    expect(result.diffs).to.deep.equal([]);
    expect(rulesOf(result)).to.include("server-generated-key-output");
  });

  it("fails a wrong length", () => {
    const result = encrypt("86".repeat(32), ecbKey("generated"), ["k1"]);

    expect(result.diffs).to.have.length(1);
    expect(result.diffs[0]).to.include({ rule: "server-generated-key-output", expected: "16 bytes", actual: "32 bytes" });
  });

  it("compares a registered key's ciphertext byte for byte", () => {
    const result = encrypt("86".repeat(16), { ...ecbKey("registered"), keyFormatType: "Raw", keyMaterial: KEY }, []);

    expect(rulesOf(result)).to.not.include("server-generated-key-output");
    expect(result.diffs).to.have.length(1);
    expect(result.diffs[0]).to.include({ kind: "value", path: "ResponseMessage/BatchItem/ResponsePayload/Data" });
    expect(result.diffs[0].rule).to.equal(undefined);
  });

  it("recomputes when a Get returned the generated key", () => {
    const cipher = createCipheriv("aes-128-ecb", KEY, null).setAutoPadding(false);
    const ciphertext = Buffer.concat([cipher.update(Buffer.alloc(16, 1)), cipher.final()]).toString("hex");
    const retrieved = { ...ecbKey("generated"), keyFormatType: "Raw", keyMaterial: KEY };

    expect(encrypt(ciphertext, retrieved, ["k1"]).diffs).to.deep.equal([]);
    expect(encrypt("86".repeat(16), retrieved, ["k1"]).diffs[0]).to.include({ rule: "server-generated-key-output" });
  });
});

describe("rules for RSA outputs", () => {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const publicDer = publicKey.export({ format: "der", type: "spki" });
  const privateDer = privateKey.export({ format: "der", type: "pkcs1" });
  const oaep = parameters(`<PaddingMethod type="Enumeration" value="OAEP"/><HashingAlgorithm type="Enumeration" value="SHA_256"/><CryptographicAlgorithm type="Enumeration" value="RSA"/><MaskGeneratorHashingAlgorithm type="Enumeration" value="SHA_256"/>`);
  const publicObject: KnownObject = { identifier: "pub", origin: "registered", objectType: "PublicKey", keyFormatType: "X_509", keyMaterial: publicDer, cryptographicAlgorithm: "RSA", cryptographicLength: 2048, cryptographicParameters: oaep };
  const privateObject: KnownObject = { identifier: "pri", origin: "registered", objectType: "PrivateKey", keyFormatType: "PKCS_1", keyMaterial: privateDer, cryptographicAlgorithm: "RSA", cryptographicLength: 2048 };
  const message = Buffer.from("kmipcheck OAEP test");

  function oaepEncrypt(ciphertext: Buffer, ledger: ObjectLedger) {
    const state = freshState({ request: request(call("Encrypt", uid("pub") + bytesXml("Data", message))), objects: ledger });
    return matchMessage(template(response(success("Encrypt", uid("pub") + bytesXml("Data", "6a".repeat(256))))), actual(response(success("Encrypt", uid("pub") + bytesXml("Data", ciphertext)), isoAt(0))), state);
  }

  it("checks an OAEP ciphertext by modulus length", () => {
    const result = oaepEncrypt(Buffer.alloc(256, 1), ledgerWith(publicObject));

    expect(result.diffs).to.deep.equal([]);
    expect(rulesOf(result)).to.include("rsa-oaep-ciphertext");
    expect(oaepEncrypt(Buffer.alloc(255, 1), ledgerWith(publicObject)).diffs[0]).to.include({ rule: "rsa-oaep-ciphertext", actual: "255 bytes" });
  });

  it("decrypts with the registered private key", () => {
    const ciphertext = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" }, message);

    expect(oaepEncrypt(ciphertext, ledgerWith(publicObject, privateObject)).diffs).to.deep.equal([]);
    expect(oaepEncrypt(Buffer.alloc(256, 1), ledgerWith(publicObject, privateObject)).diffs[0].message).to.contain("does not decrypt");
  });

  function signResult(signature: Buffer, expectedXml: string) {
    const pss = parameters(`<PaddingMethod type="Enumeration" value="PSS"/><HashingAlgorithm type="Enumeration" value="SHA_256"/><CryptographicAlgorithm type="Enumeration" value="RSA"/>`);
    const state = freshState({ request: request(call("Sign", uid("pri") + bytesXml("Data", message))), objects: ledgerWith({ ...privateObject, cryptographicParameters: pss }) });
    const result = matchMessage(template(response(success("Sign", uid("pri") + expectedXml))), actual(response(success("Sign", uid("pri") + bytesXml("SignatureData", signature)), isoAt(0))), state);
    return { result, state };
  }

  it("verifies a PSS signature and binds its placeholder", () => {
    const signature = sign("sha256", message, { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING });
    const { result, state } = signResult(signature, `<SignatureData type="ByteString" value="$SIGNATURE_DATA"/>`);

    expect(result.diffs).to.deep.equal([]);
    expect(rulesOf(result)).to.include("signature-verified");
    expect((state.bindings.get("$SIGNATURE_DATA")?.value as Buffer).equals(signature)).to.equal(true);
  });

  it("fails a signature that does not verify", () => {
    const signature = sign("sha256", Buffer.from("other data"), { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING });
    const { result } = signResult(signature, bytesXml("SignatureData", "aa".repeat(256)));

    expect(result.diffs).to.have.length(1);
    expect(result.diffs[0]).to.include({ rule: "signature-verified", kind: "value" });
  });
});
