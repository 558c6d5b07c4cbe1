import { X509Certificate, createPrivateKey } from "node:crypto";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { startBundledServer, type BundledServer } from "../../bundled-server";
import { ResultStatus, Tag } from "../../src/kmip";
import { PkiError } from "../../src/pki/errors";
import { initPkiDirectory, PKI_FILE_NAMES } from "../../src/pki/init";
import { KmipConnection } from "../../src/transport";
import { makeTempDir, type TempDir } from "../config/helpers";
import { discoverVersionsRequest, listedVersions, onlyBatchItem, payloadOf, valueOf } from "../helpers/kmip-requests";

// OIDs of the extended key usages TLS checks (RFC 5280 §4.2.1.12).
const CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
const SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

function expectPkiError(action: () => unknown, code: string): PkiError {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }

  expect(caught, "expected a PkiError").to.be.instanceOf(PkiError);
  expect((caught as PkiError).code, (caught as PkiError).message).to.equal(code);
  return caught as PkiError;
}

describe("pki initPkiDirectory", function () {
  let temp: TempDir;

  beforeEach(function () {
    temp = makeTempDir("kmipcheck-pki-");
  });

  afterEach(function () {
    temp.remove();
  });

  it("writes six PEM files", function () {
    const dir = join(temp.path, "new", "pki");
    const { files } = initPkiDirectory(dir, { serverNames: ["kmip.test"], serverIps: ["127.0.0.1", "::1"], clientName: "alice", days: 30 });

    expect(Object.values(files)).to.deep.equal(Object.values(PKI_FILE_NAMES).map((name) => join(dir, name)));
    for (const key of ["caKey", "serverKey", "clientKey"] as const) {
      expect(statSync(files[key]).mode & 0o777, `${key} mode`).to.equal(0o600);
      expect(() => createPrivateKey(readFileSync(files[key]))).to.not.throw();
    }
  });

  it("issues certificates for the names given", function () {
    const { files } = initPkiDirectory(temp.path, { serverNames: ["kmip.test"], serverIps: ["127.0.0.1", "::1"], clientName: "alice", days: 30 });
    const ca = new X509Certificate(readFileSync(files.caCert));
    const server = new X509Certificate(readFileSync(files.serverCert));
    const client = new X509Certificate(readFileSync(files.clientCert));

    expect(ca.ca).to.equal(true);
    expect(server.verify(ca.publicKey), "server certificate signed by the CA").to.equal(true);
    expect(client.verify(ca.publicKey), "client certificate signed by the CA").to.equal(true);
    expect(server.checkPrivateKey(createPrivateKey(readFileSync(files.serverKey)))).to.equal(true);
    expect(client.checkPrivateKey(createPrivateKey(readFileSync(files.clientKey)))).to.equal(true);
    expect(server.subjectAltName).to.equal("DNS:kmip.test, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1");
    expect(server.keyUsage).to.deep.equal([SERVER_AUTH]);
    expect(client.keyUsage).to.deep.equal([CLIENT_AUTH]);
    expect(client.subject.split("\n")).to.include("CN=alice");
    expect(Date.parse(client.validTo) - Date.now()).to.be.within(29 * 86_400_000, 31 * 86_400_000);
  });

  it("rejects existing files", function () {
    const existing = temp.write("client.key", "keep me\n");

    const error = expectPkiError(() => initPkiDirectory(temp.path), "PKI_FILES_EXIST");

    expect(error.message).to.equal(`${temp.path} already contains client.key; choose an empty directory, or force overwriting to replace them`);
    expect(readFileSync(existing, "utf8")).to.equal("keep me\n");
    expect(() => statSync(join(temp.path, "ca.pem")), "nothing written").to.throw();
  });

  it("replaces files when forced", function () {
    const first = initPkiDirectory(temp.path);
    writeFileSync(first.files.serverKey, "old", { mode: 0o644 });

    const second = initPkiDirectory(temp.path, { force: true });

    expect(readFileSync(second.files.caCert, "utf8")).to.not.equal(first.pki.ca.cert);
    expect(readFileSync(second.files.serverKey, "utf8")).to.equal(second.pki.server.key);
    expect(statSync(second.files.serverKey).mode & 0o777).to.equal(0o600);
  });

  it("rejects invalid options", function () {
    expect(expectPkiError(() => initPkiDirectory(temp.path, { serverIps: ["300.1.1.1"] }), "PKI_INVALID_OPTIONS").message).to.contain('"300.1.1.1"');
    expect(expectPkiError(() => initPkiDirectory(temp.path, { clientName: "" }), "PKI_INVALID_OPTIONS").message).to.contain("common name");
    expect(expectPkiError(() => initPkiDirectory(temp.path, { days: 0 }), "PKI_INVALID_OPTIONS").message).to.contain("positive number of days");
  });
});

describe("pki initPkiDirectory with the bundled server", function () {
  let temp: TempDir;
  let server: BundledServer | undefined;
  let connection: KmipConnection | undefined;

  before(function () {
    temp = makeTempDir("kmipcheck-pki-");
  });

  after(async function () {
    await connection?.close();
    await server?.close();
    temp.remove();
  });

  it("serves Discover Versions over mutual TLS", async function () {
    const { files } = initPkiDirectory(temp.path, { serverIps: ["127.0.0.1"] });
    const read = (path: string) => readFileSync(path, "utf8");
    server = await startBundledServer({ host: "127.0.0.1", port: 0, clientCa: read(files.caCert), cert: read(files.serverCert), key: read(files.serverKey) });

    connection = await KmipConnection.connect({ host: server.host, port: server.port, ca: read(files.caCert), cert: read(files.clientCert), key: read(files.clientKey), connectTimeoutMs: 5000, responseTimeoutMs: 5000 });
    const item = onlyBatchItem(await connection.roundTrip(discoverVersionsRequest()));

    expect(valueOf(item, Tag.ResultStatus)).to.equal(ResultStatus.Success);
    expect(listedVersions(payloadOf(item))).to.include("1.4");
  });
});
