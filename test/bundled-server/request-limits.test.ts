/** Limits on batch size, Locate results, response size and stored objects of the bundled server. */
import { expect } from "chai";
import { BundledServer, BundledServerOptions } from "../../bundled-server";
import { ObjectStore } from "../../bundled-server/store/object-store";
import { CryptographicAlgorithm, CryptographicUsageMask, Operation, ResultReason, ResultStatus, Tag } from "../../src/kmip";
import { integer, structure } from "../../src/ttlv";
import { StructureNode } from "../../src/ttlv/types";
import { batchItems, createPayload, field, payloadOf, requestMessage, single, startTestServer, TestClient, uid } from "./helpers";
import { unitContext } from "./unit-context";
import { createRouteTable } from "../../bundled-server/operations";

const KEY = { algorithm: CryptographicAlgorithm.AES, length: 128, usageMask: CryptographicUsageMask.Encrypt };

async function withClient(options: Partial<BundledServerOptions>, body: (client: TestClient, server: BundledServer) => Promise<void>): Promise<void> {
  const server = await startTestServer(options);
  const client = await TestClient.connect(server);
  try {
    await body(client, server);
  } finally {
    client.close();
    await server.close();
  }
}

async function createKeys(client: TestClient, count: number): Promise<string[]> {
  const identifiers: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const item = await single(client, Operation.Create, createPayload(KEY));
    expect(field(item, Tag.ResultStatus), `Create ${i + 1}`).to.equal(ResultStatus.Success);
    identifiers.push(field(payloadOf(item), Tag.UniqueIdentifier) as string);
  }
  return identifiers;
}

function locatedCount(item: StructureNode): number {
  return payloadOf(item).value.filter((node) => node.tag === Tag.UniqueIdentifier).length;
}

describe("bundled server request limits", function () {
  this.timeout(20000);

  it("rejects batches over maxBatchCount", async () => {
    await withClient({ maxBatchCount: 2 }, async (client) => {
      const query = (id: number) => ({ operation: Operation.Query, payload: [], uniqueBatchItemId: Buffer.from([id]) });

      const over = batchItems(await client.roundTrip(requestMessage([query(1), query(2), query(3)])));
      expect(over).to.have.length(1);
      expect(field(over[0], Tag.Operation)).to.equal(undefined);
      expect(field(over[0], Tag.ResultReason)).to.equal(ResultReason.InvalidMessage);
      expect(field(over[0], Tag.ResultMessage)).to.include("at most 2");

      const within = batchItems(await client.roundTrip(requestMessage([query(1), query(2)])));
      expect(within.map((item) => field(item, Tag.ResultStatus))).to.deep.equal([ResultStatus.Success, ResultStatus.Success]);
    });
  });

  it("caps Locate at maxLocateItems", async () => {
    await withClient({ maxLocateItems: 5 }, async (client) => {
      await createKeys(client, 8);

      expect(locatedCount(await single(client, Operation.Locate, []))).to.equal(5);
      expect(locatedCount(await single(client, Operation.Locate, [integer(Tag.MaximumItems, 3)]))).to.equal(3);
      expect(locatedCount(await single(client, Operation.Locate, [integer(Tag.MaximumItems, 50)]))).to.equal(5);
      expect(locatedCount(await single(client, Operation.Locate, [integer(Tag.OffsetItems, 6)]))).to.equal(2);
    });
  });

  it("fails Locate with stray fields", async () => {
    await withClient({}, async (client) => {
      const stray = structure(Tag.ProtocolVersion, [integer(Tag.ProtocolVersionMajor, 1), integer(Tag.ProtocolVersionMinor, 4)]);
      const item = await single(client, Operation.Locate, [stray]);
      expect(field(item, Tag.ResultReason)).to.equal(ResultReason.InvalidField);
      expect(field(item, Tag.ResultMessage)).to.include("ProtocolVersion");
    });
  });

  it("returns Response Too Large beyond maxResponseSize", async () => {
    // 60 Unique Identifiers take 60 x 48 bytes, more than the 2048-byte maximum.
    await withClient({ maxResponseSize: 2048 }, async (client) => {
      await createKeys(client, 60);

      const response = await client.roundTrip(requestMessage([{ operation: Operation.Locate, payload: [] }]));
      const [item] = batchItems(response);
      expect(field(item, Tag.ResultReason)).to.equal(ResultReason.ResponseTooLarge);
      expect(locatedCount(await single(client, Operation.Locate, [integer(Tag.MaximumItems, 10)]))).to.equal(10);
    });
  });

  it("limits live and destroyed objects", async () => {
    await withClient({ maxObjectsPerIdentity: 3, maxDestroyedObjectsPerIdentity: 2 }, async (client) => {
      const [first, second, third] = await createKeys(client, 3);
      const full = await single(client, Operation.Create, createPayload(KEY));
      expect(field(full, Tag.ResultReason)).to.equal(ResultReason.GeneralFailure);
      expect(field(full, Tag.ResultMessage)).to.include("the store is full");

      for (const identifier of [first, second, third]) {
        expect(field(await single(client, Operation.Destroy, [uid(identifier)]), Tag.ResultStatus)).to.equal(ResultStatus.Success);
      }
      await createKeys(client, 3);

      // The oldest destroyed object is evicted; the two most recent keep their attributes readable.
      expect(field(await single(client, Operation.GetAttributes, [uid(first)]), Tag.ResultReason)).to.equal(ResultReason.ItemNotFound);
      expect(field(await single(client, Operation.GetAttributes, [uid(third)]), Tag.ResultStatus)).to.equal(ResultStatus.Success);
    });
  });

  it("bounds the store over Create-Destroy cycles", async () => {
    const context = { ...unitContext(), store: new ObjectStore({ maxObjects: 10, maxDestroyedObjects: 20 }) };
    const routes = createRouteTable();
    const create = routes.handler(Operation.Create)!;
    const destroy = routes.handler(Operation.Destroy)!;

    for (let i = 0; i < 2000; i += 1) {
      const created = await create(structure(Tag.RequestPayload, createPayload(KEY)) as StructureNode, context);
      const identifier = field(created, Tag.UniqueIdentifier) as string;
      await destroy(structure(Tag.RequestPayload, [uid(identifier)]) as StructureNode, context);
      expect(context.store.size).to.be.at.most(21);
    }
    expect(context.store.destroyedCount).to.equal(20);
  });
});
