/** Register of Secret Data, Opaque Objects and Certificates, with Get and the §11.4 error cases. */
import { createHash, X509Certificate } from "node:crypto";
import { expect } from "chai";
import { CertificateType, CryptographicAlgorithm, DigitalSignatureAlgorithm, KeyFormatType, ObjectType, ResultReason, SecretDataType, Tag } from "../../src/kmip";
import { createSelfSignedCertificate } from "../../src/pki";
import { bytes, child, dateTime, enumeration, integer, structure, text } from "../../src/ttlv";
import { StructureNode, TtlvNode } from "../../src/ttlv/types";
import { bigintValue, booleanValue, numberValue } from "../../bundled-server/attributes/values";
import { destroy } from "../../bundled-server/operations/lifecycle-operations";
import { get } from "../../bundled-server/operations/get";
import { getAttributes } from "../../bundled-server/operations/get-attributes";
import { locate } from "../../bundled-server/operations/locate";
import { register } from "../../bundled-server/operations/register";
import { stateOf } from "../../bundled-server/store/lifecycle";
import { attribute, attributeValues, nameAttribute, uid } from "./helpers";
import { fieldValue } from "./unit-builders";
import { requestPayload, resultErrorOf, unitContext } from "./unit-context";

const SECRET = Buffer.from("correct horse battery staple", "utf8");
const OPAQUE_BYTES = Buffer.from("0011223344556677889900aabbccddeeff", "hex");
const VENDOR_OPAQUE_TYPE = 0x80000042;

function secretDataObject(material: TtlvNode = bytes(Tag.KeyMaterial, SECRET), secretType: number = SecretDataType.Seed): TtlvNode {
  return structure(Tag.SecretData, [
    enumeration(Tag.SecretDataType, secretType),
    structure(Tag.KeyBlock, [enumeration(Tag.KeyFormatType, KeyFormatType.Opaque), structure(Tag.KeyValue, [material])]),
  ]);
}

function opaqueObject(value: Buffer = OPAQUE_BYTES): TtlvNode {
  return structure(Tag.OpaqueObject, [enumeration(Tag.OpaqueDataType, VENDOR_OPAQUE_TYPE), bytes(Tag.OpaqueDataValue, value)]);
}

function certificateObject(der: Buffer, type: number = CertificateType.X_509): TtlvNode {
  return structure(Tag.Certificate, [enumeration(Tag.CertificateType, type), bytes(Tag.CertificateValue, der)]);
}

function registerFields(objectType: number, object: TtlvNode | undefined, attributes: TtlvNode[] = []): TtlvNode[] {
  const fields = [enumeration(Tag.ObjectType, objectType), structure(Tag.TemplateAttribute, attributes)];
  return object === undefined ? fields : [...fields, object];
}

function identifierOf(payload: StructureNode): string {
  return fieldValue(payload, Tag.UniqueIdentifier) as string;
}

function digestOf(payload: StructureNode): StructureNode {
  return attributeValues(payload, "Digest")[0] as StructureNode;
}

let certificateDer: Buffer | undefined;

/** Returns a self-signed RSA certificate made once for these tests, because RSA key generation is slow. */
function testCertificate(): Buffer {
  certificateDer ??= new X509Certificate(createSelfSignedCertificate({ commonName: "register-objects test", names: ["register.test"] }).cert).raw;
  return certificateDer;
}

describe("Register of Secret Data", () => {
  it("stores and returns the secret", async () => {
    const context = unitContext();
    const id = identifierOf(await register(requestPayload(registerFields(ObjectType.SecretData, secretDataObject(), [nameAttribute("vault-seed")])), context));
    const returned = await get(requestPayload([uid(id)]), context);

    const secretData = child(returned, Tag.SecretData)!;
    const keyBlock = child(secretData, Tag.KeyBlock)!;
    expect(fieldValue(returned, Tag.ObjectType)).to.equal(ObjectType.SecretData);
    expect(child(secretData, Tag.SecretDataType)?.value).to.equal(SecretDataType.Seed);
    expect(child(child(keyBlock, Tag.KeyValue)!, Tag.KeyMaterial)?.value).to.deep.equal(SECRET);
    expect(child(keyBlock, Tag.CryptographicAlgorithm)).to.equal(undefined);
  });

  it("digests the Key Material with its format", async () => {
    const context = unitContext();
    const id = identifierOf(await register(requestPayload(registerFields(ObjectType.SecretData, secretDataObject())), context));
    const digest = digestOf(await getAttributes(requestPayload([uid(id)]), context));

    expect(child(digest, Tag.DigestValue)?.value).to.deep.equal(createHash("sha256").update(SECRET).digest());
    expect(child(digest, Tag.KeyFormatType)?.value).to.equal(KeyFormatType.Opaque);
  });

  it("is found by Object Group and type", async () => {
    const context = unitContext();
    const group = attribute("Object Group", text(0, "drive-bay-2"));
    const id = identifierOf(await register(requestPayload(registerFields(ObjectType.SecretData, secretDataObject(), [group])), context));
    const found = await locate(requestPayload([group, attribute("Object Type", enumeration(0, ObjectType.SecretData))]), context);
    expect(found.value.map((field) => field.value)).to.deep.equal([id]);
  });

  const errorCases: Array<[string, TtlvNode[], number]> = [
    ["missing Secret Data object", registerFields(ObjectType.SecretData, undefined), ResultReason.InvalidField],
    ["Opaque Object under Secret Data", registerFields(ObjectType.SecretData, opaqueObject()), ResultReason.InvalidField],
    ["structured Key Material", registerFields(ObjectType.SecretData, secretDataObject(structure(Tag.KeyMaterial, []))), ResultReason.InvalidField],
    ["unknown Secret Data Type", registerFields(ObjectType.SecretData, secretDataObject(undefined, 0x77)), ResultReason.InvalidField],
    ["missing Template-Attribute", [enumeration(Tag.ObjectType, ObjectType.SecretData), secretDataObject()], ResultReason.MissingData],
    ["server-only attribute", registerFields(ObjectType.SecretData, secretDataObject(), [attribute("Initial Date", dateTime(0, 5n))]), ResultReason.InvalidField],
  ];
  for (const [name, fields, reason] of errorCases) {
    it(`rejects ${name}`, async () => {
      const error = await resultErrorOf(register, fields, unitContext());
      expect(error.resultReason).to.equal(reason);
    });
  }

  it("rejects a Name another object holds", async () => {
    const context = unitContext();
    await register(requestPayload(registerFields(ObjectType.SecretData, secretDataObject(), [nameAttribute("taken")])), context);
    const error = await resultErrorOf(register, registerFields(ObjectType.OpaqueObject, opaqueObject(), [nameAttribute("taken")]), context);
    expect(error.resultReason).to.equal(ResultReason.InvalidField);
  });
});

describe("Register of Opaque Objects", () => {
  it("stores the value without a State", async () => {
    const context = unitContext();
    const id = identifierOf(await register(requestPayload(registerFields(ObjectType.OpaqueObject, opaqueObject())), context));
    const object = context.store.require(id);

    expect(stateOf(object)).to.equal(undefined);
    expect(object.attributes.has("Lease Time")).to.equal(false);
    expect(context.batch.idPlaceholder).to.equal(id);
    const returned = child(await get(requestPayload([uid(id)]), context), Tag.OpaqueObject)!;
    expect(child(returned, Tag.OpaqueDataType)?.value).to.equal(VENDOR_OPAQUE_TYPE);
    expect(child(returned, Tag.OpaqueDataValue)?.value).to.deep.equal(OPAQUE_BYTES);
  });

  it("has a Digest without Key Format Type", async () => {
    const context = unitContext();
    const id = identifierOf(await register(requestPayload(registerFields(ObjectType.OpaqueObject, opaqueObject())), context));
    const digest = digestOf(await getAttributes(requestPayload([uid(id)]), context));

    expect(child(digest, Tag.DigestValue)?.value).to.deep.equal(createHash("sha256").update(OPAQUE_BYTES).digest());
    expect(child(digest, Tag.KeyFormatType)).to.equal(undefined);
  });

  it("is destroyed, then gone from Get", async () => {
    const context = unitContext();
    const id = identifierOf(await register(requestPayload(registerFields(ObjectType.OpaqueObject, opaqueObject())), context));
    await destroy(requestPayload([uid(id)]), context);

    expect(bigintValue(context.store.require(id).attributes.first("Destroy Date"))).to.equal(context.now);
    const error = await resultErrorOf(get, [uid(id)], context);
    expect(error.resultReason).to.equal(ResultReason.IllegalOperation);
  });

  it("cannot be returned in another format", async () => {
    const context = unitContext();
    const id = identifierOf(await register(requestPayload(registerFields(ObjectType.OpaqueObject, opaqueObject())), context));
    const error = await resultErrorOf(get, [uid(id), enumeration(Tag.KeyFormatType, KeyFormatType.Raw)], context);
    expect(error.resultReason).to.equal(ResultReason.KeyFormatTypeNotSupported);
  });

  it("rejects a value of the wrong type", async () => {
    const wrong = structure(Tag.OpaqueObject, [enumeration(Tag.OpaqueDataType, VENDOR_OPAQUE_TYPE), integer(Tag.OpaqueDataValue, 7)]);
    const error = await resultErrorOf(register, registerFields(ObjectType.OpaqueObject, wrong), unitContext());
    expect(error.resultReason).to.equal(ResultReason.InvalidMessage);
  });
});

describe("Register of Certificates", () => {
  it("sets the certificate attributes", async () => {
    const context = unitContext();
    const der = testCertificate();
    const id = identifierOf(await register(requestPayload(registerFields(ObjectType.Certificate, certificateObject(der))), context));
    const attributes = context.store.require(id).attributes;

    expect(numberValue(attributes.first("Certificate Type"))).to.equal(CertificateType.X_509);
    expect(numberValue(attributes.first("Certificate Length"))).to.equal(der.length);
    expect(numberValue(attributes.first("Digital Signature Algorithm"))).to.equal(DigitalSignatureAlgorithm.SHA_256WithRSAEncryptionPKCS_1V1_5);
    expect(numberValue(attributes.first("Cryptographic Algorithm"))).to.equal(CryptographicAlgorithm.RSA);
    expect(numberValue(attributes.first("Cryptographic Length"))).to.equal(2048);
    expect(booleanValue(attributes.first("Fresh"))).to.equal(true);
  });

  it("records serial and names as DER", async () => {
    const context = unitContext();
    const der = testCertificate();
    const id = identifierOf(await register(requestPayload(registerFields(ObjectType.Certificate, certificateObject(der))), context));
    const identifier = context.store.require(id).attributes.first("X.509 Certificate Identifier")!;
    const subject = context.store.require(id).attributes.first("X.509 Certificate Subject")!;

    const serial = child(identifier, Tag.CertificateSerialNumber)?.value as Buffer;
    expect(serial.toString("hex").replace(/^00/, "")).to.equal(new X509Certificate(der).serialNumber.toLowerCase().replace(/^00/, ""));
    const subjectDer = child(subject, Tag.SubjectDistinguishedName)?.value as Buffer;
    expect(subjectDer[0]).to.equal(0x30);
    expect(subjectDer.toString("latin1")).to.include("register-objects test");
  });

  it("returns the certificate as registered", async () => {
    const context = unitContext();
    const der = testCertificate();
    const id = identifierOf(await register(requestPayload(registerFields(ObjectType.Certificate, certificateObject(der))), context));
    const returned = child(await get(requestPayload([uid(id)]), context), Tag.Certificate)!;
    expect(child(returned, Tag.CertificateValue)?.value).to.deep.equal(der);
  });

  const errorCases: Array<[string, () => TtlvNode[], number]> = [
    ["bytes that are not DER", () => registerFields(ObjectType.Certificate, certificateObject(Buffer.from("not a certificate"))), ResultReason.InvalidField],
    ["PGP certificates", () => registerFields(ObjectType.Certificate, certificateObject(testCertificate(), CertificateType.PGP)), ResultReason.FeatureNotSupported],
    ["unknown Certificate Type", () => registerFields(ObjectType.Certificate, certificateObject(testCertificate(), 0x55)), ResultReason.InvalidField],
    ["missing Certificate", () => registerFields(ObjectType.Certificate, undefined), ResultReason.InvalidField],
    ["wrong Certificate Length", () => registerFields(ObjectType.Certificate, certificateObject(testCertificate()), [attribute("Certificate Length", integer(0, 12))]), ResultReason.InvalidField],
    ["client-set Certificate Type", () => registerFields(ObjectType.Certificate, certificateObject(testCertificate()), [attribute("Certificate Type", enumeration(0, 1))]), ResultReason.InvalidField],
  ];
  for (const [name, fields, reason] of errorCases) {
    it(`rejects ${name}`, async () => {
      const error = await resultErrorOf(register, fields(), unitContext());
      expect(error.resultReason).to.equal(reason);
    });
  }
});
