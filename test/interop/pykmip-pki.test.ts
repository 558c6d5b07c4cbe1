/**
 * PyKMIP's server (Debian python3-pykmip, PyKMIP 0.10) with a PKI from `certs init`: TLS 1.2 with
 * the client certificate, requests built with src/ttlv, and what PyKMIP checks on the client
 * certificate. Under CI=true a missing pykmip-server fails the suite instead of skipping it.
 */
import { readFileSync } from "node:fs";
import { expect } from "chai";
import forge from "node-forge";
import { buildAuthentication } from "../../src/config";
import { Operation, ResultReason, ResultStatus, Tag } from "../../src/kmip";
import { issueCertificate } from "../../src/pki/certificate";
import { fetchServerCertificate } from "../../src/pki/fetch";
import { generateRsaKeyPair } from "../../src/pki/keys";
import { KmipConnection, TransportError, type ConnectOptions } from "../../src/transport";
import { children } from "../../src/ttlv";
import { discoverVersionsRequest, listedVersions, onlyBatchItem, payloadOf, queryRequest, requestMessage, valueOf } from "../helpers/kmip-requests";
import { requirePyKmip, startPyKmipServer, type PyKmipServer } from "../helpers/pykmip-server";

describe("interop PyKMIP server with certs init PKI", function () {
  this.timeout(60_000);
  let server: PyKmipServer | undefined;
  const connections: KmipConnection[] = [];

  before(async function () {
    requirePyKmip(this);
    server = await startPyKmipServer({ clientName: "alice" });
  });

  afterEach(async function () {
    await Promise.all(connections.splice(0).map((connection) => connection.close()));
  });

  after(async function () {
    await server?.stop();
  });

  function running(): PyKmipServer {
    expect(server, "PyKMIP server started").to.not.equal(undefined);
    return server as PyKmipServer;
  }

  function clientOptions(extra: Partial<ConnectOptions> = {}): ConnectOptions {
    const { host, port, pki } = running();
    return { host, port, ca: pki.pki.ca.cert, cert: pki.pki.client.cert, key: pki.pki.client.key, connectTimeoutMs: 5000, responseTimeoutMs: 10_000, ...extra };
  }

  async function connect(extra: Partial<ConnectOptions> = {}): Promise<KmipConnection> {
    const connection = await KmipConnection.connect(clientOptions(extra));
    connections.push(connection);
    return connection;
  }

  it("negotiates TLS 1.2 with the client certificate", async function () {
    const connection = await connect();

    expect(connection.protocol).to.equal("TLSv1.2");
    expect(connection.peerCertificate.toString().trim()).to.equal(running().pki.pki.server.cert.trim());
  });

  it("responds to Discover Versions", async function () {
    const connection = await connect();
    const item = onlyBatchItem(await connection.roundTrip(discoverVersionsRequest()));

    expect(valueOf(item, Tag.Operation)).to.equal(Operation.DiscoverVersions);
    expect(valueOf(item, Tag.ResultStatus)).to.equal(ResultStatus.Success);
    expect(listedVersions(payloadOf(item))).to.include.members(["1.4", "1.0"]);
  });

  it("responds to Query with operations", async function () {
    const connection = await connect();
    const item = onlyBatchItem(await connection.roundTrip(queryRequest()));

    expect(valueOf(item, Tag.ResultStatus)).to.equal(ResultStatus.Success);
    const operations = children(payloadOf(item), Tag.Operation).map((node) => node.value);
    expect(operations).to.include.members([Operation.Create, Operation.Get, Operation.Destroy, Operation.Query]);
  });

  it("accepts a request with a credential", async function () {
    const connection = await connect();
    const request = requestMessage(Operation.DiscoverVersions, [], [buildAuthentication({ username: "alice", password: "unused" })]);
    const item = onlyBatchItem(await connection.roundTrip(request));

    // Without an authentication plugin, PyKMIP 0.10 ignores the credential and takes the user from the certificate.
    expect(valueOf(item, Tag.ResultStatus)).to.equal(ResultStatus.Success);
  });

  it("takes the common name as the user", async function () {
    const connection = await connect();
    await connection.roundTrip(discoverVersionsRequest());

    expect(readFileSync(running().logPath, "utf8")).to.contain("Session client identity: alice");
  });

  it("rejects a client certificate without clientAuth", async function () {
    const connection = await connect(certificateWithoutExtendedKeyUsage(running()));
    const item = onlyBatchItem(await connection.roundTrip(discoverVersionsRequest()));

    expect(valueOf(item, Tag.ResultStatus)).to.equal(ResultStatus.OperationFailed);
    expect(valueOf(item, Tag.ResultReason)).to.equal(ResultReason.AuthenticationNotSuccessful);
  });

  it("rejects TLS 1.3", async function () {
    let caught: unknown;
    try {
      await connect({ minVersion: "TLSv1.3" });
    } catch (error) {
      caught = error;
    }

    expect(caught).to.be.instanceOf(TransportError);
    expect((caught as TransportError).code).to.equal("TRANSPORT_TLS_FAILED");
  });

  it("gives its certificate to certs fetch", async function () {
    const { host, port, pki } = running();
    const fetched = await fetchServerCertificate(host, port, { timeoutMs: 5000 });

    expect(fetched.pem.trim()).to.equal(pki.pki.server.cert.trim());
  });

  it("stops with its process group", async function () {
    const stopping = running();
    server = undefined;
    await stopping.stop();

    expect(() => process.kill(-stopping.pid, 0), "no process left in the server's group").to.throw(/ESRCH/);
  });
});

/** Issues a client certificate signed by the server's CA, with key usage but no extended key usage extension. */
function certificateWithoutExtendedKeyUsage(server: PyKmipServer): Partial<ConnectOptions> {
  const { ca } = server.pki.pki;
  const issuer = { certificate: forge.pki.certificateFromPem(ca.cert), privateKey: forge.pki.privateKeyFromPem(ca.key) };
  const keyPair = generateRsaKeyPair();
  const extensions = [
    { name: "basicConstraints", cA: false, critical: true },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
  ];

  const certificate = issueCertificate({ commonName: "no-eku", keyPair, extensions, days: 1, issuer });
  return { cert: forge.pki.certificateToPem(certificate), key: keyPair.privateKeyPem };
}
