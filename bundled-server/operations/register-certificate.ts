/**
 * Register (§4.3) of an X.509 Certificate (§2.2.1). The server sets the certificate attributes
 * from the certificate itself (§3.8 to §3.16) and the Cryptographic Algorithm and Length of its
 * public key (§3.4, §3.5). Errors per §11.4.
 */
import { CertificateType, enumName, ObjectType, ResultReason, Tag } from "../../src/kmip";
import { bytes, enumeration, structure, text } from "../../src/ttlv";
import { ItemType, StructureNode, TtlvNode } from "../../src/ttlv/types";
import { AttributeSet } from "../attributes/attribute-set";
import { NAME_TAKEN_ON_CREATION, requireUnusedName } from "../attributes/names";
import { applyTemplateAttributes, parseTemplateAttribute } from "../attributes/template";
import { numberValue, valueOf } from "../attributes/values";
import { OperationContext } from "../context";
import { algorithmsOfKey, keyLengthBits } from "../crypto/key-material";
import { readX509, X509Fields } from "../crypto/x509-fields";
import { KmipResultError } from "../errors";
import { requiredEnumeration, requiredField, requiredStructure } from "../payload";
import { newManagedObject } from "../store/new-object";
import { responsePayload, uniqueIdentifierField } from "./common";

/**
 * Registers a Certificate. Like Secret Data, a certificate registered without a Cryptographic
 * Usage Mask is accepted: the server uses certificates in no operation the mask governs.
 */
export function registerCertificate(payload: StructureNode, context: OperationContext): StructureNode {
  const certificate = certificateStructure(payload);
  const value = requiredField(certificate, Tag.CertificateValue, ItemType.ByteString).value as Buffer;
  const fields = readX509(value);

  const attributes = new AttributeSet();
  applyTemplateAttributes(attributes, parseTemplateAttribute(requiredStructure(payload, Tag.TemplateAttribute), context.store));
  for (const [name, derived] of serverSetAttributes(fields, value.length)) {
    requireAgreement(attributes, name, derived);
    attributes.set(name, derived);
  }
  for (const name of attributes.all("Name")) {
    requireUnusedName(context.store, name.value, undefined, NAME_TAKEN_ON_CREATION);
  }

  const content = structure(Tag.Certificate, [enumeration(Tag.CertificateType, CertificateType.X_509), bytes(Tag.CertificateValue, value)]);
  const object = newManagedObject({ objectType: ObjectType.Certificate, content, attributes, digestInput: value, digestFormat: undefined, generatedByServer: false }, context);
  context.store.insert(object);

  // §4.3: the server copies the new Unique Identifier into the ID Placeholder.
  context.batch.idPlaceholder = object.uniqueIdentifier;
  return responsePayload([uniqueIdentifierField(object)]);
}

// §11.4: a missing Certificate is Invalid Field; an unknown Certificate Type is Invalid Field,
// PGP (deprecated since 1.2, §3.8) is a type this server does not store.
function certificateStructure(payload: StructureNode): StructureNode {
  if (!payload.value.some((field) => field.tag === Tag.Certificate)) {
    throw new KmipResultError(ResultReason.InvalidField, "Object Type is Certificate but the request carries no Certificate object");
  }
  const certificate = requiredStructure(payload, Tag.Certificate);
  const type = requiredEnumeration(certificate, Tag.CertificateType);
  if (type !== CertificateType.X_509) {
    const name = enumName("CertificateType", type);
    const reason = name === undefined ? ResultReason.InvalidField : ResultReason.FeatureNotSupported;
    throw new KmipResultError(reason, `Certificate Type ${name ?? `0x${type.toString(16)}`} is not supported; this server stores X.509 certificates`);
  }
  return certificate;
}

/** Derives the attributes that §3.4 to §3.16 have the server set from the certificate. */
function serverSetAttributes(fields: X509Fields, lengthBytes: number): Array<[string, TtlvNode]> {
  const algorithm = algorithmsOfKey(fields.publicKey)[0];
  const keyLength = keyLengthBits(fields.publicKey);
  const issuerText = fields.issuerText.replace(/\n/g, ", ");
  const derived: Array<[string, TtlvNode | undefined]> = [
    ["Certificate Type", valueOf.enumeration(CertificateType.X_509)],
    ["Certificate Length", valueOf.integer(lengthBytes)],
    ["X.509 Certificate Identifier", valueOf.structure([bytes(Tag.IssuerDistinguishedName, fields.issuerDer), bytes(Tag.CertificateSerialNumber, fields.serialNumber)])],
    ["X.509 Certificate Subject", valueOf.structure([bytes(Tag.SubjectDistinguishedName, fields.subjectDer)])],
    ["X.509 Certificate Issuer", valueOf.structure([bytes(Tag.IssuerDistinguishedName, fields.issuerDer)])],
    // §3.13 to §3.15 are deprecated since 1.1 but still defined; they carry the same names as text.
    ["Certificate Identifier", valueOf.structure([text(Tag.Issuer, issuerText), text(Tag.SerialNumber, fields.serialNumber.toString("hex"))])],
    ["Certificate Subject", valueOf.structure([text(Tag.CertificateSubjectDistinguishedName, fields.subjectText.replace(/\n/g, ", "))])],
    ["Certificate Issuer", valueOf.structure([text(Tag.CertificateIssuerDistinguishedName, issuerText)])],
    ["Digital Signature Algorithm", fields.signatureAlgorithm === undefined ? undefined : valueOf.enumeration(fields.signatureAlgorithm)],
    ["Cryptographic Algorithm", algorithm === undefined ? undefined : valueOf.enumeration(algorithm)],
    ["Cryptographic Length", keyLength === undefined ? undefined : valueOf.integer(keyLength)],
  ];
  return derived.filter((entry): entry is [string, TtlvNode] => entry[1] !== undefined);
}

// §11.4 "Incorrect attribute value(s) specified": a value the client gives must match the certificate.
function requireAgreement(attributes: AttributeSet, name: string, derived: TtlvNode): void {
  const given = attributes.first(name);
  if (given === undefined || typeof derived.value !== "number") {
    return;
  }
  if (numberValue(given) !== derived.value) {
    throw new KmipResultError(ResultReason.InvalidField, `attribute "${name}" is ${String(given.value)} in the template but ${derived.value} in the certificate`);
  }
}
