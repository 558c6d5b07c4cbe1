import { X509Certificate } from "node:crypto";
import { expect } from "chai";
import { startBundledServer, type BundledServer } from "../../bundled-server";
import { createTestPki, type TestPki } from "../../src/pki";
import { PkiError, type PkiErrorCode } from "../../src/pki/errors";
import { fetchServerCertificate } from "../../src/pki/fetch";
import { closedPort, startTcpServer, startTlsServer, type TestServer } from "../transport/servers";

async function expectFetchError(promise: Promise<unknown>, code: PkiErrorCode): Promise<PkiError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }

  expect(caught, "expected a PkiError").to.be.instanceOf(PkiError);
  expect((caught as PkiError).code, (caught as PkiError).message).to.equal(code);
  return caught as PkiError;
}

describe("pki fetchServerCertificate", function () {
  let pki: TestPki;
  const servers: TestServer[] = [];
  let bundled: BundledServer | undefined;

  before(function () {
    pki = createTestPki();
  });

  afterEach(async function () {
    await Promise.all(servers.splice(0).map((server) => server.close()));
    await bundled?.close();
    bundled = undefined;
  });

  it("returns the bundled server's self-signed certificate", async function () {
    bundled = await startBundledServer({ host: "127.0.0.1", port: 0, clientCa: pki.ca.cert });

    const fetched = await fetchServerCertificate(bundled.host, bundled.port, { timeoutMs: 5000 });

    expect(fetched.pem.trim()).to.equal(bundled.certificatePem.trim());
    expect(fetched.certificate.raw.equals(new X509Certificate(bundled.certificatePem).raw)).to.equal(true);
    expect(fetched.certificate.subject).to.contain("CN=kmipcheck bundled server");
  });

  it("gets past a TLS 1.2 client certificate request", async function () {
    const options = { cert: pki.server.cert, key: pki.server.key, ca: pki.ca.cert, requestCert: true, rejectUnauthorized: true, maxVersion: "TLSv1.2" as const };
    servers.push(await startTlsServer(options, () => undefined));

    const fetched = await fetchServerCertificate("127.0.0.1", servers[0].port, { timeoutMs: 5000 });

    expect(fetched.pem.trim()).to.equal(pki.server.cert.trim());
    expect(fetched.protocol, "the server ends the handshake before it completes").to.equal(undefined);
  });

  it("completes the handshake when no client certificate is required", async function () {
    servers.push(await startTlsServer({ cert: pki.server.cert, key: pki.server.key }, (socket) => socket.end()));

    const fetched = await fetchServerCertificate("127.0.0.1", servers[0].port, { timeoutMs: 5000 });

    expect(fetched.pem.trim()).to.equal(pki.server.cert.trim());
    expect(fetched.protocol).to.equal("TLSv1.3");
  });

  it("reports a refused connection", async function () {
    const port = await closedPort();
    const error = await expectFetchError(fetchServerCertificate("127.0.0.1", port), "PKI_FETCH_REFUSED");

    expect(error.message).to.equal(`connection to 127.0.0.1:${port} refused; check the host and port, and that the server is running`);
  });

  it("times out on a silent server", async function () {
    servers.push(await startTcpServer(() => undefined));
    const started = Date.now();

    const error = await expectFetchError(fetchServerCertificate("127.0.0.1", servers[0].port, { timeoutMs: 300 }), "PKI_FETCH_TIMEOUT");

    expect(Date.now() - started).to.be.below(2000);
    expect(error.message).to.contain(`no certificate from 127.0.0.1:${servers[0].port} within 300 ms`);
  });

  it("reports a server that does not speak TLS", async function () {
    servers.push(await startTcpServer((socket) => socket.end("HTTP/1.1 400 Bad Request\r\n\r\n")));

    const error = await expectFetchError(fetchServerCertificate("127.0.0.1", servers[0].port, { timeoutMs: 5000 }), "PKI_FETCH_TLS_FAILED");

    expect(error.message).to.match(/^TLS handshake with 127\.0\.0\.1:\d+ failed before the server sent a certificate \(.+\); check that this port serves TLS 1\.2 or 1\.3$/);
  });

  it("reports a connection closed at once", async function () {
    servers.push(await startTcpServer((socket) => socket.destroy()));

    const error = await expectFetchError(fetchServerCertificate("127.0.0.1", servers[0].port, { timeoutMs: 5000 }), "PKI_FETCH_FAILED");

    expect(error.message).to.contain("before sending a certificate");
  });

  it("rejects invalid arguments", async function () {
    await expectFetchError(Promise.resolve().then(() => fetchServerCertificate("", 5696)), "PKI_INVALID_OPTIONS");
    await expectFetchError(Promise.resolve().then(() => fetchServerCertificate("127.0.0.1", 0)), "PKI_INVALID_OPTIONS");
    await expectFetchError(Promise.resolve().then(() => fetchServerCertificate("127.0.0.1", 5696, { timeoutMs: -1 })), "PKI_INVALID_OPTIONS");
  });
});
