/** Message and batch rules over real TLS: §6 header fields, §7 batch items, §11.1 and §11.43. */
import { expect } from "chai";
import { BundledServer } from "../../bundled-server";
import { BatchErrorContinuationOption, CryptographicAlgorithm, CryptographicUsageMask, Operation, ResultReason, ResultStatus, Tag } from "../../src/kmip";
import { bool, child, encode, enumeration, integer, structure, text } from "../../src/ttlv";
import { StructureNode, TtlvNode } from "../../src/ttlv/types";
import { batchItems, createPayload, field, ItemSpec, nameAttribute, payloadOf, requestMessage, startTestServer, TestClient, uid } from "./helpers";

const KEY = { algorithm: CryptographicAlgorithm.AES, length: 128, usageMask: CryptographicUsageMask.Encrypt };
const id = (value: string): Buffer => Buffer.from(value, "utf8");

function versionOf(response: StructureNode): [unknown, unknown] {
  const version = child(child(response, Tag.ResponseHeader)!, Tag.ProtocolVersion)!;
  return [field(version, Tag.ProtocolVersionMajor), field(version, Tag.ProtocolVersionMinor)];
}

function continuation(option: number): TtlvNode[] {
  return [enumeration(Tag.BatchErrorContinuationOption, option)];
}

describe("bundled server messages", function () {
  this.timeout(20000);
  let server: BundledServer;
  let client: TestClient;

  before(async () => {
    server = await startTestServer();
    client = await TestClient.connect(server);
  });

  after(async () => {
    client.close();
    await server.close();
  });

  async function locateByName(name: string): Promise<unknown[]> {
    const response = await client.roundTrip(requestMessage([{ operation: Operation.Locate, payload: [nameAttribute(name)] }]));
    return payloadOf(batchItems(response)[0]).value.map((node) => node.value);
  }

  it("puts a Time Stamp in every response", async () => {
    const response = await client.roundTrip(requestMessage([{ operation: Operation.DiscoverVersions, payload: [] }]));
    const stamp = field(child(response, Tag.ResponseHeader), Tag.TimeStamp) as bigint;
    expect(Number(stamp)).to.be.closeTo(Date.now() / 1000, 5);
  });

  it("answers an older minor version in kind", async () => {
    const response = await client.roundTrip(requestMessage([{ operation: Operation.DiscoverVersions, payload: [] }], { minor: 2 }));
    expect(versionOf(response)).to.deep.equal([1, 2]);
  });

  it("answers a newer minor version with 1.4", async () => {
    const response = await client.roundTrip(requestMessage([{ operation: Operation.DiscoverVersions, payload: [] }], { minor: 9 }));
    expect(versionOf(response)).to.deep.equal([1, 4]);
    expect(field(batchItems(response)[0], Tag.ResultStatus)).to.equal(ResultStatus.Success);
  });

  it("rejects another major version", async () => {
    const response = await client.roundTrip(requestMessage([{ operation: Operation.DiscoverVersions, payload: [] }], { major: 2, minor: 0 }));
    const [item] = batchItems(response);
    expect(batchItems(response)).to.have.length(1);
    expect(field(item, Tag.Operation)).to.equal(undefined);
    expect(field(item, Tag.ResultReason)).to.equal(ResultReason.InvalidMessage);
    expect(versionOf(response)).to.deep.equal([1, 4]);
  });

  it("rejects a wrong Batch Count", async () => {
    const response = await client.roundTrip(requestMessage([{ operation: Operation.Query, payload: [] }], { batchCount: 3 }));
    expect(field(batchItems(response)[0], Tag.ResultReason)).to.equal(ResultReason.InvalidMessage);
  });

  it("rejects an unknown header field", async () => {
    const response = await client.roundTrip(requestMessage([{ operation: Operation.Query, payload: [] }], { extra: [text(Tag.NameValue, "stray")] }));
    expect(field(batchItems(response)[0], Tag.ResultReason)).to.equal(ResultReason.InvalidField);
  });

  it("fails a batch without Unique Batch Item IDs", async () => {
    const items: ItemSpec[] = [
      { operation: Operation.Create, payload: createPayload({ ...KEY, name: "batch-no-ids" }) },
      { operation: Operation.Query, payload: [], uniqueBatchItemId: id("q") },
    ];
    const response = await client.roundTrip(requestMessage(items));
    const results = batchItems(response);

    expect(results).to.have.length(2);
    for (const item of results) {
      expect(field(item, Tag.ResultStatus)).to.equal(ResultStatus.OperationFailed);
      expect(field(item, Tag.ResultReason)).to.equal(ResultReason.MissingData);
    }
    expect(await locateByName("batch-no-ids")).to.deep.equal([]);
  });

  it("echoes Unique Batch Item IDs", async () => {
    const items: ItemSpec[] = [
      { operation: Operation.Query, payload: [], uniqueBatchItemId: id("first") },
      { operation: Operation.DiscoverVersions, payload: [], uniqueBatchItemId: id("second") },
    ];
    const results = batchItems(await client.roundTrip(requestMessage(items)));
    expect(results.map((item) => (field(item, Tag.UniqueBatchItemID) as Buffer).toString())).to.deep.equal(["first", "second"]);
  });

  it("stops after a failure by default", async () => {
    const items: ItemSpec[] = [
      { operation: Operation.Get, payload: [uid("absent")], uniqueBatchItemId: id("1") },
      { operation: Operation.Create, payload: createPayload({ ...KEY, name: "after-stop" }), uniqueBatchItemId: id("2") },
    ];
    const response = await client.roundTrip(requestMessage(items));
    expect(batchItems(response)).to.have.length(1);
    expect(field(child(response, Tag.ResponseHeader), Tag.BatchCount)).to.equal(1);
    expect(await locateByName("after-stop")).to.deep.equal([]);
  });

  it("continues after a failure on request", async () => {
    const items: ItemSpec[] = [
      { operation: Operation.Get, payload: [uid("absent")], uniqueBatchItemId: id("1") },
      { operation: Operation.Create, payload: createPayload({ ...KEY, name: "after-continue" }), uniqueBatchItemId: id("2") },
    ];
    const results = batchItems(await client.roundTrip(requestMessage(items, { extra: continuation(BatchErrorContinuationOption.Continue) })));
    expect(results.map((item) => field(item, Tag.ResultStatus))).to.deep.equal([ResultStatus.OperationFailed, ResultStatus.Success]);
    expect(await locateByName("after-continue")).to.have.length(1);
  });

  it("undoes earlier items on request", async () => {
    const items: ItemSpec[] = [
      { operation: Operation.Create, payload: createPayload({ ...KEY, name: "undone-key" }), uniqueBatchItemId: id("1") },
      { operation: Operation.Get, payload: [uid("absent")], uniqueBatchItemId: id("2") },
    ];
    const results = batchItems(await client.roundTrip(requestMessage(items, { extra: continuation(BatchErrorContinuationOption.Undo) })));
    expect(results.map((item) => field(item, Tag.ResultStatus))).to.deep.equal([ResultStatus.OperationUndone, ResultStatus.OperationFailed]);
    expect(await locateByName("undone-key")).to.deep.equal([]);
  });

  it("carries the ID Placeholder within a batch", async () => {
    const items: ItemSpec[] = [
      { operation: Operation.Create, payload: createPayload({ ...KEY, name: "placeholder-key" }), uniqueBatchItemId: id("1") },
      { operation: Operation.Activate, payload: [], uniqueBatchItemId: id("2") },
      { operation: Operation.GetAttributes, payload: [text(Tag.AttributeName, "State")], uniqueBatchItemId: id("3") },
    ];
    const results = batchItems(await client.roundTrip(requestMessage(items, { extra: [bool(Tag.BatchOrderOption, true)] })));
    const created = field(payloadOf(results[0]), Tag.UniqueIdentifier);
    expect(results.map((item) => field(item, Tag.ResultStatus))).to.deep.equal([ResultStatus.Success, ResultStatus.Success, ResultStatus.Success]);
    expect(field(payloadOf(results[2]), Tag.UniqueIdentifier)).to.equal(created);
  });

  it("forgets the ID Placeholder between messages", async () => {
    const response = await client.roundTrip(requestMessage([{ operation: Operation.GetAttributes, payload: [] }]));
    expect(field(batchItems(response)[0], Tag.ResultReason)).to.equal(ResultReason.MissingData);
  });

  it("answers an unserved operation", async () => {
    const response = await client.roundTrip(requestMessage([{ operation: Operation.Poll, payload: [] }]));
    expect(field(batchItems(response)[0], Tag.ResultReason)).to.equal(ResultReason.OperationNotSupported);
  });

  it("enforces the Maximum Response Size", async () => {
    const request = requestMessage([{ operation: Operation.DiscoverVersions, payload: [] }], { extra: [integer(Tag.MaximumResponseSize, 64)] });
    const [item] = batchItems(await client.roundTrip(request));
    expect(field(item, Tag.ResultReason)).to.equal(ResultReason.ResponseTooLarge);
    expect(field(item, Tag.ResultMessage)).to.equal("TOO_LARGE");
  });

  it("fails an item without a payload", async () => {
    const header = child(requestMessage([]) as StructureNode, Tag.RequestHeader) as StructureNode;
    const countless = structure(Tag.RequestHeader, [...header.value.slice(0, -1), integer(Tag.BatchCount, 1)]);
    const request = structure(Tag.RequestMessage, [countless, structure(Tag.BatchItem, [enumeration(Tag.Operation, Operation.Query)])]);
    const [item] = batchItems(await client.roundTrip(request));
    expect(field(item, Tag.Operation)).to.equal(Operation.Query);
    expect(field(item, Tag.ResultReason)).to.equal(ResultReason.InvalidMessage);
  });

  it("answers an undecodable message and stays open", async () => {
    const broken = encode(requestMessage([{ operation: Operation.Query, payload: [] }], { extra: [bool(Tag.BatchOrderOption, true)] }));
    const header = Buffer.from([0x42, 0x00, 0x10, 0x06, 0, 0, 0, 8]); // Batch Order Option, Boolean, length 8
    broken[broken.indexOf(header) + header.length + 7] = 2; // §9.1.1.4: a Boolean is 0 or 1.
    const [item] = batchItems(await client.roundTripBytes(broken));
    expect(field(item, Tag.ResultReason)).to.equal(ResultReason.InvalidMessage);

    const after = await client.roundTrip(requestMessage([{ operation: Operation.Query, payload: [] }]));
    expect(field(batchItems(after)[0], Tag.ResultStatus)).to.equal(ResultStatus.Success);
  });

  it("closes a stream that is not TTLV", async () => {
    const other = await TestClient.connect(server);
    const closed = new Promise<void>((resolve) => other.socket.once("close", () => resolve()));
    other.socket.write(Buffer.from("GET / HTTP/1.1\r\n\r\n"));
    await closed;
  });
});
