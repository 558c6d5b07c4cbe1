/** Lenient decoding: the tree as far as it can be read, with every violation listed. */
import { expect } from "chai";
import { ItemType, bool, decodeLenient, enumeration, fromHex, structure, text, type TtlvNode } from "../../src/ttlv";
import { TAGS, namer } from "./tag-names";

function lenient(hex: string): { node: TtlvNode | undefined; codes: string[]; paths: string[]; severities: string[] } {
  const result = decodeLenient(fromHex(hex), { namer });
  return {
    node: result.node,
    codes: result.violations.map((violation) => violation.code),
    paths: result.violations.map((violation) => violation.path),
    severities: result.violations.map((violation) => violation.severity),
  };
}

describe("TTLV lenient decode", () => {
  it("valid message has no violations", () => {
    const result = lenient("42007F 05 00000004 00000001 00000000");

    expect(result.node).to.deep.equal(enumeration(TAGS.ResultStatus, 1));
    expect(result.codes).to.deep.equal([]);
  });

  it("keeps value despite non-zero padding", () => {
    const result = lenient("42007D 07 00000005 68656C6C6F 000100");

    expect(result.node).to.deep.equal(text(TAGS.ResultMessage, "hello"));
    expect(result.codes).to.deep.equal(["TTLV_NONZERO_PADDING"]);
    expect(result.severities).to.deep.equal(["warn"]);
  });

  it("reads Boolean 2 as true", () => {
    const result = lenient("420020 06 00000008 00000000 00000002");

    expect(result.node).to.deep.equal(bool(0x420020, true));
    expect(result.codes).to.deep.equal(["TTLV_BAD_BOOLEAN"]);
    expect(result.severities).to.deep.equal(["fail"]);
  });

  it("replaces invalid UTF-8 with U+FFFD", () => {
    const result = lenient("42007D 07 00000002 C328 000000000000");

    expect(result.node).to.deep.equal(text(TAGS.ResultMessage, "\uFFFD("));
    expect(result.codes).to.deep.equal(["TTLV_BAD_UTF8"]);
  });

  it("skips a bad item and reads its siblings", () => {
    const result = lenient(`42007B 01 00000030
                              420020 0B 00000004 00000000 00000000
                              42007F 05 00000008 00000000 00000000
                              42007D 07 00000002 6F6B 000000000000`);

    expect(result.node).to.deep.equal(structure(TAGS.ResponseMessage, [text(TAGS.ResultMessage, "ok")]));
    expect(result.codes).to.deep.equal(["TTLV_UNKNOWN_TYPE", "TTLV_BAD_LENGTH"]);
    expect(result.paths).to.deep.equal(["ResponseMessage/0x420020", "ResponseMessage/ResultStatus"]);
  });

  it("stops a structure at its parent's end", () => {
    const result = lenient(`42007B 01 00000028
                              42000F 01 00000030
                                42007F 05 00000004 00000001 00000000
                                42007E 05 00000004 00000002 00000000`);

    const batchItem = structure(TAGS.BatchItem, [enumeration(TAGS.ResultStatus, 1), enumeration(TAGS.ResultReason, 2)]);
    expect(result.node).to.deep.equal(structure(TAGS.ResponseMessage, [batchItem]));
    expect(result.codes).to.deep.equal(["TTLV_LENGTH_PAST_PARENT"]);
  });

  it("reads a truncated message as far as it goes", () => {
    const result = lenient(`42007B 01 00000020
                              42007F 05 00000004 00000001 00000000
                              42007E 05 00000004`);

    expect(result.node).to.deep.equal(structure(TAGS.ResponseMessage, [enumeration(TAGS.ResultStatus, 1)]));
    expect(result.codes).to.deep.equal(["TTLV_TRUNCATED", "TTLV_LENGTH_PAST_PARENT"]);
    expect(result.paths).to.deep.equal(["ResponseMessage", "ResponseMessage/ResultReason"]);
  });

  it("reads an item with a bad tag", () => {
    const result = lenient("430020 02 00000004 00000007 00000000");

    expect(result.node).to.deep.equal({ tag: 0x430020, type: ItemType.Integer, value: 7 });
    expect(result.codes).to.deep.equal(["TTLV_BAD_TAG"]);
  });

  it("ignores trailing bytes after listing them", () => {
    const result = lenient("42007F 05 00000004 00000001 00000000 FFFF");

    expect(result.node).to.deep.equal(enumeration(TAGS.ResultStatus, 1));
    expect(result.codes).to.deep.equal(["TTLV_TRAILING_BYTES"]);
  });

  it("lists a header cut inside a structure", () => {
    const result = lenient("42007B 01 00000004 42000D02");

    expect(result.node).to.deep.equal(structure(TAGS.ResponseMessage, []));
    expect(result.codes).to.deep.equal(["TTLV_BAD_LENGTH", "TTLV_TRUNCATED", "TTLV_MISSING_PADDING"]);
    expect(result.paths).to.deep.equal(["ResponseMessage", "ResponseMessage", "ResponseMessage"]);
  });

  it("keeps a non-minimal Big Integer value", () => {
    const result = lenient("420020 04 00000010 0000000000000000 0000000000000005");

    expect(result.node?.value).to.equal(5n);
    expect(result.codes).to.deep.equal(["TTLV_BIG_INTEGER_PADDING"]);
  });

  it("returns no node for empty input", () => {
    const result = lenient("");

    expect(result.node).to.equal(undefined);
    expect(result.codes).to.deep.equal(["TTLV_TRUNCATED"]);
  });

  it("violation messages match strict errors", () => {
    const result = decodeLenient(fromHex("42007B 01 00000010 420020 06 00000008 00000000 00000002"), { namer });

    expect(result.violations[0].message).to.equal("0x420020 at ResponseMessage/0x420020 (offset 0x8): Boolean value must be 0 or 1, got 0x0000000000000002");
    expect(result.violations[0].offset).to.equal(8);
  });
});
