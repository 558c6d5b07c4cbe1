import { X509Certificate } from "node:crypto";
import { expect } from "chai";
import { createSelfSignedCertificate, createTestPki, Pem, TestPki } from "../../src/pki";
import { KmipConnection, type ConnectOptions } from "../../src/transport";
import { clientOptions, expectTransportError, mutualTlsServerOptions } from "./helpers";
import { closedPort, echoResponse, message, onMessages, REQUEST_MESSAGE, startTcpServer, startTlsServer, TestServer } from "./servers";

describe("transport connect", function () {
  let pki: TestPki;
  let otherPki: TestPki;
  let selfSigned: Pem;
  let otherSelfSigned: Pem;
  const servers: TestServer[] = [];
  const connections: KmipConnection[] = [];

  before(function () {
    pki = createTestPki();
    otherPki = createTestPki();
    selfSigned = createSelfSignedCertificate({ commonName: "test KMIP server" });
    otherSelfSigned = createSelfSignedCertificate({ commonName: "another KMIP server" });
  });

  afterEach(async function () {
    await Promise.all(connections.splice(0).map((connection) => connection.close()));
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  async function echoServer(options = mutualTlsServerOptions(pki)): Promise<TestServer> {
    const server = await startTlsServer(options, (socket) => onMessages(socket, (request) => socket.write(echoResponse(request))));
    servers.push(server);
    return server;
  }

  async function connect(options: Parameters<typeof KmipConnection.connect>[0]): Promise<KmipConnection> {
    const connection = await KmipConnection.connect(options);
    connections.push(connection);
    return connection;
  }

  it("connection refused", async function () {
    const port = await closedPort();

    const error = await expectTransportError(KmipConnection.connect(clientOptions(pki, port)), "TRANSPORT_CONNECT_REFUSED");

    expect(error.message).to.include(`127.0.0.1:${port}`);
    expect(error.context).to.include({ host: "127.0.0.1", port });
    expect((error.cause as NodeJS.ErrnoException).code).to.equal("ECONNREFUSED");
  });

  it("connect timeout without TLS handshake", async function () {
    const server = await startTcpServer(() => undefined);
    servers.push(server);

    const started = Date.now();
    const connecting = KmipConnection.connect(clientOptions(pki, server.port, { connectTimeoutMs: 300 }));
    const error = await expectTransportError(connecting, "TRANSPORT_CONNECT_TIMEOUT");

    expect(Date.now() - started).to.be.within(250, 3_000);
    expect(error.message).to.include(`127.0.0.1:${server.port}`);
    expect(error.message).to.include("300 ms");
    expect(error.message).to.include("TLS handshake did not finish");
    expect(error.message).to.include("--connect-timeout");
    expect(error.context).to.include({ timeoutMs: 300, tcpConnected: true });
    expect(server.connections).to.equal(1);
  });

  it("server without TLS", async function () {
    const server = await startTcpServer((socket) => socket.end("HTTP/1.1 400 Bad Request\r\n\r\n"));
    servers.push(server);

    const error = await expectTransportError(KmipConnection.connect(clientOptions(pki, server.port)), "TRANSPORT_TLS_FAILED");

    expect(error.message).to.include(`127.0.0.1:${server.port}`);
    expect(error.message).to.include("did not reply with TLS");
  });

  it("mutual TLS with CA", async function () {
    const server = await echoServer();

    const connection = await connect(clientOptions(pki, server.port));

    expect(connection.protocol).to.equal("TLSv1.3");
    expect(connection.address).to.equal(`127.0.0.1:${server.port}`);
    expect(connection.peerCertificate.subject).to.include("CN=kmipcheck test server");
    expect(connection.peerCertificate.checkIssued(new X509Certificate(pki.ca.cert))).to.equal(true);
  });

  it("client certificate from another CA, TLS 1.2", async function () {
    const server = await echoServer(mutualTlsServerOptions(pki, { maxVersion: "TLSv1.2" }));
    const options = clientOptions(pki, server.port, { cert: otherPki.client.cert, key: otherPki.client.key });

    const error = await expectTransportError(KmipConnection.connect(options), "TRANSPORT_TLS_FAILED");

    // Node's TLS server drops the connection without an alert, so the client sees a reset.
    expect(error.message).to.include(`TLS handshake with 127.0.0.1:${server.port} failed`);
    expect(error.message).to.include("it may have rejected the client certificate");
    expect(error.context.tlsCode).to.be.a("string");
    expect(error.cause).to.be.instanceOf(Error);
  });

  it("client certificate from another CA, TLS 1.3", async function () {
    // In TLS 1.3 the client finishes its handshake before the server checks the client
    // certificate, so the rejection shows on the first request: Node's TLS server closes the
    // connection without an alert.
    const server = await echoServer();
    const options = clientOptions(pki, server.port, { cert: otherPki.client.cert, key: otherPki.client.key });

    const connection = await connect(options);
    const error = await expectTransportError(connection.roundTrip(message(REQUEST_MESSAGE, 1)), "TRANSPORT_CLOSED");

    expect(error.message).to.include(`127.0.0.1:${server.port}`);
    expect(error.message).to.include("rejects the client certificate");
    expect(error.context.bytesReceived).to.equal(0);
  });

  it("server certificate from another CA", async function () {
    const server = await echoServer(mutualTlsServerOptions(pki, { cert: otherPki.server.cert, key: otherPki.server.key }));

    const error = await expectTransportError(KmipConnection.connect(clientOptions(pki, server.port)), "TRANSPORT_TLS_FAILED");

    expect(error.message).to.include("not signed by the given CA");
  });

  it("IP address missing from server SAN", async function () {
    const namesOnly = createTestPki({ serverNames: ["localhost"], serverIps: [] });
    const server = await echoServer(mutualTlsServerOptions(namesOnly));

    const error = await expectTransportError(KmipConnection.connect(clientOptions(namesOnly, server.port)), "TRANSPORT_TLS_FAILED");

    expect(error.context.tlsCode).to.equal("ERR_TLS_CERT_ALTNAME_INVALID");
    expect(error.message).to.include("does not name this host");
    expect(error.message).to.include("--server-name");

    const connection = await connect(clientOptions(namesOnly, server.port, { servername: "localhost" }));
    expect(connection.protocol).to.equal("TLSv1.3");
  });

  it("pinned certificate matches", async function () {
    const server = await echoServer(mutualTlsServerOptions(pki, { cert: selfSigned.cert, key: selfSigned.key }));

    const connection = await connect(clientOptions(pki, server.port, { ca: undefined, pinnedServerCertificate: selfSigned.cert }));
    const response = await connection.roundTrip(message(REQUEST_MESSAGE, 7));

    expect(response).to.deep.equal(echoResponse(message(REQUEST_MESSAGE, 7)));
    expect(connection.peerCertificate.subject).to.include("CN=test KMIP server");
  });

  it("pinned certificate mismatch", async function () {
    const server = await echoServer(mutualTlsServerOptions(pki, { cert: selfSigned.cert, key: selfSigned.key }));

    const options = clientOptions(pki, server.port, { ca: undefined, pinnedServerCertificate: otherSelfSigned.cert });
    const error = await expectTransportError(KmipConnection.connect(options), "TRANSPORT_TLS_FAILED");

    expect(error.message).to.include("does not match the pinned certificate");
    expect(error.message).to.include("CN=test KMIP server");
    expect(error.context.presentedFingerprint).to.be.a("string");
    expect(error.context.pinnedFingerprint).to.not.equal(error.context.presentedFingerprint);
  });

  it("self-signed certificate as CA", async function () {
    const server = await echoServer(mutualTlsServerOptions(pki, { cert: selfSigned.cert, key: selfSigned.key }));

    const connection = await connect(clientOptions(pki, server.port, { ca: selfSigned.cert }));

    expect(connection.peerCertificate.subject).to.include("CN=test KMIP server");
  });

  it("self-signed certificate untrusted", async function () {
    const server = await echoServer(mutualTlsServerOptions(pki, { cert: selfSigned.cert, key: selfSigned.key }));

    const error = await expectTransportError(KmipConnection.connect(clientOptions(pki, server.port)), "TRANSPORT_TLS_FAILED");

    expect(error.message).to.include("self-signed");
  });

  it("TLS 1.2-only server accepted", async function () {
    const server = await echoServer(mutualTlsServerOptions(pki, { maxVersion: "TLSv1.2" }));

    const connection = await connect(clientOptions(pki, server.port));
    const response = await connection.roundTrip(message(REQUEST_MESSAGE, 12));

    expect(connection.protocol).to.equal("TLSv1.2");
    expect(response).to.deep.equal(echoResponse(message(REQUEST_MESSAGE, 12)));
  });

  it("TLS 1.3 client, TLS 1.2-only server", async function () {
    const server = await echoServer(mutualTlsServerOptions(pki, { maxVersion: "TLSv1.2" }));

    const options = clientOptions(pki, server.port, { minVersion: "TLSv1.3" });
    const error = await expectTransportError(KmipConnection.connect(options), "TRANSPORT_TLS_FAILED");

    expect(error.message).to.include("share no TLS version");
  });

  it("TLS 1.2 cipher list", async function () {
    const server = await echoServer(mutualTlsServerOptions(pki, { maxVersion: "TLSv1.2" }));

    const connection = await connect(clientOptions(pki, server.port, { ciphers: "ECDHE-RSA-AES128-GCM-SHA256" }));

    expect(connection.cipher).to.equal("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
  });

  it("no shared cipher", async function () {
    const server = await echoServer(mutualTlsServerOptions(pki, { maxVersion: "TLSv1.2", ciphers: "ECDHE-RSA-AES256-GCM-SHA384" }));

    const options = clientOptions(pki, server.port, { maxVersion: "TLSv1.2", ciphers: "ECDHE-RSA-AES128-GCM-SHA256" });
    const error = await expectTransportError(KmipConnection.connect(options), "TRANSPORT_TLS_FAILED");

    expect(error.message).to.include(`127.0.0.1:${server.port}`);
    expect(error.message).to.include("cipher");
  });
});

describe("transport connect options", function () {
  let pki: TestPki;

  before(function () {
    pki = createTestPki();
  });

  const cases: Array<{ name: string; options: Record<string, unknown>; pattern: RegExp }> = [
    { name: "port 0", options: { port: 0 }, pattern: /invalid port 0 for 127\.0\.0\.1/ },
    { name: "port 70000", options: { port: 70000 }, pattern: /invalid port 70000/ },
    { name: "empty host", options: { host: "" }, pattern: /invalid host ""/ },
    { name: "minimum above maximum", options: { minVersion: "TLSv1.3", maxVersion: "TLSv1.2" }, pattern: /minimum TLS version TLSv1.3 is above maximum TLSv1.2/ },
    { name: "unknown TLS version", options: { minVersion: "TLSv1" }, pattern: /invalid TLS version "TLSv1"/ },
    { name: "zero connect timeout", options: { connectTimeoutMs: 0 }, pattern: /invalid connectTimeoutMs 0/ },
    { name: "missing client certificate", options: { cert: "" }, pattern: /missing client certificate/ },
    { name: "missing client key", options: { key: "" }, pattern: /missing client private key/ },
    { name: "invalid pinned certificate", options: { pinnedServerCertificate: "not a certificate" }, pattern: /invalid pinned server certificate/ },
  ];

  for (const { name, options, pattern } of cases) {
    it(`rejects ${name}`, async function () {
      const error = await expectTransportError(KmipConnection.connect({ ...clientOptions(pki, 5696), ...options }), "TRANSPORT_INVALID_OPTIONS");

      expect(error.message).to.match(pattern);
    });
  }

  const credentialCases: Array<{ name: string; options: () => Partial<ConnectOptions>; option: string; pattern: RegExp }> = [
    { name: "certificate as client key", options: () => ({ key: pki.client.cert }), option: "key", pattern: /invalid client private key/ },
    { name: "key as client certificate", options: () => ({ cert: pki.client.key }), option: "cert", pattern: /invalid client certificate/ },
    { name: "key of another certificate", options: () => ({ key: pki.server.key }), option: "key", pattern: /client private key does not match the client certificate/ },
    { name: "CA file without a certificate", options: () => ({ ca: pki.ca.key }), option: "ca", pattern: /invalid CA certificate/ },
  ];

  for (const { name, options, option, pattern } of credentialCases) {
    it(`rejects ${name}`, async function () {
      const error = await expectTransportError(KmipConnection.connect({ ...clientOptions(pki, 5696), ...options() }), "TRANSPORT_INVALID_OPTIONS");

      expect(error.message).to.match(pattern);
      expect(error.context.option).to.equal(option);
    });
  }

  it("port defaults to 5696", async function () {
    const error = await expectTransportError(KmipConnection.connect({ ...clientOptions(pki, 5696), port: undefined, host: "" }), "TRANSPORT_INVALID_OPTIONS");

    expect(error.context.port).to.equal(5696);
  });
});
