import { createPrivateKey, X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { createSelfSignedCertificate, createTestPki, TestPki, writePki } from "../../src/pki";
import { randomSerialNumber } from "../../src/pki/certificate";

const SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
const CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
const DAY_MS = 86_400_000;

describe("pki createTestPki", function () {
  let pki: TestPki;
  let ca: X509Certificate;
  let server: X509Certificate;
  let client: X509Certificate;

  before(function () {
    pki = createTestPki();
    ca = new X509Certificate(pki.ca.cert);
    server = new X509Certificate(pki.server.cert);
    client = new X509Certificate(pki.client.cert);
  });

  it("CA is a self-signed CA", function () {
    expect(ca.ca).to.equal(true);
    expect(ca.subject).to.equal(ca.issuer);
    expect(ca.subject).to.include("CN=kmipcheck test CA");
    expect(ca.verify(ca.publicKey)).to.equal(true);
  });

  it("CA key matches CA certificate", function () {
    expect(ca.checkPrivateKey(createPrivateKey(pki.ca.key))).to.equal(true);
  });

  it("server certificate signed by CA", function () {
    expect(server.ca).to.equal(false);
    expect(server.issuer).to.equal(ca.subject);
    expect(server.checkIssued(ca)).to.equal(true);
    expect(server.verify(ca.publicKey)).to.equal(true);
    expect(server.checkPrivateKey(createPrivateKey(pki.server.key))).to.equal(true);
  });

  it("server certificate has serverAuth only", function () {
    expect(server.keyUsage).to.deep.equal([SERVER_AUTH]);
  });

  it("server certificate default SAN", function () {
    expect(server.subjectAltName).to.equal("DNS:localhost, IP Address:127.0.0.1");
    expect(server.checkHost("localhost")).to.equal("localhost");
    expect(server.checkIP("127.0.0.1")).to.equal("127.0.0.1");
    expect(server.checkIP("127.0.0.2")).to.equal(undefined);
  });

  it("client certificate signed by CA", function () {
    expect(client.ca).to.equal(false);
    expect(client.issuer).to.equal(ca.subject);
    expect(client.verify(ca.publicKey)).to.equal(true);
    expect(client.checkPrivateKey(createPrivateKey(pki.client.key))).to.equal(true);
  });

  it("client certificate has clientAuth and default CN", function () {
    expect(client.keyUsage).to.deep.equal([CLIENT_AUTH]);
    expect(client.subject.split("\n")).to.include("CN=kmipcheck");
    expect(client.subjectAltName).to.equal(undefined);
  });

  it("certificates not signed by another CA", function () {
    const other = new X509Certificate(createTestPki().ca.cert);

    expect(server.verify(other.publicKey)).to.equal(false);
    expect(client.verify(other.publicKey)).to.equal(false);
  });

  it("serial numbers differ between certificates", function () {
    const serials = new Set([ca.serialNumber, server.serialNumber, client.serialNumber]);

    expect(serials.size).to.equal(3);
  });

  it("keys are RSA-2048 PKCS#8", function () {
    for (const pem of [pki.ca.key, pki.server.key, pki.client.key]) {
      expect(pem).to.match(/^-----BEGIN PRIVATE KEY-----\n/);
      const key = createPrivateKey(pem);
      expect(key.asymmetricKeyType).to.equal("rsa");
      expect(key.asymmetricKeyDetails?.modulusLength).to.equal(2048);
    }
  });

  it("certificates use SHA-256 with RSA", function () {
    // X509Certificate has no signature algorithm getter, so look for the DER-encoded OID of
    // sha256WithRSAEncryption (1.2.840.113549.1.1.11) in the raw certificate.
    const sha256WithRsaOid = Buffer.from("06092a864886f70d01010b", "hex");

    for (const certificate of [ca, server, client]) {
      expect(certificate.raw.includes(sha256WithRsaOid)).to.equal(true);
    }
  });
});

describe("pki createTestPki options", function () {
  it("custom names, addresses, client name, days", function () {
    const before = Date.now();
    const pki = createTestPki({ serverNames: ["kmip.test", "hsm.test"], serverIps: ["127.0.0.1", "::1"], clientName: "alice", days: 2 });
    const server = new X509Certificate(pki.server.cert);
    const client = new X509Certificate(pki.client.cert);

    expect(server.subjectAltName).to.equal("DNS:kmip.test, DNS:hsm.test, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1");
    expect(server.checkHost("hsm.test")).to.equal("hsm.test");
    expect(server.checkHost("localhost")).to.equal(undefined);
    expect(client.subject.split("\n")).to.include("CN=alice");

    const notBefore = Date.parse(server.validFrom);
    const notAfter = Date.parse(server.validTo);
    expect(notBefore).to.be.below(before);
    expect(notBefore).to.be.at.least(before - 2 * 60_000);
    expect(notAfter - before).to.be.within(2 * DAY_MS - 60_000, 2 * DAY_MS + 60_000);
  });

  it("rejects a server without names", function () {
    expect(() => createTestPki({ serverNames: [], serverIps: [] })).to.throw(/at least one DNS name or IP address/);
  });

  it("rejects a non-positive validity", function () {
    expect(() => createTestPki({ days: 0 })).to.throw(/positive number of days, got 0/);
  });

  it("rejects an invalid IP address", function () {
    expect(() => createTestPki({ serverIps: ["300.1.1.1"] })).to.throw(/invalid IP address for subjectAltName: "300.1.1.1"/);
  });

  it("rejects an empty DNS name", function () {
    expect(() => createSelfSignedCertificate({ commonName: "hsm", names: [""] })).to.throw(/invalid DNS name/);
  });
});

describe("pki createSelfSignedCertificate", function () {
  it("self-signed server certificate", function () {
    const pem = createSelfSignedCertificate({ commonName: "bundled KMIP server" });
    const certificate = new X509Certificate(pem.cert);

    expect(certificate.subject).to.equal(certificate.issuer);
    expect(certificate.subject.split("\n")).to.include("CN=bundled KMIP server");
    expect(certificate.verify(certificate.publicKey)).to.equal(true);
    expect(certificate.checkPrivateKey(createPrivateKey(pem.key))).to.equal(true);
    expect(certificate.keyUsage).to.deep.equal([SERVER_AUTH]);
    expect(certificate.subjectAltName).to.equal("DNS:localhost, IP Address:127.0.0.1");
  });

  it("custom names and addresses", function () {
    const pem = createSelfSignedCertificate({ commonName: "hsm", names: ["hsm.test"], ips: ["127.0.0.2"] });
    const certificate = new X509Certificate(pem.cert);

    expect(certificate.subjectAltName).to.equal("DNS:hsm.test, IP Address:127.0.0.2");
  });
});

describe("pki randomSerialNumber", function () {
  it("positive, minimal, 16 bytes", function () {
    for (let i = 0; i < 200; i++) {
      const first = parseInt(randomSerialNumber().slice(0, 2), 16);
      expect(first & 0x80).to.equal(0);
      expect(first & 0x40).to.equal(0x40);
      expect(randomSerialNumber()).to.have.length(32);
    }
  });
});

describe("pki writePki", function () {
  let dir: string;

  beforeEach(function () {
    dir = mkdtempSync(join(tmpdir(), "kmipcheck-pki-"));
  });

  afterEach(function () {
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes five files, keys private", function () {
    const pki = createTestPki();
    const files = writePki(join(dir, "nested"), pki);

    expect(readFileSync(files.caCert, "utf8")).to.equal(pki.ca.cert);
    expect(readFileSync(files.serverCert, "utf8")).to.equal(pki.server.cert);
    expect(readFileSync(files.serverKey, "utf8")).to.equal(pki.server.key);
    expect(readFileSync(files.clientCert, "utf8")).to.equal(pki.client.cert);
    expect(readFileSync(files.clientKey, "utf8")).to.equal(pki.client.key);
    expect(files.caCert).to.equal(join(dir, "nested", "ca.pem"));
    expect(statSync(files.serverKey).mode & 0o777).to.equal(0o600);
    expect(statSync(files.clientKey).mode & 0o777).to.equal(0o600);
  });
});
