/** Encoding: value ranges, Big Integer sign extension, structure lengths and encode errors. */
import { expect } from "chai";
import {
  ItemType,
  TtlvEncodeError,
  bigInteger,
  bool,
  bytes,
  dateTime,
  decode,
  encode,
  encodeBigInteger,
  enumeration,
  fromHex,
  integer,
  interval,
  longInteger,
  structure,
  text,
  toHex,
  type TtlvNode,
} from "../../src/ttlv";
import { TAGS, namer } from "./tag-names";

const TAG = 0x420020;

/** §9.1.1.4: two's complement, padded with the minimal number of sign bytes to a multiple of 8. */
const BIG_INTEGERS: Array<[bigint, string]> = [
  [0n, "0000000000000000"],
  [1n, "0000000000000001"],
  [-1n, "ffffffffffffffff"],
  [128n, "0000000000000080"],
  [-128n, "ffffffffffffff80"],
  [-129n, "ffffffffffffff7f"],
  [2n ** 63n - 1n, "7fffffffffffffff"],
  [2n ** 63n, "00000000000000008000000000000000"],
  [-(2n ** 63n), "8000000000000000"],
  [-(2n ** 63n) - 1n, "ffffffffffffffff7fffffffffffffff"],
  [-1234567890000000000000000000n, "fffffffffc02ca14943d20b9e7f80000"],
];

/** Values at the edges of each fixed-size type, with their value bytes. */
const EDGE_VALUES: Array<{ name: string; node: TtlvNode; value: string }> = [
  { name: "Integer minimum", node: integer(TAG, -(2 ** 31)), value: "80000000" },
  { name: "Integer maximum", node: integer(TAG, 2 ** 31 - 1), value: "7fffffff" },
  { name: "Integer -1", node: integer(TAG, -1), value: "ffffffff" },
  { name: "Enumeration maximum", node: enumeration(TAG, 2 ** 32 - 1), value: "ffffffff" },
  { name: "Enumeration extension", node: enumeration(TAG, 0x80000001), value: "80000001" },
  { name: "Interval maximum", node: interval(TAG, 2 ** 32 - 1), value: "ffffffff" },
  { name: "Long Integer minimum", node: longInteger(TAG, -(2n ** 63n)), value: "8000000000000000" },
  { name: "Long Integer maximum", node: longInteger(TAG, 2n ** 63n - 1n), value: "7fffffffffffffff" },
  { name: "Date-Time before 1970", node: dateTime(TAG, -1n), value: "ffffffffffffffff" },
  { name: "Boolean False", node: bool(TAG, false), value: "0000000000000000" },
  { name: "empty Text String", node: text(TAG, ""), value: "" },
  { name: "empty Byte String", node: bytes(TAG, Buffer.alloc(0)), value: "" },
  { name: "8-byte Byte String", node: bytes(TAG, Buffer.from("0102030405060708", "hex")), value: "0102030405060708" },
  { name: "multi-byte UTF-8", node: text(TAG, "é€😀"), value: "c3a9e282acf09f9880" },
];

function encodeError(node: unknown): TtlvEncodeError {
  try {
    encode(node as TtlvNode, { namer });
  } catch (error) {
    expect(error).to.be.instanceOf(TtlvEncodeError);
    return error as TtlvEncodeError;
  }
  throw new Error("encode accepted an invalid tree");
}

describe("TTLV encode", () => {
  for (const [value, hex] of BIG_INTEGERS) {
    it(`Big Integer ${value}`, () => {
      expect(toHex(encodeBigInteger(value))).to.equal(hex);
      expect(decode(encode(bigInteger(TAG, value))).value).to.equal(value);
    });
  }

  for (const edge of EDGE_VALUES) {
    it(`encodes ${edge.name}`, () => {
      const encoded = encode(edge.node);
      const length = encoded.readUInt32BE(4);

      expect(toHex(encoded.subarray(8, 8 + length))).to.equal(edge.value);
      expect(encoded.length % 8).to.equal(0);
      expect(toHex(encoded.subarray(8 + length))).to.match(/^(00)*$/);
      expect(decode(encoded)).to.deep.equal(edge.node);
    });
  }

  it("sets nested structure lengths", () => {
    const node = structure(TAGS.RequestMessage, [
      structure(TAGS.BatchItem, [enumeration(TAGS.Operation, 10), structure(TAG, [])]),
      text(TAGS.UniqueIdentifier, "1"),
    ]);
    const expected = `420078 01 00000030
                        42000F 01 00000018
                          42005C 05 00000004 0000000A 00000000
                          420020 01 00000000
                        420094 07 00000001 31 00000000000000`;

    expect(toHex(encode(node))).to.equal(toHex(fromHex(expected)));
  });

  it("rejects Integer out of range", () => {
    const error = encodeError(structure(TAGS.ResponseHeader, [integer(TAGS.BatchCount, 2 ** 31)]));

    expect(error.code).to.equal("TTLV_ENCODE_BAD_VALUE");
    expect(error.path).to.equal("ResponseHeader/BatchCount");
    expect(error.actual).to.equal("2147483648");
    expect(error.offset).to.equal(8);
    expect(error.message).to.equal(
      "BatchCount at ResponseHeader/BatchCount: Integer value 2147483648 is invalid: expected an integer from -2147483648 to 2147483647",
    );
  });

  it("rejects negative Enumeration", () => {
    expect(encodeError(enumeration(TAGS.ResultStatus, -1)).code).to.equal("TTLV_ENCODE_BAD_VALUE");
  });

  it("rejects fractional Interval", () => {
    expect(encodeError(interval(TAG, 1.5)).actual).to.equal("1.5");
  });

  it("rejects Long Integer past 64 bits", () => {
    expect(encodeError(longInteger(TAG, 2n ** 63n)).actual).to.equal("9223372036854775808n");
  });

  it("rejects Date-Time as number", () => {
    expect(encodeError({ tag: TAG, type: ItemType.DateTime, value: 5 }).expected).to.equal("a bigint");
  });

  it("rejects Boolean as number", () => {
    expect(encodeError({ tag: TAG, type: ItemType.Boolean, value: 1 }).code).to.equal("TTLV_ENCODE_BAD_VALUE");
  });

  it("rejects lone surrogate in text", () => {
    expect(encodeError(text(TAG, "a\uD800b")).expected).to.equal("a well-formed Unicode string");
  });

  it("rejects Byte String as string", () => {
    expect(encodeError({ tag: TAG, type: ItemType.ByteString, value: "0102" }).actual).to.equal('"0102"');
  });

  it("rejects Structure value not an array", () => {
    expect(encodeError({ tag: TAG, type: ItemType.Structure, value: 3 }).code).to.equal("TTLV_ENCODE_BAD_VALUE");
  });

  it("rejects tag not starting 0x42 or 0x54", () => {
    const error = encodeError(structure(TAGS.RequestMessage, [integer(0x430001, 1)]));

    expect(error.code).to.equal("TTLV_ENCODE_BAD_TAG");
    expect(error.actual).to.equal("0x430001");
    expect(error.path).to.equal("RequestMessage/0x430001");
  });

  it("rejects tag over 3 bytes", () => {
    expect(encodeError(integer(0x42000001, 1)).code).to.equal("TTLV_ENCODE_BAD_TAG");
  });

  it("rejects unknown item type", () => {
    expect(encodeError({ tag: TAG, type: 11, value: 0 }).code).to.equal("TTLV_ENCODE_UNKNOWN_TYPE");
  });

  it("accepts extension tags starting with 0x54", () => {
    expect(toHex(encode(integer(0x540001, 1)))).to.equal("5400010200000004" + "0000000100000000");
  });

  it("numbers repeated siblings in error paths", () => {
    const item = (status: number): TtlvNode => structure(TAGS.BatchItem, [enumeration(TAGS.ResultStatus, status)]);
    const error = encodeError(structure(TAGS.ResponseMessage, [item(0), item(-5)]));

    expect(error.path).to.equal("ResponseMessage/BatchItem[2]/ResultStatus");
    expect(error.offset).to.equal(0x28);
  });
});
