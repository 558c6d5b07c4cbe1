/**
 * runVector over real TLS connections to small test servers on 127.0.0.1: a server that closes
 * the connection after its first response, and a port where nothing listens.
 */
import { expect } from "chai";
import { createTestPki, type TestPki } from "../../src/pki";
import { runVector, type TargetOptions } from "../../src/replay";
import { encode, FrameAssembler } from "../../src/ttlv";
import { parseVectorXml, toTtlv, parseTtlvXml, type VectorFile } from "../../src/vectors";
import { closedPort, startTlsServer, type TestServer } from "../transport/servers";

const HEADER = `<ProtocolVersion><ProtocolVersionMajor type="Integer" value="1"/><ProtocolVersionMinor type="Integer" value="4"/></ProtocolVersion>`;

function request(id: string): string {
  return `<RequestMessage><RequestHeader>${HEADER}<BatchCount type="Integer" value="1"/></RequestHeader>
    <BatchItem><Operation type="Enumeration" value="Destroy"/><RequestPayload><UniqueIdentifier type="TextString" value="${id}"/></RequestPayload></BatchItem></RequestMessage>`;
}

function response(id: string, timeStamp: string): string {
  return `<ResponseMessage><ResponseHeader>${HEADER}<TimeStamp type="DateTime" value="${timeStamp}"/><BatchCount type="Integer" value="1"/></ResponseHeader>
    <BatchItem><Operation type="Enumeration" value="Destroy"/><ResultStatus type="Enumeration" value="Success"/><ResponsePayload><UniqueIdentifier type="TextString" value="${id}"/></ResponsePayload></BatchItem></ResponseMessage>`;
}

/** Three Destroy steps; the server below answers only the first. */
const VECTOR: VectorFile = parseVectorXml(`<KMIP>${[1, 2, 3].map((n) => request(`key-${n}`) + response(`key-${n}`, "$NOW")).join("")}</KMIP>`, "TEST-M-1-14.xml");

describe("runVector connections", function () {
  this.timeout(30_000);
  let pki: TestPki;
  let server: TestServer | undefined;

  before(() => {
    pki = createTestPki();
  });

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  function target(port: number): TargetOptions {
    return { connection: { host: "127.0.0.1", port, ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key, connectTimeoutMs: 5000, responseTimeoutMs: 5000 } };
  }

  it("marks steps after a broken connection not run", async () => {
    server = await startTlsServer({ key: pki.server.key, cert: pki.server.cert, ca: pki.ca.cert, requestCert: true }, (socket) => {
      const assembler = new FrameAssembler();
      let answered = 0;
      socket.on("data", (chunk: Buffer) => {
        for (const _message of assembler.push(chunk)) {
          answered += 1;
          if (answered > 1) {
            socket.destroy();
            return;
          }
          const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
          socket.write(encode(toTtlv(parseTtlvXml(response("key-1", now))[0])));
        }
      });
    });

    const outcome = await runVector(VECTOR, target(server.port));

    expect(outcome.steps.map((step) => step.verdict)).to.deep.equal(["pass", "error", "error"]);
    expect(outcome.steps[1].error?.code).to.match(/^TRANSPORT_/);
    expect(outcome.steps[2].error?.code).to.equal("REPLAY_NOT_RUN");
    expect(outcome.steps[2].error?.message).to.contain("not run because the connection broke at step 1");
    expect(outcome.verdict).to.equal("error");
    expect(outcome.tls?.protocol).to.match(/^TLSv1\.[23]$/);
  });

  it("names the tag of a request that cannot be encoded", async () => {
    server = await startTlsServer({ key: pki.server.key, cert: pki.server.cert, ca: pki.ca.cert, requestCert: true }, () => undefined);
    const farFuture = request("key-1").replace('<UniqueIdentifier type="TextString" value="key-1"/>', '<ActivationDate type="DateTime" value="$NOW+99999999999999999999"/>');
    const vector = parseVectorXml(`<KMIP>${farFuture}${response("key-1", "$NOW")}</KMIP>`, "TEST-M-2-14.xml");

    const outcome = await runVector(vector, target(server.port));

    expect(outcome.steps[0].error?.code).to.equal("TTLV_ENCODE_BAD_VALUE");
    expect(outcome.steps[0].error?.message).to.contain("RequestMessage/BatchItem/RequestPayload/ActivationDate");
  });

  it("marks every step not run without a connection", async () => {
    const outcome = await runVector(VECTOR, target(await closedPort()));

    expect(outcome.verdict).to.equal("error");
    expect(outcome.error?.code).to.equal("TRANSPORT_CONNECT_REFUSED");
    expect(outcome.steps.map((step) => step.error?.code)).to.deep.equal(["REPLAY_NOT_RUN", "REPLAY_NOT_RUN", "REPLAY_NOT_RUN"]);
    expect(outcome.steps[0].error?.message).to.contain("the connection could not be opened");
  });
});
