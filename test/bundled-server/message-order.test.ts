/** Field order (§7) and the Batch Error Continuation Option rule (§6.13) over real TLS. */
import { expect } from "chai";
import { BundledServer } from "../../bundled-server";
import { BatchErrorContinuationOption, Operation, ResultReason, ResultStatus, Tag } from "../../src/kmip";
import { bool, dateTime, enumeration, integer, structure } from "../../src/ttlv";
import { TtlvNode } from "../../src/ttlv/types";
import { batchItems, field, requestMessage, startTestServer, TestClient } from "./helpers";

const version = (): TtlvNode => structure(Tag.ProtocolVersion, [integer(Tag.ProtocolVersionMajor, 1), integer(Tag.ProtocolVersionMinor, 4)]);
const discoverItem = (): TtlvNode => structure(Tag.BatchItem, [enumeration(Tag.Operation, Operation.DiscoverVersions), structure(Tag.RequestPayload, [])]);

describe("bundled server field order", function () {
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

  it("accepts header fields in table order", async () => {
    const header = structure(Tag.RequestHeader, [version(), integer(Tag.MaximumResponseSize, 4096), bool(Tag.BatchOrderOption, true), dateTime(Tag.TimeStamp, 1_700_000_000n), integer(Tag.BatchCount, 1)]);
    const response = await client.roundTrip(structure(Tag.RequestMessage, [header, discoverItem()]));
    expect(field(batchItems(response)[0], Tag.ResultStatus)).to.equal(ResultStatus.Success);
  });

  it("rejects a header field out of order", async () => {
    const header = structure(Tag.RequestHeader, [version(), integer(Tag.BatchCount, 1), integer(Tag.MaximumResponseSize, 4096)]);
    const response = await client.roundTrip(structure(Tag.RequestMessage, [header, discoverItem()]));
    const [item] = batchItems(response);
    expect(field(item, Tag.ResultReason)).to.equal(ResultReason.InvalidMessage);
    expect(field(item, Tag.Operation)).to.equal(undefined);
  });

  it("rejects a Batch Item out of order", async () => {
    const header = structure(Tag.RequestHeader, [version(), integer(Tag.BatchCount, 1)]);
    const item = structure(Tag.BatchItem, [structure(Tag.RequestPayload, []), enumeration(Tag.Operation, Operation.DiscoverVersions)]);
    const response = await client.roundTrip(structure(Tag.RequestMessage, [header, item]));
    expect(field(batchItems(response)[0], Tag.ResultReason)).to.equal(ResultReason.InvalidMessage);
  });

  it("rejects Batch Items before the header", async () => {
    const header = structure(Tag.RequestHeader, [version(), integer(Tag.BatchCount, 1)]);
    const response = await client.roundTrip(structure(Tag.RequestMessage, [discoverItem(), header]));
    expect(field(batchItems(response)[0], Tag.ResultReason)).to.equal(ResultReason.InvalidMessage);
  });

  it("rejects a continuation option on one item", async () => {
    const request = requestMessage([{ operation: Operation.DiscoverVersions, payload: [] }], { extra: [enumeration(Tag.BatchErrorContinuationOption, BatchErrorContinuationOption.Continue)] });
    const response = await client.roundTrip(request);
    expect(field(batchItems(response)[0], Tag.ResultReason)).to.equal(ResultReason.InvalidMessage);
  });
});
