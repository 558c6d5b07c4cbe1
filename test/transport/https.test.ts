/** KMIP over HTTPS client: POST bodies, §2.5 response checks, keep-alive and failures, against real node:https servers. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { expect } from "chai";
import { createTestPki, type TestPki } from "../../src/pki";
import { HttpsKmipConnection, type HttpBodyEncoding, type HttpsOptions } from "../../src/transport";
import { clientOptions, expectTransportError, mutualTlsServerOptions } from "./helpers";
import { closedPort, echoResponse, message, REQUEST_MESSAGE } from "./servers";

interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
  socket: Socket;
}

type Handler = (request: SeenRequest, response: ServerResponse) => void;

interface HttpsTestServer {
  port: number;
  requests: SeenRequest[];
  connections: number;
  close(): Promise<void>;
}

/** Sends `body` with the headers §2.5 requires, unless `headers` replaces them. */
function answer(response: ServerResponse, body: Buffer, headers: Record<string, string | number> = {}): void {
  response.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": body.length, "Cache-Control": "no-cache", ...headers });
  response.end(body);
}

const echo: Handler = (request, response) => answer(response, echoResponse(request.body));

/** A body encoding that sends the TTLV bytes as hex text, to show that the transport uses the caller's conversion. */
const HEX_BODY: HttpBodyEncoding = {
  name: "hex",
  contentType: "text/plain",
  encodeRequest: (bytes) => Buffer.from(bytes.toString("hex"), "utf8"),
  decodeResponse: (body) => Buffer.from(body.toString("utf8"), "hex"),
};

describe("transport KMIP over HTTPS", function () {
  let pki: TestPki;
  const servers: HttpsTestServer[] = [];
  const connections: HttpsKmipConnection[] = [];

  before(function () {
    pki = createTestPki();
  });

  afterEach(async function () {
    await Promise.all(connections.splice(0).map((connection) => connection.close()));
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  async function startServer(handler: Handler): Promise<HttpsTestServer> {
    const sockets = new Set<Socket>();
    const state: HttpsTestServer = { port: 0, requests: [], connections: 0, close: () => stopServer(server, sockets) };
    const server: Server = createServer(mutualTlsServerOptions(pki), (request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const seen = { method: request.method ?? "", url: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks), socket: request.socket };
        state.requests.push(seen);
        handler(seen, response);
      });
    });
    server.on("secureConnection", (socket: Socket) => {
      state.connections += 1;
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    });

    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    state.port = (server.address() as AddressInfo).port;
    servers.push(state);
    return state;
  }

  async function connect(port: number, https: HttpsOptions = {}, extra = {}): Promise<HttpsKmipConnection> {
    const connection = await HttpsKmipConnection.connect(clientOptions(pki, port, extra), https);
    connections.push(connection);
    return connection;
  }

  it("POSTs with the §2.4 headers", async function () {
    const server = await startServer(echo);
    const connection = await connect(server.port);
    const request = message(REQUEST_MESSAGE, 7);

    const response = await connection.roundTrip(request);

    expect(response).to.deep.equal(echoResponse(request));
    const seen = server.requests[0];
    expect(seen.method).to.equal("POST");
    expect(seen.url).to.equal("/kmip");
    expect(seen.headers["content-type"]).to.equal("application/octet-stream");
    expect(seen.headers["content-length"]).to.equal(String(request.length));
    expect(seen.headers["cache-control"]).to.equal("no-cache");
    expect(seen.body).to.deep.equal(request);
  });

  it("keeps one connection alive", async function () {
    const server = await startServer(echo);
    const connection = await connect(server.port);

    for (let value = 1; value <= 4; value++) {
      const request = message(REQUEST_MESSAGE, value);
      expect(await connection.roundTrip(request)).to.deep.equal(echoResponse(request));
    }

    expect(server.connections).to.equal(1);
    expect(connection.protocol).to.match(/^TLSv1\.[23]$/);
  });

  it("reconnects after the server closes", async function () {
    const server = await startServer((request, response) => {
      response.setHeader("Connection", "close");
      echo(request, response);
    });
    const connection = await connect(server.port);

    await connection.roundTrip(message(REQUEST_MESSAGE, 1));
    const second = await connection.roundTrip(message(REQUEST_MESSAGE, 2));

    expect(second).to.deep.equal(echoResponse(message(REQUEST_MESSAGE, 2)));
    expect(server.connections).to.equal(2);
  });

  it("uses the path and body encoding given", async function () {
    const server = await startServer((request, response) => {
      const reply = echoResponse(Buffer.from(request.body.toString("utf8"), "hex"));
      answer(response, Buffer.from(reply.toString("hex"), "utf8"), { "Content-Type": "text/plain; charset=utf-8" });
    });
    const connection = await connect(server.port, { path: "/other/kmip", encoding: HEX_BODY });
    const request = message(REQUEST_MESSAGE, 9);

    const response = await connection.roundTrip(request);

    expect(response).to.deep.equal(echoResponse(request));
    expect(server.requests[0].url).to.equal("/other/kmip");
    expect(server.requests[0].headers["content-type"]).to.equal("text/plain");
    expect(connection.address).to.equal(`https://127.0.0.1:${server.port}/other/kmip`);
  });

  it("raises HTTP_STATUS on 404", async function () {
    const server = await startServer((_request, response) => {
      response.writeHead(404, { "Content-Type": "text/plain", "Content-Length": 9 });
      response.end("not here\n");
    });
    const connection = await connect(server.port);

    const error = await expectTransportError(connection.roundTrip(message(REQUEST_MESSAGE, 1)), "TRANSPORT_HTTP_STATUS");

    expect(error.message).to.contain("404");
    expect(error.message).to.contain("not here");
    expect(error.context.status).to.equal(404);
  });

  const headerFaults: Array<{ name: string; headers: Record<string, string>; text: string }> = [
    { name: "another Content-Type", headers: { "Content-Type": "text/xml" }, text: "Content-Type" },
    { name: "no no-cache", headers: { "Cache-Control": "max-age=60" }, text: "Cache-Control" },
  ];
  for (const fault of headerFaults) {
    it(`raises HTTP_RESPONSE on ${fault.name}`, async function () {
      const server = await startServer((request, response) => answer(response, echoResponse(request.body), fault.headers));
      const connection = await connect(server.port);

      const error = await expectTransportError(connection.roundTrip(message(REQUEST_MESSAGE, 1)), "TRANSPORT_HTTP_RESPONSE");

      expect(error.message).to.contain(fault.text);
      expect(error.message).to.contain("§2.5");
    });
  }

  it("raises FRAMING on two messages", async function () {
    const server = await startServer((request, response) => answer(response, Buffer.concat([echoResponse(request.body), echoResponse(request.body)])));
    const connection = await connect(server.port);

    const error = await expectTransportError(connection.roundTrip(message(REQUEST_MESSAGE, 1)), "TRANSPORT_FRAMING");

    expect(error.message).to.contain("expected exactly one message");
  });

  it("raises RESPONSE_TIMEOUT on silence", async function () {
    const server = await startServer(() => undefined);
    const connection = await connect(server.port);

    const error = await expectTransportError(connection.roundTrip(message(REQUEST_MESSAGE, 1), 300), "TRANSPORT_RESPONSE_TIMEOUT");

    expect(error.message).to.contain("300 ms");
  });

  it("raises CONNECT_REFUSED on a closed port", async function () {
    const port = await closedPort();

    await expectTransportError(HttpsKmipConnection.connect(clientOptions(pki, port)), "TRANSPORT_CONNECT_REFUSED");
  });

  it("raises TLS_FAILED for an untrusted server", async function () {
    const server = await startServer(echo);
    const other = createTestPki();

    await expectTransportError(HttpsKmipConnection.connect(clientOptions(pki, server.port, { ca: other.ca.cert })), "TRANSPORT_TLS_FAILED");
  });

  it("rejects a relative target URI", async function () {
    const error = await expectTransportError(HttpsKmipConnection.connect(clientOptions(pki, 5696), { path: "kmip" }), "TRANSPORT_INVALID_OPTIONS");

    expect(error.message).to.contain('"kmip"');
  });

  it("raises CLOSED after close", async function () {
    const server = await startServer(echo);
    const connection = await connect(server.port);
    await connection.close();

    await expectTransportError(connection.roundTrip(message(REQUEST_MESSAGE, 1)), "TRANSPORT_CLOSED");
  });
});

function stopServer(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}
