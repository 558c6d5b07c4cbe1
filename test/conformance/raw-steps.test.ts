/** Raw-step vectors: the *.steps.json parser and the replay of a step that allows a closed connection. */
import { expect } from "chai";
import { createTestPki } from "../../src/pki";
import { runRawStepsVector } from "../../src/replay";
import { parseRawSteps, VectorError } from "../../src/vectors";
import { startTlsServer } from "../transport/servers";

const MESSAGE = ["420078 01 00000008", "  42000D 02 00000004 00000001 00000000"];

function parseError(document: unknown): VectorError {
  try {
    parseRawSteps(JSON.stringify(document), "case.steps.json");
  } catch (error) {
    expect(error).to.be.instanceOf(VectorError);
    return error as VectorError;
  }
  expect.fail("the document parsed");
}

describe("raw-step vector parser", () => {
  it("reads hex lines and alternatives", () => {
    const text = JSON.stringify({ description: "d", steps: [{ comment: "c", request: MESSAGE, expected: ["close", "<ResponseMessage/>"] }] }, null, 2);
    const vector = parseRawSteps(text, "dir/case.steps.json");

    expect(vector.name).to.equal("case");
    expect(vector.steps[0].request).to.deep.equal({ bytes: Buffer.from("42007801000000084200" + "0d020000000400000001" + "00000000", "hex") });
    expect(vector.steps[0].expected.map((outcome) => ("close" in outcome ? "close" : "response"))).to.deep.equal(["close", "response"]);
    expect(vector.steps[0].line, "line of the request field").to.equal(6);
  });

  it("rejects bad hex", () => {
    expect(parseError({ steps: [{ request: "42 zz", expected: "close" }] }).code).to.equal("VECTOR_BAD_HEX");
  });

  it("rejects a step without request", () => {
    expect(parseError({ steps: [{ expected: "close" }] }).message).to.contain("steps[0] must be a request");
  });

  it("rejects empty alternatives", () => {
    expect(parseError({ steps: [{ request: MESSAGE, expected: [] }] }).message).to.contain("steps[0].expected");
  });

  it("rejects an empty step list", () => {
    expect(parseError({ steps: [] }).message).to.contain("steps must be a non-empty array");
  });

  it("rejects invalid JSON", () => {
    expect(() => parseRawSteps("{", "case.steps.json")).to.throw(VectorError, "not valid JSON");
  });
});

describe("raw-step replay", function () {
  this.timeout(20_000);

  it("close passes where allowed, fails otherwise", async () => {
    const pki = createTestPki({ serverIps: ["127.0.0.1"] });
    const server = await startTlsServer({ cert: pki.server.cert, key: pki.server.key, ca: pki.ca.cert, requestCert: true, rejectUnauthorized: true }, (socket) => {
      socket.once("data", () => socket.end());
    });

    try {
      const vector = parseRawSteps(JSON.stringify({ steps: [{ request: MESSAGE, expected: "close" }, { request: MESSAGE, expected: "<ResponseMessage/>" }] }), "close.steps.json");
      const outcome = await runRawStepsVector(vector, { connection: { host: "127.0.0.1", port: server.port, ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key } });

      expect(outcome.steps.map((step) => step.verdict)).to.deep.equal(["pass", "error"]);
      expect(outcome.steps[0].rulesApplied.map((application) => application.rule)).to.deep.equal(["connection-closed"]);
      expect(outcome.steps[1].error?.code).to.equal("TRANSPORT_CLOSED");
      expect(server.connections, "a new connection after the close").to.equal(2);
    } finally {
      await server.close();
    }
  });
});
