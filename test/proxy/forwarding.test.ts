/** The proxy in-process: bytes forwarded unchanged, the server's faults found, and timeouts that end waits. */
import { expect } from "chai";
import { connect as connectTls, createServer, type Server, type TLSSocket } from "node:tls";
import type { AddressInfo } from "node:net";
import { PassThrough } from "node:stream";
import { startBundledServer, type BundledServer, type ServerExchange } from "../../bundled-server";
import { Operation, QueryFunction, Tag } from "../../src/kmip";
import { LintSession, type Exchange } from "../../src/lint";
import { createTestPki, type TestPki } from "../../src/pki";
import { startProxy, type KmipProxy } from "../../src/proxy";
import { KmipConnection } from "../../src/transport";
import { bytes, encode, enumeration, FrameAssembler, integer, structure } from "../../src/ttlv";

const HOST = "127.0.0.1";

function batchRequest(ids: string[]): Buffer {
  const header = structure(Tag.RequestHeader, [
    structure(Tag.ProtocolVersion, [integer(Tag.ProtocolVersionMajor, 1), integer(Tag.ProtocolVersionMinor, 4)]),
    integer(Tag.BatchCount, ids.length),
  ]);
  const items = ids.map((id) => structure(Tag.BatchItem, [
    enumeration(Tag.Operation, Operation.Query),
    bytes(Tag.UniqueBatchItemID, Buffer.from(id, "hex")),
    structure(Tag.RequestPayload, [enumeration(Tag.QueryFunction, QueryFunction.QueryOperations)]),
  ]));
  return encode(structure(Tag.RequestMessage, [header, ...items]));
}

describe("proxy: forwarding", function () {
  this.timeout(30_000);

  const pki: TestPki = createTestPki({ serverIps: [HOST] });
  const closers: Array<() => Promise<void>> = [];

  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) {
      await close();
    }
  });

  async function bundled(faults: Parameters<typeof startBundledServer>[0]["faults"] = {}): Promise<{ server: BundledServer; seen: ServerExchange[] }> {
    const seen: ServerExchange[] = [];
    const server = await startBundledServer({ host: HOST, port: 0, clientCa: pki.ca.cert, cert: pki.server.cert, key: pki.server.key, faults, onExchange: (exchange) => seen.push(exchange) });
    closers.push(() => server.close());
    return { server, seen };
  }

  async function proxyTo(port: number, onExchange: (exchange: Exchange) => void, responseTimeoutMs?: number): Promise<KmipProxy> {
    const upstream = { host: HOST, port, ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key, connectTimeoutMs: 2000 };
    const proxy = await startProxy({ host: HOST, port: 0, cert: pki.server.cert, key: pki.server.key, clientCa: pki.ca.cert, upstream, onExchange, responseTimeoutMs });
    closers.push(() => proxy.close());
    return proxy;
  }

  async function connect(port: number): Promise<KmipConnection> {
    const connection = await KmipConnection.connect({ host: HOST, port, ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key, responseTimeoutMs: 10_000 });
    closers.push(() => connection.close());
    return connection;
  }

  it("forwards both messages byte for byte", async () => {
    const { server, seen } = await bundled();
    const reported: Exchange[] = [];
    const proxy = await proxyTo(server.port, (exchange) => reported.push(exchange));
    const connection = await connect(proxy.port);

    const request = batchRequest(["01", "02"]);
    const response = await connection.roundTrip(request);

    expect(seen).to.have.length(1);
    expect(seen[0].request.equals(request), "request bytes at the server").to.equal(true);
    expect(response.equals(seen[0].response), "response bytes at the client").to.equal(true);
    expect(reported).to.have.length(1);
    expect(reported[0].response?.equals(response)).to.equal(true);
    expect(reported[0].client).to.include("CN=");
  });

  it("pairs pipelined requests in order", async () => {
    const { server, seen } = await bundled();
    const reported: Exchange[] = [];
    const proxy = await proxyTo(server.port, (exchange) => reported.push(exchange));
    const first = batchRequest(["0a"]);
    const second = batchRequest(["0b", "0c"]);

    // Both requests go out in one write, before the first response comes back.
    const received = await pipelined(proxy.port, Buffer.concat([first, second]), 2);

    expect(seen.map((exchange) => exchange.request.equals(exchange === seen[0] ? first : second))).to.deep.equal([true, true]);
    expect(reported.map((exchange) => exchange.request.equals(exchange === reported[0] ? first : second))).to.deep.equal([true, true]);
    expect(reported.map((exchange, index) => exchange.response?.equals(seen[index].response))).to.deep.equal([true, true]);
    expect(received.equals(Buffer.concat([seen[0].response, seen[1].response])), "responses at the client, in order").to.equal(true);
  });

  /** Writes the bytes on a raw TLS connection and resolves with everything read once `count` responses have arrived. */
  function pipelined(port: number, data: Buffer, count: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const assembler = new FrameAssembler();
      const chunks: Buffer[] = [];
      let responses = 0;
      const socket = connectTls({ host: HOST, port, ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key }, () => socket.write(data));
      const timer = setTimeout(() => finish(new Error(`no ${count} responses within 10 s`)), 10_000);
      const finish = (error?: Error): void => {
        clearTimeout(timer);
        socket.destroy();
        if (error === undefined) {
          resolve(Buffer.concat(chunks));
        } else {
          reject(error);
        }
      };
      socket.on("error", finish);
      socket.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        responses += assembler.push(chunk).length;
        if (responses === count) {
          finish();
        }
      });
    });
  }

  it("finds the server's missing Time Stamp and Unique Batch Item IDs", async () => {
    const { server } = await bundled({ omitTimeStamp: true, omitUniqueBatchItemId: true });
    const output = new PassThrough();
    const session = new LintSession({ mode: "proxy", checkResponses: true, output });
    const proxy = await proxyTo(server.port, (exchange) => session.record(exchange));
    const connection = await connect(proxy.port);

    await connection.roundTrip(batchRequest(["01", "02"]));

    const findings = session.findings;
    expect(findings.map((finding) => finding.rule)).to.deep.equal(["response-time-stamp", "response-unique-batch-item-id", "response-unique-batch-item-id"]);
    expect(findings.every((finding) => finding.side === "server")).to.equal(true);
    expect(findings[1].path).to.equal("ResponseMessage/BatchItem[1]/UniqueBatchItemID");
    expect(String(output.read())).to.include("a conformant server sends: TimeStamp");
  });

  it("closes when the server never responds", async () => {
    const silent = await silentServer(pki);
    closers.push(() => new Promise((resolve) => silent.close(() => resolve())));
    const reported: Exchange[] = [];
    const proxy = await proxyTo((silent.address() as AddressInfo).port, (exchange) => reported.push(exchange), 300);
    const connection = await connect(proxy.port);

    const started = Date.now();
    const error = await connection.roundTrip(batchRequest(["01"])).then(() => undefined, (failure: Error) => failure);

    expect(error, "the round trip must fail").to.be.instanceOf(Error);
    expect(Date.now() - started).to.be.lessThan(5000);
    expect(reported).to.have.length(1);
    expect(reported[0].response).to.equal(undefined);
  });

  it("closes when the server refuses the connection", async () => {
    const refused = await silentServer(pki);
    const port = (refused.address() as AddressInfo).port;
    await new Promise<void>((resolve) => refused.close(() => resolve()));
    const proxy = await proxyTo(port, () => undefined);
    const connection = await connect(proxy.port);

    const error = await connection.roundTrip(batchRequest(["01"]), 5000).then(() => undefined, (failure: Error) => failure);

    expect(error, "the round trip must fail").to.be.instanceOf(Error);
    expect((error as { code?: string }).code).to.equal("TRANSPORT_CLOSED");
  });
});

/** A TLS server that completes handshakes and then reads without ever responding. */
async function silentServer(pki: TestPki): Promise<Server> {
  const sockets = new Set<TLSSocket>();
  const server = createServer({ cert: pki.server.cert, key: pki.server.key, ca: pki.ca.cert, requestCert: true }, (socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("close", () => sockets.forEach((socket) => socket.destroy()));
  await new Promise<void>((resolve) => server.listen(0, HOST, () => resolve()));
  const close = server.close.bind(server);
  server.close = ((callback?: (error?: Error) => void) => {
    sockets.forEach((socket) => socket.destroy());
    return close(callback);
  }) as Server["close"];
  return server;
}
