/**
 * Test PKI: a CA, a server certificate and a client certificate for mutual TLS, or a single
 * self-signed server certificate. Keys are RSA-2048 from node:crypto; certificates are built and
 * signed (SHA-256) with node-forge. Meant for tests and the bundled server, not for production.
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import forge from "node-forge";
import { issueCertificate, Issuer } from "./certificate";
import { caExtensions, clientExtensions, serverExtensions } from "./extensions";
import { generateRsaKeyPair } from "./keys";

/** A certificate and its private key, both PEM. The key is PKCS#8 ("BEGIN PRIVATE KEY"). */
export interface Pem {
  cert: string;
  key: string;
}

export interface TestPki {
  ca: Pem;
  server: Pem;
  client: Pem;
}

export interface TestPkiOptions {
  /** DNS names for the server's subjectAltName; default ["localhost"]. */
  serverNames?: string[];
  /** IP addresses for the server's subjectAltName; default ["127.0.0.1"]. */
  serverIps?: string[];
  /** Common name of the client certificate, which a KMIP server may map to a user; default "kmipcheck". */
  clientName?: string;
  /** Validity of every certificate in days; default 365. */
  days?: number;
}

export interface SelfSignedOptions {
  commonName: string;
  /** DNS names for subjectAltName; default ["localhost"]. */
  names?: string[];
  /** IP addresses for subjectAltName; default ["127.0.0.1"]. */
  ips?: string[];
  /** Validity in days; default 365. */
  days?: number;
}

/** Paths of the files writePki creates. */
export interface PkiFiles {
  caCert: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

export const DEFAULT_SERVER_NAMES: readonly string[] = ["localhost"];
export const DEFAULT_SERVER_IPS: readonly string[] = ["127.0.0.1"];
export const DEFAULT_CLIENT_NAME = "kmipcheck";
export const DEFAULT_VALIDITY_DAYS = 365;

const CA_COMMON_NAME = "kmipcheck test CA";
const SERVER_COMMON_NAME = "kmipcheck test server";

/** Creates a fresh CA and a server and a client certificate signed by it. */
export function createTestPki(options: TestPkiOptions = {}): TestPki {
  const days = options.days ?? DEFAULT_VALIDITY_DAYS;
  const names = options.serverNames ?? DEFAULT_SERVER_NAMES;
  const ips = options.serverIps ?? DEFAULT_SERVER_IPS;
  const serverExtensionList = serverExtensions(names, ips);

  const caKeys = generateRsaKeyPair();
  const caCertificate = issueCertificate({ commonName: CA_COMMON_NAME, keyPair: caKeys, extensions: caExtensions(), days });
  const issuer: Issuer = { certificate: caCertificate, privateKey: caKeys.privateKey };

  const serverKeys = generateRsaKeyPair();
  const serverCertificate = issueCertificate({ commonName: SERVER_COMMON_NAME, keyPair: serverKeys, extensions: serverExtensionList, days, issuer });

  const clientKeys = generateRsaKeyPair();
  const clientName = options.clientName ?? DEFAULT_CLIENT_NAME;
  const clientCertificate = issueCertificate({ commonName: clientName, keyPair: clientKeys, extensions: clientExtensions(), days, issuer });

  return {
    ca: { cert: toPem(caCertificate), key: caKeys.privateKeyPem },
    server: { cert: toPem(serverCertificate), key: serverKeys.privateKeyPem },
    client: { cert: toPem(clientCertificate), key: clientKeys.privateKeyPem },
  };
}

/**
 * Creates a self-signed TLS server certificate, such as the bundled server makes at each start.
 * Clients trust it by pinning it or by passing it as their CA.
 */
export function createSelfSignedCertificate(options: SelfSignedOptions): Pem {
  const keyPair = generateRsaKeyPair();
  const extensions = serverExtensions(options.names ?? DEFAULT_SERVER_NAMES, options.ips ?? DEFAULT_SERVER_IPS);
  const days = options.days ?? DEFAULT_VALIDITY_DAYS;

  const certificate = issueCertificate({ commonName: options.commonName, keyPair, extensions, days });
  return { cert: toPem(certificate), key: keyPair.privateKeyPem };
}

/**
 * Writes ca.pem, server.pem, server.key, client.pem and client.key into dir (created if missing).
 * Key files get mode 0600. The CA key is left out because a run needs only the CA certificate.
 */
export function writePki(dir: string, pki: TestPki): PkiFiles {
  mkdirSync(dir, { recursive: true });
  const files: PkiFiles = {
    caCert: join(dir, "ca.pem"),
    serverCert: join(dir, "server.pem"),
    serverKey: join(dir, "server.key"),
    clientCert: join(dir, "client.pem"),
    clientKey: join(dir, "client.key"),
  };

  writeFileSync(files.caCert, pki.ca.cert);
  writeFileSync(files.serverCert, pki.server.cert);
  writePrivateKey(files.serverKey, pki.server.key);
  writeFileSync(files.clientCert, pki.client.cert);
  writePrivateKey(files.clientKey, pki.client.key);
  return files;
}

function writePrivateKey(path: string, pem: string): void {
  writeFileSync(path, pem, { mode: 0o600 });

  // The mode option applies only when the file is created, so tighten an existing file too.
  chmodSync(path, 0o600);
}

function toPem(certificate: forge.pki.Certificate): string {
  return forge.pki.certificateToPem(certificate).replace(/\r\n/g, "\n");
}
