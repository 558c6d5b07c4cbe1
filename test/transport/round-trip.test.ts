import { TLSSocket } from "node:tls";
import { expect } from "chai";
import { createTestPki, TestPki } from "../../src/pki";
import { KmipConnection } from "../../src/transport";
import { clientOptions, expectTransportError, mutualTlsServerOptions } from "./helpers";
import { delay, echoResponse, message, onMessages, REQUEST_MESSAGE, RESPONSE_MESSAGE, startTlsServer, TestServer } from "./servers";

describe("transport roundTrip", function () {
  let pki: TestPki;
  const servers: TestServer[] = [];
  const connections: KmipConnection[] = [];

  before(function () {
    pki = createTestPki();
  });

  afterEach(async function () {
    await Promise.all(connections.splice(0).map((connection) => connection.close()));
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  /** Starts a mutual-TLS server that calls onRequest with each whole request message. */
  async function connectTo(onRequest: (socket: TLSSocket, request: Buffer) => void, extra = {}): Promise<KmipConnection> {
    const server = await startTlsServer(mutualTlsServerOptions(pki), (socket) => onMessages(socket, (request) => onRequest(socket, request)));
    servers.push(server);

    const connection = await KmipConnection.connect(clientOptions(pki, server.port, extra));
    connections.push(connection);
    return connection;
  }

  it("many round trips on one connection", async function () {
    const connection = await connectTo((socket, request) => socket.write(echoResponse(request)));

    for (let value = 1; value <= 5; value++) {
      const request = message(REQUEST_MESSAGE, value, value * 3);
      const response = await connection.roundTrip(request);

      expect(response.readUIntBE(0, 3)).to.equal(RESPONSE_MESSAGE);
      expect(response).to.deep.equal(echoResponse(request));
    }
    expect(servers[0].connections).to.equal(1);
  });

  it("response split into small writes", async function () {
    const connection = await connectTo(async (socket, request) => {
      const response = echoResponse(request);
      socket.setNoDelay(true);
      for (let offset = 0; offset < response.length; offset += 3) {
        socket.write(response.subarray(offset, offset + 3));
        await delay(2);
      }
    });

    const request = message(REQUEST_MESSAGE, 9, 61);
    const response = await connection.roundTrip(request);

    expect(response.length).to.equal(8 + 16 + 8 + 64);
    expect(response).to.deep.equal(echoResponse(request));
  });

  it("large response in one write", async function () {
    const connection = await connectTo((socket, request) => socket.write(echoResponse(request)));

    const request = message(REQUEST_MESSAGE, 3, 200_000);
    const response = await connection.roundTrip(request);

    expect(response).to.deep.equal(echoResponse(request));
  });

  it("response timeout", async function () {
    const connection = await connectTo(() => undefined, { responseTimeoutMs: 200 });

    const started = Date.now();
    const error = await expectTransportError(connection.roundTrip(message(REQUEST_MESSAGE, 1)), "TRANSPORT_RESPONSE_TIMEOUT");

    expect(Date.now() - started).to.be.within(150, 3_000);
    expect(error.message).to.include(`127.0.0.1:${servers[0].port}`);
    expect(error.message).to.include("200 ms");
    expect(error.message).to.include("nothing received");
    expect(error.message).to.include("--response-timeout");
    expect(error.context).to.include({ timeoutMs: 200, bytesReceived: 0 });
  });

  it("connection usable after empty timeout", async function () {
    let requests = 0;
    const connection = await connectTo((socket, request) => {
      requests += 1;
      if (requests > 1) socket.write(echoResponse(request));
    });

    await expectTransportError(connection.roundTrip(message(REQUEST_MESSAGE, 1), 100), "TRANSPORT_RESPONSE_TIMEOUT");
    const response = await connection.roundTrip(message(REQUEST_MESSAGE, 2));

    expect(response).to.deep.equal(echoResponse(message(REQUEST_MESSAGE, 2)));
  });

  it("late response after timeout", async function () {
    const connection = await connectTo(async (socket, request) => {
      await delay(150);
      socket.write(echoResponse(request));
    });

    await expectTransportError(connection.roundTrip(message(REQUEST_MESSAGE, 1), 50), "TRANSPORT_RESPONSE_TIMEOUT");
    await delay(200);
    const error = await expectTransportError(connection.roundTrip(message(REQUEST_MESSAGE, 2)), "TRANSPORT_FRAMING");

    expect(error.message).to.include("an extra or late response");
  });

  it("response timeout per call", async function () {
    const connection = await connectTo((socket, request) => socket.write(echoResponse(request).subarray(0, 12)));

    const error = await expectTransportError(connection.roundTrip(message(REQUEST_MESSAGE, 1), 150), "TRANSPORT_RESPONSE_TIMEOUT");

    expect(error.message).to.include("150 ms");
    expect(error.message).to.include("12 bytes of it received");
    expect(error.context).to.include({ timeoutMs: 150, bytesReceived: 12 });

    const next = await expectTransportError(connection.roundTrip(message(REQUEST_MESSAGE, 2)), "TRANSPORT_RESPONSE_TIMEOUT");
    expect(next).to.equal(error);
  });

  it("server closes mid-message", async function () {
    const connection = await connectTo((socket, request) => socket.end(echoResponse(request).subarray(0, 20)));

    const error = await expectTransportError(connection.roundTrip(message(REQUEST_MESSAGE, 1, 40)), "TRANSPORT_CLOSED");

    expect(error.message).to.include(`127.0.0.1:${servers[0].port}`);
    expect(error.message).to.include("after sending 20 bytes of the response to request 1");
    expect(error.context.bytesReceived).to.equal(20);
  });

  it("server closes between requests", async function () {
    let answered = 0;
    const connection = await connectTo((socket, request) => {
      answered += 1;
      socket.end(echoResponse(request));
    });

    await connection.roundTrip(message(REQUEST_MESSAGE, 1));
    await delay(50);
    const first = await expectTransportError(connection.roundTrip(message(REQUEST_MESSAGE, 2)), "TRANSPORT_CLOSED");
    const second = await expectTransportError(connection.roundTrip(message(REQUEST_MESSAGE, 3)), "TRANSPORT_CLOSED");

    expect(first.message).to.include("closed the connection after 1 requests");
    expect(second).to.equal(first);
    expect(answered).to.equal(1);
  });

  it("second request while one is outstanding", async function () {
    const connection = await connectTo(async (socket, request) => {
      await delay(100);
      socket.write(echoResponse(request));
    });

    const first = connection.roundTrip(message(REQUEST_MESSAGE, 1));
    const error = await expectTransportError(connection.roundTrip(message(REQUEST_MESSAGE, 2)), "TRANSPORT_BUSY");

    expect(error.message).to.include("while request 1 awaits its response");
    expect(await first).to.deep.equal(echoResponse(message(REQUEST_MESSAGE, 1)));
  });

  it("data while no request outstanding", async function () {
    const connection = await connectTo((socket, request) => {
      socket.write(echoResponse(request));
      setTimeout(() => socket.write(message(RESPONSE_MESSAGE, 99)), 20);
    });

    await connection.roundTrip(message(REQUEST_MESSAGE, 1));
    await delay(100);
    const error = await expectTransportError(connection.roundTrip(message(REQUEST_MESSAGE, 2)), "TRANSPORT_FRAMING");

    expect(error.message).to.include("sent 24 bytes while no request was outstanding");
    expect(error.context.bytesReceived).to.equal(24);
  });

  it("two responses in one write", async function () {
    const connection = await connectTo((socket, request) => socket.write(Buffer.concat([echoResponse(request), message(RESPONSE_MESSAGE, 2)])));

    const response = await connection.roundTrip(message(REQUEST_MESSAGE, 1));
    const error = await expectTransportError(connection.roundTrip(message(REQUEST_MESSAGE, 2)), "TRANSPORT_FRAMING");

    expect(response).to.deep.equal(echoResponse(message(REQUEST_MESSAGE, 1)));
    expect(error.message).to.include("sent 24 bytes while no request was outstanding");
  });

  it("response that is not TTLV", async function () {
    const connection = await connectTo((socket) => socket.write("HTTP/1.1 400 Bad Request\r\n\r\n"));

    const error = await expectTransportError(connection.roundTrip(message(REQUEST_MESSAGE, 1)), "TRANSPORT_FRAMING");

    expect(error.message).to.include(`invalid response from 127.0.0.1:${servers[0].port} to request 1`);
    expect(error.context.framingCode).to.equal("TTLV_BAD_TAG");
    expect(error.cause).to.be.instanceOf(Error);
  });

  it("response over the maximum size", async function () {
    const connection = await connectTo((socket, request) => socket.write(echoResponse(request)), { maxMessageSize: 64 });

    const error = await expectTransportError(connection.roundTrip(message(REQUEST_MESSAGE, 1, 100)), "TRANSPORT_FRAMING");

    expect(error.context.framingCode).to.equal("TTLV_MESSAGE_TOO_LARGE");
    expect(error.message).to.include("maximum of 64");
  });

  it("close rejects the outstanding request", async function () {
    const connection = await connectTo(() => undefined);

    const outstanding = expectTransportError(connection.roundTrip(message(REQUEST_MESSAGE, 1)), "TRANSPORT_CLOSED");
    await connection.close();
    const error = await outstanding;
    const later = await expectTransportError(connection.roundTrip(message(REQUEST_MESSAGE, 2)), "TRANSPORT_CLOSED");

    expect(error.message).to.include("closed by this client");
    expect(later).to.equal(error);
    await connection.close();
  });

  it("rejects an invalid timeout", async function () {
    const connection = await connectTo((socket, request) => socket.write(echoResponse(request)));

    const error = await expectTransportError(connection.roundTrip(message(REQUEST_MESSAGE, 1), -1), "TRANSPORT_INVALID_OPTIONS");

    expect(error.message).to.include("invalid response timeout -1 ms");
    expect(await connection.roundTrip(message(REQUEST_MESSAGE, 2))).to.deep.equal(echoResponse(message(REQUEST_MESSAGE, 2)));
  });
});
