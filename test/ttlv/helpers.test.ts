/** Hex text, tree builders, child lookups and path segments. */
import { expect } from "chai";
import { KmipcheckError } from "../../src/errors";
import { FrameAssembler, ItemType, child, childSegments, children, dateTime, decode, enumeration, fromHex, integer, structure, tagLabel, text, toHex } from "../../src/ttlv";
import { TAGS, namer } from "./tag-names";

describe("TTLV hex", () => {
  it("fromHex ignores spaces, bars and newlines", () => {
    expect(toHex(fromHex("42 00 20 | 02 |\n 00 00\t00 04"))).to.equal("4200200200000004");
  });

  it("fromHex accepts 0x prefix and uppercase", () => {
    expect(toHex(fromHex("0xABcd"))).to.equal("abcd");
  });

  it("fromHex rejects a non-hex character", () => {
    expect(() => fromHex("42 0g")).to.throw(KmipcheckError, 'character "g" is not a hex digit');
  });

  it("fromHex rejects an odd digit count", () => {
    expect(() => fromHex("420")).to.throw(KmipcheckError, "odd number");
  });

  it("toHex reads a view at its offset", () => {
    const view = Buffer.from("00112233", "hex").subarray(1, 3);

    expect(toHex(view)).to.equal("1122");
  });
});

describe("TTLV builders and access", () => {
  const batchItem = structure(TAGS.BatchItem, [enumeration(TAGS.Operation, 1), text(TAGS.UniqueIdentifier, "a"), text(TAGS.UniqueIdentifier, "b")]);

  it("child returns the first match", () => {
    expect(child(batchItem, TAGS.UniqueIdentifier)?.value).to.equal("a");
  });

  it("child returns undefined when absent", () => {
    expect(child(batchItem, TAGS.BatchCount)).to.equal(undefined);
    expect(child(integer(TAGS.BatchCount, 1), TAGS.BatchCount)).to.equal(undefined);
  });

  it("children returns every match in order", () => {
    expect(children(batchItem, TAGS.UniqueIdentifier).map((node) => node.value)).to.deep.equal(["a", "b"]);
    expect(children(integer(TAGS.BatchCount, 1), TAGS.BatchCount)).to.deep.equal([]);
  });

  it("dateTime takes a Date", () => {
    expect(dateTime(TAGS.TimeStamp, new Date("2008-03-14T11:56:40.900Z"))).to.deep.equal({
      tag: TAGS.TimeStamp,
      type: ItemType.DateTime,
      value: 1205495800n,
    });
  });
});

describe("TTLV paths", () => {
  it("tagLabel falls back to hex", () => {
    expect(tagLabel(TAGS.BatchItem, namer)).to.equal("BatchItem");
    expect(tagLabel(0x540abc, namer)).to.equal("0x540ABC");
    expect(tagLabel(0x420020)).to.equal("0x420020");
  });

  it("indexes only repeated tags", () => {
    const items = [{ tag: TAGS.BatchItem }, { tag: TAGS.Operation }, { tag: TAGS.BatchItem }];

    expect(childSegments(items, namer)).to.deep.equal(["BatchItem[1]", "Operation", "BatchItem[2]"]);
  });
});

describe("TTLV options", () => {
  it("rejects maxMessageSize below 8", () => {
    expect(() => new FrameAssembler({ maxMessageSize: 4 })).to.throw(KmipcheckError, "Invalid option maxMessageSize: 4");
  });

  it("rejects maxDepth of 0", () => {
    expect(() => decode(fromHex("42007B 01 00000000"), { maxDepth: 0 })).to.throw(KmipcheckError, "Invalid option maxDepth: 0");
  });
});
