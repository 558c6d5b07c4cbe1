/** TLS listener, server options, fault switches and handler crashes, over real TLS on 127.0.0.1. */
import { connect } from "node:tls";
import { expect } from "chai";
import { BundledServer, startBundledServer } from "../../bundled-server";
import { CryptographicAlgorithm, CryptographicUsageMask, Operation, ResultReason, ResultStatus, Tag } from "../../src/kmip";
import { createTestPki } from "../../src/pki";
import { child, text } from "../../src/ttlv";
import { attributeValues, batchItems, createPayload, field, payloadOf, requestMessage, single, startTestServer, TestClient, testPki, uid } from "./helpers";

const KEY = { algorithm: CryptographicAlgorithm.AES, length: 256, usageMask: CryptographicUsageMask.Decrypt };

/** Resolves when the server refuses the client: the handshake or the first request fails. */
async function expectRefused(server: BundledServer, credentials: { cert?: string; key?: string }): Promise<void> {
  let client: TestClient | undefined;
  try {
    client = await TestClient.connect(server, credentials);
    await client.roundTrip(requestMessage([{ operation: Operation.Query, payload: [] }]));
  } catch {
    return;
  } finally {
    client?.close();
  }
  throw new Error("the server answered a client it should have refused");
}

describe("bundled server TLS", function () {
  this.timeout(30000);

  it("refuses a client without certificate", async () => {
    const server = await startTestServer();
    try {
      await expectRefused(server, {});
    } finally {
      await server.close();
    }
  });

  it("refuses a client from another CA", async () => {
    const server = await startTestServer();
    const stranger = createTestPki({ clientName: "stranger" }).client;
    try {
      await expectRefused(server, stranger);
    } finally {
      await server.close();
    }
  });

  it("makes a fresh certificate per start", async () => {
    const first = await startBundledServer({ port: 0, clientCa: testPki().ca.cert });
    const second = await startBundledServer({ port: 0, clientCa: testPki().ca.cert });
    try {
      expect(first.certificatePem).to.not.equal(second.certificatePem);
      expect(first.host).to.equal("127.0.0.1");

      const socket = connect({ host: first.host, port: first.port, ca: first.certificatePem, ...testPki().client, maxVersion: "TLSv1.2" });
      const protocol = await new Promise<string | null>((resolve, reject) => {
        socket.once("secureConnect", () => resolve(socket.getProtocol()));
        socket.once("error", reject);
      });
      socket.destroy();
      expect(protocol).to.equal("TLSv1.2");
    } finally {
      await first.close();
      await second.close();
    }
  });

  it("ends open connections on close", async () => {
    const server = await startTestServer();
    const client = await TestClient.connect(server);
    const closed = new Promise<void>((resolve) => client.socket.once("close", () => resolve()));
    await server.close();
    await closed;
  });

  it("rejects invalid options", async () => {
    const ca = testPki().ca.cert;
    const cases: Array<Parameters<typeof startBundledServer>[0]> = [
      { clientCa: ca, cert: testPki().server.cert },
      { clientCa: "not a certificate" },
      { clientCa: ca, port: 70000 },
      { clientCa: ca, faults: { noSuchFault: true } as never },
    ];
    for (const options of cases) {
      let code: string | undefined;
      await startBundledServer(options).catch((error: { code?: string }) => (code = error.code));
      expect(code, JSON.stringify(Object.keys(options))).to.equal("BUNDLED_SERVER_CONFIG");
    }
  });
});

describe("bundled server failures", function () {
  this.timeout(20000);

  it("turns a handler crash into General Failure", async () => {
    const crash = (): never => {
      throw new TypeError("simulated handler bug");
    };
    const server = await startTestServer({ extraRoutes: [[Operation.Check, crash]], log: () => undefined });
    const client = await TestClient.connect(server);
    try {
      const failed = await single(client, Operation.Check, []);
      expect(field(failed, Tag.ResultStatus)).to.equal(ResultStatus.OperationFailed);
      expect(field(failed, Tag.ResultReason)).to.equal(ResultReason.GeneralFailure);

      const next = await single(client, Operation.Query, []);
      expect(field(next, Tag.ResultStatus)).to.equal(ResultStatus.Success);
    } finally {
      client.close();
      await server.close();
    }
  });
});

describe("bundled server faults", function () {
  this.timeout(20000);

  async function withFault<T>(fault: string, body: (client: TestClient) => Promise<T>): Promise<T> {
    const server = await startTestServer({ faults: { [fault]: true } });
    const client = await TestClient.connect(server);
    try {
      return await body(client);
    } finally {
      client.close();
      await server.close();
    }
  }

  async function createdId(client: TestClient): Promise<string> {
    return field(payloadOf(await single(client, Operation.Create, createPayload(KEY))), Tag.UniqueIdentifier) as string;
  }

  it("wrongAttributeValue reports length in bytes", async () => {
    const length = await withFault("wrongAttributeValue", async (client) => {
      const item = await single(client, Operation.GetAttributes, [uid(await createdId(client)), text(Tag.AttributeName, "Cryptographic Length")]);
      return attributeValues(payloadOf(item), "Cryptographic Length")[0].value;
    });
    expect(length).to.equal(32);
  });

  it("wrongOperationEcho names another operation", async () => {
    const operation = await withFault("wrongOperationEcho", async (client) => {
      return field(await single(client, Operation.GetAttributes, [uid(await createdId(client))]), Tag.Operation);
    });
    expect(operation).to.equal(Operation.GetAttributeList);
  });

  it("omitTimeStamp drops the Time Stamp", async () => {
    const header = await withFault("omitTimeStamp", async (client) => {
      return child(await client.roundTrip(requestMessage([{ operation: Operation.Query, payload: [] }])), Tag.ResponseHeader);
    });
    expect(field(header, Tag.TimeStamp)).to.equal(undefined);
  });

  it("omitUniqueBatchItemId drops the echo", async () => {
    const item = await withFault("omitUniqueBatchItemId", async (client) => {
      const request = requestMessage([{ operation: Operation.Query, payload: [], uniqueBatchItemId: Buffer.from("aa", "hex") }]);
      return batchItems(await client.roundTrip(request))[0];
    });
    expect(field(item, Tag.UniqueBatchItemID)).to.equal(undefined);
  });
});
