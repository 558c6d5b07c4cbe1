import { expect } from "chai";
import { CryptographicAlgorithm, Operation, Tag } from "../../src/kmip";
import { lintRequest, type LintIssue } from "../../src/lint";
import { bool, bytes, dateTime, encode, enumeration, integer, structure, text } from "../../src/ttlv";
import { attribute, createItem, NOW, queryItem, request, version } from "./builders";

function lint(message: Parameters<typeof encode>[0], options: { now?: number; clockSkewSeconds?: number } = {}): LintIssue[] {
  return lintRequest(encode(message), { now: options.now ?? NOW, clockSkewSeconds: options.clockSkewSeconds }).issues;
}

function rules(issues: LintIssue[]): string[] {
  return issues.map((issue) => issue.rule);
}

describe("lint: request checks", () => {
  it("conformant requests have no findings", () => {
    const single = request([queryItem()], [dateTime(Tag.TimeStamp, BigInt(NOW))]);
    const batch = request([queryItem("01"), queryItem("02")], [enumeration(Tag.BatchErrorContinuationOption, 1)]);
    const create = request([createItem([attribute("Cryptographic Algorithm", enumeration(0, CryptographicAlgorithm.AES)), attribute("Cryptographic Length", integer(0, 256)), attribute("x-mine", text(0, "any"))])]);

    expect(lint(single)).to.deep.equal([]);
    expect(lint(batch)).to.deep.equal([]);
    expect(lint(create)).to.deep.equal([]);
  });

  it("names each Batch Item without Unique Batch Item ID", () => {
    const issues = lint(request([queryItem(), queryItem()]));

    expect(rules(issues)).to.deep.equal(["unique-batch-item-id-missing", "unique-batch-item-id-missing"]);
    expect(issues.map((issue) => issue.path)).to.deep.equal(["RequestMessage/BatchItem[1]/UniqueBatchItemID", "RequestMessage/BatchItem[2]/UniqueBatchItemID"]);
    expect(issues[0].message).to.include("Batch Count is 2");
    expect(issues[0].expected).to.include("UniqueBatchItemID");
  });

  it("accepts one item without Unique Batch Item ID", () => {
    expect(lint(request([queryItem()]))).to.deep.equal([]);
  });

  it("finds a duplicate Unique Batch Item ID", () => {
    const issues = lint(request([queryItem("0a"), queryItem("0a")]));

    expect(rules(issues)).to.deep.equal(["unique-batch-item-id-duplicate"]);
    expect(issues[0].path).to.equal("RequestMessage/BatchItem[2]/UniqueBatchItemID");
    expect(issues[0].message).to.include("RequestMessage/BatchItem[1]/UniqueBatchItemID");
  });

  it("finds Batch Error Continuation Option with one item", () => {
    const issues = lint(request([queryItem()], [enumeration(Tag.BatchErrorContinuationOption, 2)]));

    expect(rules(issues)).to.deep.equal(["batch-error-continuation-option"]);
    expect(issues[0].path).to.equal("RequestMessage/RequestHeader/BatchErrorContinuationOption");
  });

  it("finds a Batch Count that differs from the items", () => {
    const issues = lint(request([queryItem()], [], { batchCount: 3 }));

    expect(rules(issues)).to.include("batch-count");
    const batchCount = issues.find((issue) => issue.rule === "batch-count");
    expect(batchCount?.path).to.equal("RequestMessage/RequestHeader/BatchCount");
    expect(batchCount?.expected).to.equal("BatchCount = 1");
    expect(batchCount?.actual).to.equal("3");
  });

  it("finds a Time Stamp beyond the clock skew", () => {
    const ahead = request([queryItem()], [dateTime(Tag.TimeStamp, BigInt(NOW + 3600))]);
    const slightlyAhead = request([queryItem()], [dateTime(Tag.TimeStamp, BigInt(NOW + 30))]);

    const issues = lint(ahead);
    expect(rules(issues)).to.deep.equal(["time-stamp-future"]);
    expect(issues[0].message).to.include("3600 s ahead");
    expect(lint(slightlyAhead)).to.deep.equal([]);
    expect(rules(lint(slightlyAhead, { clockSkewSeconds: 10 }))).to.deep.equal(["time-stamp-future"]);
  });

  it("finds an unknown tag and no version finding for it", () => {
    const item = structure(Tag.BatchItem, [enumeration(Tag.Operation, Operation.Query), structure(Tag.RequestPayload, [integer(0x42ff01, 1)])]);
    const extension = structure(Tag.BatchItem, [enumeration(Tag.Operation, Operation.Query), structure(Tag.RequestPayload, [integer(0x540001, 1)])]);

    const issues = lint(request([item]));
    expect(rules(issues)).to.deep.equal(["unknown-tag"]);
    expect(issues[0].path).to.equal("RequestMessage/BatchItem/RequestPayload/0x42FF01");
    expect(lint(request([extension]))).to.deep.equal([]);
  });

  it("finds header fields out of order", () => {
    const header = structure(Tag.RequestHeader, [integer(Tag.BatchCount, 1), version(1, 4)]);
    const issues = lint(structure(Tag.RequestMessage, [header, queryItem()]));

    expect(rules(issues)).to.deep.equal(["field-order"]);
    expect(issues[0].path).to.equal("RequestMessage/RequestHeader/ProtocolVersion");
    expect(issues[0].actual).to.equal("BatchCount, ProtocolVersion");
  });

  it("finds Batch Item fields out of order", () => {
    const item = structure(Tag.BatchItem, [structure(Tag.RequestPayload, []), enumeration(Tag.Operation, Operation.Query)]);
    const issues = lint(request([item]));

    expect(rules(issues)).to.deep.equal(["field-order"]);
    expect(issues[0].path).to.equal("RequestMessage/BatchItem/Operation");
  });

  it("finds payload fields out of order", () => {
    const payload = structure(Tag.RequestPayload, [enumeration(Tag.KeyFormatType, 1), text(Tag.UniqueIdentifier, "key-1")]);
    const issues = lint(request([structure(Tag.BatchItem, [enumeration(Tag.Operation, Operation.Get), payload])]));

    expect(rules(issues)).to.deep.equal(["field-order"]);
    expect(issues[0].path).to.equal("RequestMessage/BatchItem/RequestPayload/UniqueIdentifier");
    expect(issues[0].expected).to.include("Get Request Payload");
  });

  it("accepts any managed object in Register", () => {
    const payload = structure(Tag.RequestPayload, [enumeration(Tag.ObjectType, 7), structure(Tag.TemplateAttribute, []), structure(Tag.SecretData, [])]);
    const misplaced = structure(Tag.RequestPayload, [structure(Tag.SecretData, []), enumeration(Tag.ObjectType, 7)]);

    expect(lint(request([structure(Tag.BatchItem, [enumeration(Tag.Operation, Operation.Register), payload])]))).to.deep.equal([]);
    expect(rules(lint(request([structure(Tag.BatchItem, [enumeration(Tag.Operation, Operation.Register), misplaced])])))).to.deep.equal(["field-order"]);
  });

  it("finds a Batch Item before the header", () => {
    const header = structure(Tag.RequestHeader, [version(1, 4), integer(Tag.BatchCount, 1)]);
    const issues = lint(structure(Tag.RequestMessage, [queryItem(), header]));

    expect(rules(issues)).to.deep.equal(["field-order"]);
    expect(issues[0].path).to.equal("RequestMessage/RequestHeader");
  });

  it("finds a field the header table lacks", () => {
    const issues = lint(request([queryItem()], [enumeration(Tag.Operation, Operation.Query)]));

    expect(rules(issues)).to.deep.equal(["unexpected-field"]);
    expect(issues[0].path).to.equal("RequestMessage/RequestHeader/Operation");
  });

  it("finds a missing Operation and Request Payload", () => {
    const issues = lint(request([structure(Tag.BatchItem, [])]));

    expect(rules(issues)).to.deep.equal(["request-shape", "request-shape"]);
    expect(issues.map((issue) => issue.path)).to.deep.equal(["RequestMessage/BatchItem/Operation", "RequestMessage/BatchItem/RequestPayload"]);
  });

  it("finds unknown and server-only attribute names", () => {
    const issues = lint(request([createItem([attribute("Cryptographic Algorythm", enumeration(0, 3)), attribute("y-server", text(0, "v"))])]));

    expect(rules(issues)).to.deep.equal(["attribute-name", "attribute-name"]);
    expect(issues[0].actual).to.equal("Cryptographic Algorythm");
    expect(issues[0].path).to.equal("RequestMessage/BatchItem/RequestPayload/TemplateAttribute/Attribute[1]/AttributeName");
    expect(issues[1].message).to.include("'y-'");
  });

  it("finds attribute values of the wrong type", () => {
    const issues = lint(request([createItem([attribute("Cryptographic Length", text(0, "256")), attribute("Cryptographic Algorithm", enumeration(0, 0x7fff))])]));

    expect(rules(issues)).to.deep.equal(["attribute-value-type", "attribute-value-type"]);
    expect(issues[0].expected).to.equal("AttributeValue (Integer)");
    expect(issues[0].actual).to.equal("TextString");
    expect(issues[1].actual).to.equal("0x00007fff");
  });

  it("finds Attribute fields out of order", () => {
    const reversed = structure(Tag.Attribute, [integer(Tag.AttributeValue, 128), text(Tag.AttributeName, "Cryptographic Length")]);
    const issues = lint(request([createItem([reversed])]));

    expect(rules(issues)).to.deep.equal(["field-order"]);
    expect(issues[0].path).to.match(/Attribute\/AttributeName$/);
  });

  it("grades protocol versions it does not speak", () => {
    const major = lint(request([queryItem()], [], { version: version(2, 0) }));
    const minor = lint(request([queryItem()], [], { version: version(1, 5) }));

    expect(rules(major)).to.include("protocol-version");
    expect(major.find((issue) => issue.rule === "protocol-version")?.severity).to.equal("fail");
    expect(rules(minor)).to.deep.equal(["protocol-version"]);
    expect(minor[0].severity).to.equal("warn");
  });

  it("finds an attribute newer than the request version", () => {
    const issues = lint(request([createItem([attribute("Sensitive", bool(0, true))])], [], { version: version(1, 2) }));

    expect(rules(issues)).to.deep.equal(["version-gating"]);
    expect(issues[0].message).to.include("1.4");
  });

  it("reports TTLV violations with the item path", () => {
    const bytesOfMessage = encode(request([queryItem()]));
    const corrupted = Buffer.from(bytesOfMessage);
    // The Batch Count Integer is the last header item: its length field (offset +4) must be 4.
    const batchCountOffset = corrupted.indexOf(Buffer.from([0x42, 0x00, 0x0d, 0x02]));
    corrupted.writeUInt32BE(5, batchCountOffset + 4);

    const issues = lintRequest(corrupted, { now: NOW }).issues;
    expect(issues.length).to.be.greaterThan(0);
    expect(issues[0].rule).to.equal("ttlv-encoding");
    expect(issues[0].path).to.include("BatchCount");
    expect(issues[0].message).to.include("TTLV_BAD_LENGTH");
  });

  it("reports a message that is not a Request Message", () => {
    const issues = lintRequest(encode(structure(Tag.ResponseMessage, [])), { now: NOW }).issues;

    expect(rules(issues)).to.deep.equal(["request-shape"]);
  });

  it("reports bytes that are not TTLV at all", () => {
    const issues = lintRequest(Buffer.from("GET / HTTP/1.1\r\n\r\n"), { now: NOW }).issues;

    expect(issues.length).to.be.greaterThan(0);
    expect(issues.every((issue) => issue.rule === "ttlv-encoding")).to.equal(true);
  });

  it("accepts an empty Unique Batch Item ID", () => {
    const item = structure(Tag.BatchItem, [enumeration(Tag.Operation, Operation.Query), bytes(Tag.UniqueBatchItemID, Buffer.alloc(0)), structure(Tag.RequestPayload, [])]);
    expect(lint(request([item, queryItem("01")]))).to.deep.equal([]);
  });
});
