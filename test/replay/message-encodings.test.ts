/**
 * Replay over KMIP over HTTPS: the file name prefix chooses the body encoding, and the bundled
 * server decodes by Content-Type, so a vector passes whichever encoding carries it.
 */
import { join } from "node:path";
import { expect } from "chai";
import { startBundledServer, type BundledServer } from "../../bundled-server";
import { createTestPki, type TestPki } from "../../src/pki";
import { httpsEncodingOfVector, runVector, type TargetOptions, type VectorOutcome } from "../../src/replay";
import { TTLV_BODY } from "../../src/transport";
import { loadVectorFile, parseVectorXml } from "../../src/vectors";
import { requireOfficialVectorDir } from "../vectors/official-dir";

const VERSION = `<ProtocolVersion><ProtocolVersionMajor type="Integer" value="1"/><ProtocolVersionMinor type="Integer" value="4"/></ProtocolVersion>`;

function step(operation: string, requestPayload: string, responsePayload: string): string {
  return `<RequestMessage><RequestHeader>${VERSION}<BatchCount type="Integer" value="1"/></RequestHeader>
    <BatchItem><Operation type="Enumeration" value="${operation}"/><RequestPayload>${requestPayload}</RequestPayload></BatchItem></RequestMessage>
  <ResponseMessage><ResponseHeader>${VERSION}<TimeStamp type="DateTime" value="$NOW"/><BatchCount type="Integer" value="1"/></ResponseHeader>
    <BatchItem><Operation type="Enumeration" value="${operation}"/><ResultStatus type="Enumeration" value="Success"/><ResponsePayload>${responsePayload}</ResponsePayload></BatchItem></ResponseMessage>`;
}

/** Registers a 192-bit AES key, reads it back and destroys it: byte strings, enumerations, masks and placeholders in each encoding. */
const KEY_BYTES = "000102030405060708090a0b0c0d0e0f1011121314151617";
const KEY = `<KeyBlock><KeyFormatType type="Enumeration" value="Raw"/><KeyValue><KeyMaterial type="ByteString" value="${KEY_BYTES}"/></KeyValue>
  <CryptographicAlgorithm type="Enumeration" value="AES"/><CryptographicLength type="Integer" value="192"/></KeyBlock>`;
const REGISTER_GET_DESTROY = [
  step(
    "Register",
    `<ObjectType type="Enumeration" value="SymmetricKey"/><TemplateAttribute>
      <Attribute><AttributeName type="TextString" value="Cryptographic Usage Mask"/><AttributeValue type="Integer" value="Encrypt Decrypt"/></Attribute>
    </TemplateAttribute><SymmetricKey>${KEY}</SymmetricKey>`,
    `<UniqueIdentifier type="TextString" value="$UNIQUE_IDENTIFIER_0"/>`,
  ),
  step(
    "Get",
    `<UniqueIdentifier type="TextString" value="$UNIQUE_IDENTIFIER_0"/>`,
    `<ObjectType type="Enumeration" value="SymmetricKey"/><UniqueIdentifier type="TextString" value="$UNIQUE_IDENTIFIER_0"/><SymmetricKey>${KEY}</SymmetricKey>`,
  ),
  step("Destroy", `<UniqueIdentifier type="TextString" value="$UNIQUE_IDENTIFIER_0"/>`, `<UniqueIdentifier type="TextString" value="$UNIQUE_IDENTIFIER_0"/>`),
];

function describeFailures(outcome: VectorOutcome): string {
  const steps = outcome.steps.filter((entry) => entry.verdict !== "pass");
  return JSON.stringify({ error: outcome.error, steps: steps.map((entry) => ({ index: entry.index, error: entry.error, diffs: entry.diffs })) }, undefined, 2);
}

describe("transport choice by vector name", () => {
  it("maps the MSGENC prefixes", () => {
    expect(httpsEncodingOfVector("MSGENC-HTTPS-M-1-14")).to.equal(TTLV_BODY);
    expect(httpsEncodingOfVector("MSGENC-JSON-M-1-14")?.contentType).to.equal("application/json");
    expect(httpsEncodingOfVector("msgenc-xml-m-1-14")?.contentType).to.equal("text/xml");
  });

  it("keeps other vectors on TLS", () => {
    expect(httpsEncodingOfVector("SKLC-M-1-14")).to.equal(undefined);
    expect(httpsEncodingOfVector("MSGENC-M-1-14")).to.equal(undefined);
  });
});

describe("replay over KMIP over HTTPS", function () {
  this.timeout(30_000);
  let pki: TestPki;
  let server: BundledServer;

  before(async () => {
    pki = createTestPki({ serverIps: ["127.0.0.1"] });
    server = await startBundledServer({ host: "127.0.0.1", port: 0, httpsPort: 0, clientCa: pki.ca.cert, cert: pki.server.cert, key: pki.server.key });
  });

  after(async () => {
    await server.close();
  });

  function target(https: TargetOptions["https"] = { port: server.httpsPort as number }): TargetOptions {
    return { connection: { host: "127.0.0.1", port: server.port, ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key, connectTimeoutMs: 5000, responseTimeoutMs: 5000 }, https };
  }

  for (const name of ["MSGENC-HTTPS-T-1-14", "MSGENC-JSON-T-1-14", "MSGENC-XML-T-1-14", "SKLC-T-1-14"]) {
    it(`passes ${name}`, async () => {
      const outcome = await runVector(parseVectorXml(`<KMIP>${REGISTER_GET_DESTROY.join("\n")}</KMIP>`, `${name}.xml`), target());

      expect(outcome.verdict, describeFailures(outcome)).to.equal("pass");
      expect(outcome.steps).to.have.length(3);
    });
  }

  it("fails a wrong expectation over JSON", async () => {
    const wrong = REGISTER_GET_DESTROY[1].replace(KEY_BYTES, "ff".repeat(24));
    const outcome = await runVector(parseVectorXml(`<KMIP>${[REGISTER_GET_DESTROY[0], wrong, REGISTER_GET_DESTROY[2]].join("\n")}</KMIP>`, "MSGENC-JSON-T-2-14.xml"), target());

    expect(outcome.verdict).to.equal("fail");
    expect(outcome.steps[1].diffs.map((diff) => diff.path).join()).to.contain("KeyMaterial");
  });

  it("errs without an HTTPS endpoint", async () => {
    const outcome = await runVector(parseVectorXml(`<KMIP>${REGISTER_GET_DESTROY[0]}</KMIP>`, "MSGENC-XML-T-3-14.xml"), { ...target(), https: undefined });

    expect(outcome.verdict).to.equal("error");
    expect(outcome.error?.code).to.equal("REPLAY_NO_HTTPS_ENDPOINT");
    expect(outcome.error?.message).to.contain("--https-url");
  });

  it("errs on a wrong target URI", async () => {
    const outcome = await runVector(parseVectorXml(`<KMIP>${REGISTER_GET_DESTROY[0]}</KMIP>`, "MSGENC-HTTPS-T-4-14.xml"), target({ port: server.httpsPort as number, path: "/other" }));

    expect(outcome.verdict).to.equal("error");
    expect(outcome.steps[0].error?.code).to.equal("TRANSPORT_HTTP_STATUS");
  });

  describe("official MSGENC vectors", () => {
    let mandatory: string;

    before(function () {
      mandatory = join(requireOfficialVectorDir(this), "mandatory");
    });

    for (const name of ["MSGENC-HTTPS-M-1-14", "MSGENC-JSON-M-1-14", "MSGENC-XML-M-1-14"]) {
      it(`passes ${name}`, async () => {
        const outcome = await runVector(await loadVectorFile(join(mandatory, `${name}.xml`)), target());

        expect(outcome.verdict, describeFailures(outcome)).to.equal("pass");
        const tolerated = outcome.steps.flatMap((entry) => entry.rulesApplied).filter((application) => application.note.includes("tolerated as beyond the requirement"));
        expect(tolerated.map((application) => application.note).join("\n")).to.contain("Operation Notify");
      });
    }
  });
});
