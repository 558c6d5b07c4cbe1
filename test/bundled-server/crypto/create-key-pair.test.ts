/** Create Key Pair handler: generated RSA and EC pairs, their links and attributes, and the §11.3 errors. */
import { createPublicKey, verify } from "node:crypto";
import { expect } from "chai";
import { CryptographicAlgorithm, CryptographicUsageMask, HashingAlgorithm, KeyFormatType, LinkType, ObjectType, RecommendedCurve, ResultReason, State, Tag } from "../../../src/kmip";
import { enumeration, integer, structure, text } from "../../../src/ttlv";
import { StructureNode, TtlvNode } from "../../../src/ttlv/types";
import { createKeyPair } from "../../../bundled-server/operations/crypto/create-key-pair";
import { signOperation } from "../../../bundled-server/operations/crypto/sign-verify";
import { activate } from "../../../bundled-server/operations/lifecycle-operations";
import { ManagedObject } from "../../../bundled-server/store/managed-object";
import { attribute, nameAttribute } from "../helpers";
import { requestPayload, resultErrorOf, unitContext } from "../unit-context";
import { bytesField, data, fieldOf, hashing, maskAttribute, parameters, uid } from "./builders";

const algorithmAttribute = (value: number): TtlvNode => attribute("Cryptographic Algorithm", enumeration(0, value));
const lengthAttribute = (value: number): TtlvNode => attribute("Cryptographic Length", integer(0, value));
const curveAttribute = (curve: number): TtlvNode => attribute("Cryptographic Domain Parameters", structure(0, [enumeration(Tag.RecommendedCurve, curve)]));

function pairRequest(common: TtlvNode[], privateAttributes: TtlvNode[] = [maskAttribute(CryptographicUsageMask.Sign)], publicAttributes: TtlvNode[] = [maskAttribute(CryptographicUsageMask.Verify)]): TtlvNode[] {
  return [
    structure(Tag.CommonTemplateAttribute, common),
    structure(Tag.PrivateKeyTemplateAttribute, privateAttributes),
    structure(Tag.PublicKeyTemplateAttribute, publicAttributes),
  ];
}

function linkOf(object: ManagedObject): { type: unknown; target: unknown } {
  const value = object.attributes.first("Link") as StructureNode;
  return { type: fieldOf(value, Tag.LinkType), target: fieldOf(value, Tag.LinkedObjectIdentifier) };
}

describe("Create Key Pair handler", () => {
  it("generates a linked RSA pair whose keys match", () => {
    const context = unitContext();
    const payload = createKeyPair(requestPayload(pairRequest([algorithmAttribute(CryptographicAlgorithm.RSA), lengthAttribute(2048)])), context);
    const privateId = fieldOf(payload, Tag.PrivateKeyUniqueIdentifier) as string;
    const publicId = fieldOf(payload, Tag.PublicKeyUniqueIdentifier) as string;
    const privateKey = context.store.require(privateId);
    const publicKey = context.store.require(publicId);

    // §4.2: each key links to the other and the ID Placeholder is the private key.
    expect(linkOf(privateKey)).to.deep.equal({ type: LinkType.PublicKeyLink, target: publicId });
    expect(linkOf(publicKey)).to.deep.equal({ type: LinkType.PrivateKeyLink, target: privateId });
    expect(context.batch.idPlaceholder).to.equal(privateId);

    expect(privateKey.objectType).to.equal(ObjectType.PrivateKey);
    expect(publicKey.attributes.first("Cryptographic Usage Mask")?.value).to.equal(CryptographicUsageMask.Verify);
    expect(privateKey.attributes.first("State")?.value).to.equal(State.PreActive);
    expect(privateKey.attributes.first("Cryptographic Length")?.value).to.equal(2048);
    expect(fieldOf(privateKey.attributes.first("Digest") as StructureNode, Tag.KeyFormatType)).to.equal(KeyFormatType.PKCS_1);
    expect(privateKey.attributes.has("Random Number Generator")).to.equal(true);

    // A signature from the stored private key verifies with the stored public key.
    activate(requestPayload([uid(privateId)]), context);
    const signature = bytesField(signOperation(requestPayload([uid(privateId), parameters([hashing(HashingAlgorithm.SHA_256)]), data(Buffer.from("pair"))]), context), Tag.SignatureData);
    const publicMaterial = (((publicKey.content as StructureNode).value[0] as StructureNode).value[1] as StructureNode).value[0].value as Buffer;
    const nodePublicKey = createPublicKey({ key: publicMaterial, format: "der", type: "pkcs1" });
    expect(verify("sha256", Buffer.from("pair"), nodePublicKey, signature)).to.equal(true);
  });

  it("generates an EC pair on the Recommended Curve", () => {
    const context = unitContext();
    const payload = createKeyPair(requestPayload(pairRequest([algorithmAttribute(CryptographicAlgorithm.EC), curveAttribute(RecommendedCurve.P_384)])), context);
    const publicKey = context.store.require(fieldOf(payload, Tag.PublicKeyUniqueIdentifier) as string);
    expect(publicKey.attributes.first("Cryptographic Length")?.value).to.equal(384);
    expect(publicKey.attributes.first("Cryptographic Algorithm")?.value).to.equal(CryptographicAlgorithm.EC);
  });

  it("lets the specific templates override the common one", () => {
    const context = unitContext();
    const common = [algorithmAttribute(CryptographicAlgorithm.RSA), lengthAttribute(1024), maskAttribute(CryptographicUsageMask.Encrypt), attribute("Object Group", text(0, "common"))];
    const payload = createKeyPair(requestPayload(pairRequest(common, [maskAttribute(CryptographicUsageMask.Sign)], [attribute("Object Group", text(0, "public"))])), context);
    const privateKey = context.store.require(fieldOf(payload, Tag.PrivateKeyUniqueIdentifier) as string);
    const publicKey = context.store.require(fieldOf(payload, Tag.PublicKeyUniqueIdentifier) as string);

    expect(privateKey.attributes.first("Cryptographic Usage Mask")?.value).to.equal(CryptographicUsageMask.Sign);
    expect(publicKey.attributes.first("Cryptographic Usage Mask")?.value).to.equal(CryptographicUsageMask.Encrypt);
    // Object Group is multi-instance: the public key takes the union of both templates.
    expect(publicKey.attributes.all("Object Group").length).to.equal(2);
  });

  const errorCases: Array<[string, TtlvNode[], number]> = [
    ["no Cryptographic Algorithm", pairRequest([lengthAttribute(2048)]), ResultReason.MissingData],
    ["no RSA length", pairRequest([algorithmAttribute(CryptographicAlgorithm.RSA)]), ResultReason.MissingData],
    ["an unsupported RSA length", pairRequest([algorithmAttribute(CryptographicAlgorithm.RSA), lengthAttribute(1000)]), ResultReason.InvalidField],
    ["a symmetric algorithm", pairRequest([algorithmAttribute(CryptographicAlgorithm.AES), lengthAttribute(256)]), ResultReason.InvalidField],
    ["an unsupported curve", pairRequest([algorithmAttribute(CryptographicAlgorithm.ECDSA), curveAttribute(RecommendedCurve.B_163)]), ResultReason.InvalidField],
    ["a length that contradicts the curve", pairRequest([algorithmAttribute(CryptographicAlgorithm.EC), curveAttribute(RecommendedCurve.P_256), lengthAttribute(384)]), ResultReason.InvalidField],
    ["different lengths for the two keys", pairRequest([algorithmAttribute(CryptographicAlgorithm.RSA)], [lengthAttribute(2048), maskAttribute(CryptographicUsageMask.Sign)], [lengthAttribute(1024), maskAttribute(CryptographicUsageMask.Verify)]), ResultReason.InvalidField],
    ["no usage mask for the public key", pairRequest([algorithmAttribute(CryptographicAlgorithm.RSA), lengthAttribute(1024)], [maskAttribute(CryptographicUsageMask.Sign)], []), ResultReason.MissingData],
    ["a template name", [structure(Tag.CommonTemplateAttribute, [structure(Tag.Name, [text(Tag.NameValue, "template")])])], ResultReason.ItemNotFound],
    ["a Name in the common template", pairRequest([algorithmAttribute(CryptographicAlgorithm.RSA), lengthAttribute(1024), nameAttribute("both")]), ResultReason.InvalidField],
    ["a server-set attribute", pairRequest([algorithmAttribute(CryptographicAlgorithm.RSA), lengthAttribute(1024), attribute("State", enumeration(0, State.Active))]), ResultReason.InvalidField],
  ];
  for (const [name, fields, reason] of errorCases) {
    it(`rejects ${name}`, async () => {
      const error = await resultErrorOf(createKeyPair, fields, unitContext());
      expect(error.resultReason).to.equal(reason);
    });
  }

  it("rejects a Name another object holds", async () => {
    const context = unitContext();
    const named = pairRequest([algorithmAttribute(CryptographicAlgorithm.RSA), lengthAttribute(1024)], [maskAttribute(CryptographicUsageMask.Sign), nameAttribute("taken")]);
    createKeyPair(requestPayload(named), context);
    const error = await resultErrorOf(createKeyPair, named, context);
    expect(error.resultReason).to.equal(ResultReason.InvalidField);
  });
});
