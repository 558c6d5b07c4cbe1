import { isIP } from "node:net";
import forge from "node-forge";

/** X.509 extension objects in the shape forge's Certificate.setExtensions expects. */
export type Extension = Record<string, unknown>;

// GeneralName choice numbers of RFC 5280 §4.2.1.6: dNSName [2], iPAddress [7].
const DNS_NAME = 2;
const IP_ADDRESS = 7;

/** Extensions of a CA that signs the server and client certificates (RFC 5280 §4.2.1.9). */
export function caExtensions(): Extension[] {
  return [
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
  ];
}

/** Extensions of a TLS server certificate valid for the given DNS names and IP addresses. */
export function serverExtensions(names: readonly string[], ips: readonly string[]): Extension[] {
  return [
    { name: "basicConstraints", cA: false, critical: true },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
    { name: "extKeyUsage", serverAuth: true },
    subjectAltName(names, ips),
  ];
}

/** Extensions of a TLS client certificate. */
export function clientExtensions(): Extension[] {
  return [
    { name: "basicConstraints", cA: false, critical: true },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
    { name: "extKeyUsage", clientAuth: true },
  ];
}

/**
 * Returns the subjectKeyIdentifier of the certificate being built (forge derives it from the
 * certificate's public key) and the authorityKeyIdentifier naming its issuer's key.
 */
export function keyIdentifierExtensions(issuer: forge.pki.Certificate): Extension[] {
  return [
    { name: "subjectKeyIdentifier" },
    { name: "authorityKeyIdentifier", keyIdentifier: issuer.generateSubjectKeyIdentifier().getBytes() },
  ];
}

/** Builds a subjectAltName extension; raises on an empty list, an empty name or an invalid address. */
export function subjectAltName(names: readonly string[], ips: readonly string[]): Extension {
  if (names.length === 0 && ips.length === 0) {
    throw new TypeError("a server certificate needs at least one DNS name or IP address for subjectAltName");
  }

  const emptyName = names.find((name) => name.trim().length === 0);
  if (emptyName !== undefined) {
    throw new TypeError(`invalid DNS name for subjectAltName: ${JSON.stringify(emptyName)}`);
  }

  const badIp = ips.find((ip) => isIP(ip) === 0);
  if (badIp !== undefined) {
    throw new TypeError(`invalid IP address for subjectAltName: ${JSON.stringify(badIp)} (expected IPv4 or IPv6)`);
  }

  const altNames = [
    ...names.map((value) => ({ type: DNS_NAME, value })),
    ...ips.map((ip) => ({ type: IP_ADDRESS, ip })),
  ];
  return { name: "subjectAltName", altNames };
}
