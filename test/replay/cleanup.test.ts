/**
 * Clean-up of vectors that stop midway, against the bundled server over mutual TLS. The objects a
 * vector created are revoked if Active and destroyed, and the report records it. A vector that ran
 * all its steps keeps what it left for later vectors.
 */
import { expect } from "chai";
import { startBundledServer, type BundledServer } from "../../bundled-server";
import { Operation, ResultStatus, Tag } from "../../src/kmip";
import { createTestPki, type TestPki } from "../../src/pki";
import { runVector, type TargetOptions, type VectorOutcome } from "../../src/replay";
import { KmipConnection } from "../../src/transport";
import { child, decode, text } from "../../src/ttlv";
import { parseVectorXml } from "../../src/vectors";
import { requestMessage } from "../helpers/kmip-requests";
import { startTlsServer, type TestServer } from "../transport/servers";

const VERSION = `<ProtocolVersion><ProtocolVersionMajor type="Integer" value="1"/><ProtocolVersionMinor type="Integer" value="4"/></ProtocolVersion>`;

function step(operation: string, requestPayload: string, responsePayload: string): string {
  return `<RequestMessage><RequestHeader>${VERSION}<BatchCount type="Integer" value="1"/></RequestHeader>
    <BatchItem><Operation type="Enumeration" value="${operation}"/><RequestPayload>${requestPayload}</RequestPayload></BatchItem></RequestMessage>
  <ResponseMessage><ResponseHeader>${VERSION}<TimeStamp type="DateTime" value="$NOW"/><BatchCount type="Integer" value="1"/></ResponseHeader>
    <BatchItem><Operation type="Enumeration" value="${operation}"/><ResultStatus type="Enumeration" value="Success"/><ResponsePayload>${responsePayload}</ResponsePayload></BatchItem></ResponseMessage>`;
}

const CREATE = step(
  "Create",
  `<ObjectType type="Enumeration" value="SymmetricKey"/><TemplateAttribute>
    <Attribute><AttributeName type="TextString" value="Cryptographic Algorithm"/><AttributeValue type="Enumeration" value="AES"/></Attribute>
    <Attribute><AttributeName type="TextString" value="Cryptographic Length"/><AttributeValue type="Integer" value="128"/></Attribute>
    <Attribute><AttributeName type="TextString" value="Cryptographic Usage Mask"/><AttributeValue type="Integer" value="Encrypt Decrypt"/></Attribute>
  </TemplateAttribute>`,
  `<ObjectType type="Enumeration" value="SymmetricKey"/><UniqueIdentifier type="TextString" value="$UNIQUE_IDENTIFIER_0"/>`,
);
const ACTIVATE = step("Activate", `<UniqueIdentifier type="TextString" value="$UNIQUE_IDENTIFIER_0"/>`, `<UniqueIdentifier type="TextString" value="$UNIQUE_IDENTIFIER_0"/>`);
/** Uses an identifier no response supplied, so the vector stops here. */
const UNBOUND = step("Activate", `<UniqueIdentifier type="TextString" value="$PRIVATE_KEY_UNIQUE_IDENTIFIER_0"/>`, `<UniqueIdentifier type="TextString" value="$PRIVATE_KEY_UNIQUE_IDENTIFIER_0"/>`);
/** Gets a response, but the expected identifier is wrong, so the step fails and the vector goes on. */
const WRONG_ANSWER = step("Activate", `<UniqueIdentifier type="TextString" value="$UNIQUE_IDENTIFIER_0"/>`, `<UniqueIdentifier type="TextString" value="not-the-key"/>`);

function vector(name: string, ...steps: string[]) {
  return parseVectorXml(`<KMIP>\n${steps.join("\n")}\n</KMIP>`, `${name}.xml`);
}

describe("clean-up of stopped vectors", function () {
  this.timeout(30_000);
  let pki: TestPki;
  let server: BundledServer;

  before(async () => {
    pki = createTestPki({ serverIps: ["127.0.0.1"] });
    server = await startBundledServer({ host: "127.0.0.1", port: 0, clientCa: pki.ca.cert, cert: pki.server.cert, key: pki.server.key });
  });

  after(async () => {
    await server.close();
  });

  function target(extra: Partial<TargetOptions> = {}, port = server.port): TargetOptions {
    return { connection: { host: "127.0.0.1", port, ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key, connectTimeoutMs: 5000, responseTimeoutMs: 5000 }, ...extra };
  }

  /** Sends Get for the identifier and returns its Result Status. */
  async function getStatus(identifier: string): Promise<unknown> {
    const connection = await KmipConnection.connect(target().connection);
    try {
      const response = decode(await connection.roundTrip(requestMessage(Operation.Get, [text(Tag.UniqueIdentifier, identifier)])));
      return child(child(response, Tag.BatchItem)!, Tag.ResultStatus)?.value;
    } finally {
      await connection.close();
    }
  }

  function createdKey(outcome: VectorOutcome): string {
    const identifier = /<UniqueIdentifier type="TextString" value="([^"]+)"/.exec(outcome.steps[0].responseXml ?? "")?.[1];
    expect(identifier, "identifier of the created key").to.be.a("string");
    return identifier!;
  }

  it("revokes and destroys an Active key", async () => {
    const outcome = await runVector(vector("CLEAN-M-1-14", CREATE, ACTIVATE, UNBOUND), target());
    const key = createdKey(outcome);

    expect(outcome.steps.map((candidate) => candidate.verdict)).to.deep.equal(["pass", "pass", "error"]);
    expect(outcome.cleanup?.reason).to.contain("step 3 (Activate) did not complete: REPLAY_UNBOUND_PLACEHOLDER");
    expect(outcome.cleanup?.kept).to.equal(false);
    expect(outcome.cleanup?.objects).to.deep.equal([{ uniqueIdentifier: key, state: "Active", revoked: true, destroyed: true, error: undefined }]);
    expect(await getStatus(key)).to.equal(ResultStatus.OperationFailed);
  });

  it("destroys a Pre-Active key without Revoke", async () => {
    const outcome = await runVector(vector("CLEAN-M-2-14", CREATE, UNBOUND), target());

    expect(outcome.cleanup?.objects[0]).to.include({ state: "PreActive", revoked: false, destroyed: true });
    expect(await getStatus(createdKey(outcome))).to.equal(ResultStatus.OperationFailed);
  });

  it("keeps the keys of a vector that ran every step", async () => {
    const outcome = await runVector(vector("CLEAN-M-3-14", CREATE, WRONG_ANSWER), target());

    expect(outcome.verdict).to.equal("fail");
    expect(outcome.cleanup).to.equal(undefined);
    expect(await getStatus(createdKey(outcome))).to.equal(ResultStatus.Success);
  });

  it("lists but keeps the keys with cleanup off", async () => {
    const outcome = await runVector(vector("CLEAN-M-4-14", CREATE, UNBOUND), target({ cleanup: false }));
    const key = createdKey(outcome);

    expect(outcome.cleanup?.kept).to.equal(true);
    expect(outcome.cleanup?.objects).to.deep.equal([{ uniqueIdentifier: key, revoked: false, destroyed: false }]);
    expect(await getStatus(key)).to.equal(ResultStatus.Success);
  });

  it("cleans up on a new connection after an abort", async () => {
    const controller = new AbortController();
    const onStep = () => controller.abort();

    const outcome = await runVector(vector("CLEAN-M-5-14", CREATE, ACTIVATE, ACTIVATE), target({ signal: controller.signal }), onStep);

    expect(outcome.steps.map((candidate) => candidate.error?.code)).to.deep.equal([undefined, "REPLAY_NOT_RUN", "REPLAY_NOT_RUN"]);
    expect(outcome.steps[1].error?.message).to.contain("the run was interrupted");
    expect(outcome.steps[1].fault?.kind).to.equal("not-run");
    expect(outcome.cleanup?.objects[0]).to.include({ state: "PreActive", destroyed: true });
    expect(await getStatus(createdKey(outcome))).to.equal(ResultStatus.OperationFailed);
  });

  it("stops a stalled vector at its timeout", async () => {
    const silent: TestServer = await startTlsServer({ key: pki.server.key, cert: pki.server.cert, ca: pki.ca.cert, requestCert: true }, () => undefined);
    try {
      const startedMs = Date.now();
      const outcome = await runVector(vector("CLEAN-M-6-14", CREATE, ACTIVATE), target({ vectorTimeoutMs: 300 }, silent.port));

      expect(Date.now() - startedMs).to.be.below(4000);
      expect(outcome.steps.map((candidate) => candidate.error?.code)).to.deep.equal(["REPLAY_VECTOR_TIMEOUT", "REPLAY_NOT_RUN"]);
      expect(outcome.steps[0].fault?.kind).to.equal("transport");
      expect(outcome.cleanup).to.equal(undefined);
    } finally {
      await silent.close();
    }
  });

  it("records a clean-up that timed out", async () => {
    const outcome = await runVector(vector("CLEAN-M-7-14", CREATE, UNBOUND), target({ cleanupTimeoutMs: 0 }));

    expect(outcome.cleanup?.error?.code).to.equal("REPLAY_CLEANUP_TIMEOUT");
    expect(outcome.cleanup?.objects[0].destroyed).to.equal(false);
  });
});
