import { randomBytes } from "node:crypto";
import forge from "node-forge";
import { Extension, keyIdentifierExtensions } from "./extensions";
import { RsaKeyPair } from "./keys";

/** The certificate and key that sign a new certificate. */
export interface Issuer {
  certificate: forge.pki.Certificate;
  privateKey: forge.pki.rsa.PrivateKey;
}

/** Contents of a certificate to issue. Without `issuer`, the certificate is self-signed. */
export interface CertificateRequest {
  commonName: string;
  keyPair: RsaKeyPair;
  extensions: Extension[];
  days: number;
  issuer?: Issuer;
}

/** Organization written into every subject, so that test certificates are easy to recognise. */
export const TEST_ORGANIZATION = "kmipcheck test PKI";

/** How far notBefore lies in the past, so that a peer whose clock runs a little behind accepts it. */
const CLOCK_SKEW_MS = 60_000;

const DAY_MS = 86_400_000;

/** Builds a certificate from the request and signs it with SHA-256 and RSA. */
export function issueCertificate(request: CertificateRequest): forge.pki.Certificate {
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = request.keyPair.publicKey;
  certificate.serialNumber = randomSerialNumber();
  setValidity(certificate, request.days);

  const subject = subjectAttributes(request.commonName);
  certificate.setSubject(subject);
  certificate.setIssuer(request.issuer ? request.issuer.certificate.subject.attributes : subject);

  const issuerCertificate = request.issuer?.certificate ?? certificate;
  certificate.setExtensions([...request.extensions, ...keyIdentifierExtensions(issuerCertificate)]);

  const signingKey = request.issuer?.privateKey ?? request.keyPair.privateKey;
  certificate.sign(signingKey, forge.md.sha256.create());
  return certificate;
}

/**
 * Returns 16 random bytes as hex, a positive DER INTEGER of minimal length: the top bit is clear
 * (not negative) and the second-highest bit set (no leading zero byte). RFC 5280 §4.1.2.2 allows
 * at most 20 octets.
 */
export function randomSerialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] & 0x7f) | 0x40;
  return bytes.toString("hex");
}

function setValidity(certificate: forge.pki.Certificate, days: number): void {
  if (!Number.isFinite(days) || days <= 0) {
    throw new RangeError(`certificate validity must be a positive number of days, got ${days}`);
  }

  const now = Date.now();
  certificate.validity.notBefore = new Date(now - CLOCK_SKEW_MS);
  certificate.validity.notAfter = new Date(now + days * DAY_MS);
}

function subjectAttributes(commonName: string): forge.pki.CertificateField[] {
  if (commonName.length === 0) {
    throw new TypeError("a certificate subject needs a non-empty common name");
  }

  return [
    { name: "organizationName", value: TEST_ORGANIZATION },
    { name: "commonName", value: commonName },
  ];
}
