/**
 * Fields of an X.509 certificate (RFC 5280 §4.1) that the certificate attributes of §3.8 to §3.16
 * record: the DER of the issuer and subject names, the serial number, the signature algorithm
 * and the public key. node:crypto's X509Certificate checks the encoding and gives the key and the
 * text forms; node-forge's ASN.1 reader gives the raw name encodings that X509Certificate hides.
 */
import { KeyObject, X509Certificate } from "node:crypto";
import forge from "node-forge";
import { DigitalSignatureAlgorithm, ResultReason } from "../../src/kmip";
import { KmipResultError } from "../errors";

export interface X509Fields {
  /** DER of the issuer Name. */
  issuerDer: Buffer;
  /** DER of the subject Name (an empty Name is 2 bytes, 0x30 0x00). */
  subjectDer: Buffer;
  /** Contents octets of the serialNumber INTEGER. */
  serialNumber: Buffer;
  /** Text forms, one "type=value" per line, as X509Certificate prints them. */
  issuerText: string;
  subjectText: string;
  /** Digital Signature Algorithm (§9.1.3.2.7) of the signature, or undefined for an algorithm KMIP does not name. */
  signatureAlgorithm: number | undefined;
  publicKey: KeyObject;
}

// Signature algorithm object identifiers (RFC 3279, RFC 4055, RFC 5758, NIST CSOR) by the KMIP name.
const SIGNATURE_OIDS: Readonly<Record<string, number>> = {
  "1.2.840.113549.1.1.2": DigitalSignatureAlgorithm.MD2WithRSAEncryptionPKCS_1V1_5,
  "1.2.840.113549.1.1.4": DigitalSignatureAlgorithm.MD5WithRSAEncryptionPKCS_1V1_5,
  "1.2.840.113549.1.1.5": DigitalSignatureAlgorithm.SHA_1WithRSAEncryptionPKCS_1V1_5,
  "1.2.840.113549.1.1.14": DigitalSignatureAlgorithm.SHA_224WithRSAEncryptionPKCS_1V1_5,
  "1.2.840.113549.1.1.11": DigitalSignatureAlgorithm.SHA_256WithRSAEncryptionPKCS_1V1_5,
  "1.2.840.113549.1.1.12": DigitalSignatureAlgorithm.SHA_384WithRSAEncryptionPKCS_1V1_5,
  "1.2.840.113549.1.1.13": DigitalSignatureAlgorithm.SHA_512WithRSAEncryptionPKCS_1V1_5,
  "1.2.840.113549.1.1.10": DigitalSignatureAlgorithm.RSASSA_PSSPKCS_1V2_1,
  "1.2.840.10040.4.3": DigitalSignatureAlgorithm.DSAWithSHA_1,
  "2.16.840.1.101.3.4.3.1": DigitalSignatureAlgorithm.DSAWithSHA224,
  "2.16.840.1.101.3.4.3.2": DigitalSignatureAlgorithm.DSAWithSHA256,
  "1.2.840.10045.4.1": DigitalSignatureAlgorithm.ECDSAWithSHA_1,
  "1.2.840.10045.4.3.1": DigitalSignatureAlgorithm.ECDSAWithSHA224,
  "1.2.840.10045.4.3.2": DigitalSignatureAlgorithm.ECDSAWithSHA256,
  "1.2.840.10045.4.3.3": DigitalSignatureAlgorithm.ECDSAWithSHA384,
  "1.2.840.10045.4.3.4": DigitalSignatureAlgorithm.ECDSAWithSHA512,
  "2.16.840.1.101.3.4.3.14": DigitalSignatureAlgorithm.SHA3_256WithRSAEncryption,
  "2.16.840.1.101.3.4.3.15": DigitalSignatureAlgorithm.SHA3_384WithRSAEncryption,
  "2.16.840.1.101.3.4.3.16": DigitalSignatureAlgorithm.SHA3_512WithRSAEncryption,
};

/** Reads a DER X.509 certificate; anything else is Invalid Field (§11.4: incorrect value specified). */
export function readX509(der: Buffer): X509Fields {
  try {
    const certificate = new X509Certificate(der);
    const outer = forge.asn1.fromDer(forge.util.createBuffer(der.toString("binary")));
    const tbs = (outer.value as forge.asn1.Asn1[])[0].value as forge.asn1.Asn1[];
    // RFC 5280 §4.1: tbsCertificate starts with an optional [0] version, then serialNumber,
    // signature, issuer, validity, subject.
    const fields = tbs[0].tagClass === forge.asn1.Class.CONTEXT_SPECIFIC ? tbs.slice(1) : tbs;
    const signatureOid = forge.asn1.derToOid(((outer.value as forge.asn1.Asn1[])[1].value as forge.asn1.Asn1[])[0].value as string);
    return {
      issuerDer: derOf(fields[2]),
      subjectDer: derOf(fields[4]),
      serialNumber: Buffer.from(fields[0].value as string, "binary"),
      issuerText: certificate.issuer,
      subjectText: certificate.subject,
      signatureAlgorithm: SIGNATURE_OIDS[signatureOid],
      publicKey: certificate.publicKey,
    };
  } catch (error) {
    throw new KmipResultError(ResultReason.InvalidField, "the Certificate Value is not a DER-encoded X.509 certificate", { cause: error });
  }
}

function derOf(node: forge.asn1.Asn1): Buffer {
  return Buffer.from(forge.asn1.toDer(node).getBytes(), "binary");
}
