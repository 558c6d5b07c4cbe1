/** BundledServer.stats(): requests and key generations counted, and the responseDelayMs option. */
import { expect } from "chai";
import { performance } from "node:perf_hooks";
import { BundledServer } from "../../bundled-server";
import { CryptographicAlgorithm, CryptographicUsageMask, Operation, QueryFunction, ResultStatus, Tag } from "../../src/kmip";
import { child, enumeration, integer, structure } from "../../src/ttlv";
import { attribute, createPayload, single, startTestServer, TestClient } from "./helpers";

const ENCRYPT_DECRYPT = CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt;

describe("bundled server statistics", () => {
  let server: BundledServer;
  let client: TestClient;

  before(async () => {
    server = await startTestServer();
    client = await TestClient.connect(server);
  });

  after(async () => {
    client?.close();
    await server?.close();
  });

  it("starts at zero", async () => {
    const fresh = await startTestServer();
    try {
      expect(fresh.stats()).to.deep.equal({ requests: 0, keyGenerations: 0, keyGenerationMs: 0 });
    } finally {
      await fresh.close();
    }
  });

  it("counts requests without key generation", async () => {
    const before = server.stats();
    await single(client, Operation.Query, [enumeration(Tag.QueryFunction, QueryFunction.QueryOperations)]);

    const after = server.stats();
    expect(after.requests).to.equal(before.requests + 1);
    expect(after.keyGenerations).to.equal(before.keyGenerations);
    expect(after.keyGenerationMs).to.equal(before.keyGenerationMs);
  });

  it("times a symmetric key and a key pair", async () => {
    const before = server.stats();
    const created = await single(client, Operation.Create, createPayload({ algorithm: CryptographicAlgorithm.AES, length: 256, usageMask: ENCRYPT_DECRYPT }));
    const pair = await single(client, Operation.CreateKeyPair, [
      structure(Tag.CommonTemplateAttribute, [attribute("Cryptographic Algorithm", enumeration(0, CryptographicAlgorithm.EC)), attribute("Cryptographic Length", integer(0, 256))]),
      structure(Tag.PrivateKeyTemplateAttribute, [attribute("Cryptographic Usage Mask", integer(0, CryptographicUsageMask.Sign))]),
      structure(Tag.PublicKeyTemplateAttribute, [attribute("Cryptographic Usage Mask", integer(0, CryptographicUsageMask.Verify))]),
    ]);
    expect(child(created, Tag.ResultStatus)?.value, "Create").to.equal(ResultStatus.Success);
    expect(child(pair, Tag.ResultStatus)?.value, "Create Key Pair").to.equal(ResultStatus.Success);

    const after = server.stats();
    expect(after.requests).to.equal(before.requests + 2);
    expect(after.keyGenerations).to.equal(before.keyGenerations + 2);
    expect(after.keyGenerationMs).to.be.above(before.keyGenerationMs);
  });

  it("delays each response by responseDelayMs", async () => {
    const slow = await startTestServer({ responseDelayMs: 50 });
    const slowClient = await TestClient.connect(slow);
    try {
      const start = performance.now();
      await single(slowClient, Operation.Query, [enumeration(Tag.QueryFunction, QueryFunction.QueryOperations)]);
      expect(performance.now() - start).to.be.at.least(49);
    } finally {
      slowClient.close();
      await slow.close();
    }
  });

  for (const invalid of [-1, Number.NaN, 60_001]) {
    it(`rejects responseDelayMs ${invalid}`, async () => {
      const error = await startTestServer({ responseDelayMs: invalid }).catch((caught: Error) => caught);
      expect(error).to.be.instanceOf(Error);
      expect((error as Error).message).to.contain(`responseDelayMs ${invalid} is invalid`);
    });
  }
});
