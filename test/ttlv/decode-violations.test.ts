/** Strict decoding: each violation of §9.1 raises TtlvDecodeError with its code, path and offset. */
import { expect } from "chai";
import { KmipcheckError } from "../../src/errors";
import { TtlvDecodeError, decode, fromHex, type DecodeOptions } from "../../src/ttlv";
import { namer } from "./tag-names";

interface ViolationCase {
  name: string;
  hex: string;
  code: string;
  path: string;
  offset: number;
  expected?: string;
  actual?: string;
  options?: DecodeOptions;
}

/** Hex lines are items: tag | type | length | value and padding. Paths use the test namer. */
const CASES: ViolationCase[] = [
  {
    name: "Enumeration of length 8",
    hex: `42007B 01 00000030
            42000F 01 00000010
              42007F 05 00000008 00000000 00000000
            42000F 01 00000010
              42007F 05 00000004 00000000 00000000`,
    code: "TTLV_BAD_LENGTH",
    path: "ResponseMessage/BatchItem[1]/ResultStatus",
    offset: 0x10,
    expected: "4",
    actual: "8",
  },
  {
    name: "Enumeration of length 8 in second Batch Item",
    hex: `42007B 01 00000030
            42000F 01 00000010
              42007F 05 00000004 00000000 00000000
            42000F 01 00000010
              42007F 05 00000008 00000000 00000000`,
    code: "TTLV_BAD_LENGTH",
    path: "ResponseMessage/BatchItem[2]/ResultStatus",
    offset: 0x28,
  },
  { name: "Integer of length 8", hex: "42000D 02 00000008 00000000 00000001", code: "TTLV_BAD_LENGTH", path: "BatchCount", offset: 0, expected: "4", actual: "8" },
  { name: "Long Integer of length 4", hex: "420020 03 00000004 00000001 00000000", code: "TTLV_BAD_LENGTH", path: "0x420020", offset: 0, expected: "8", actual: "4" },
  { name: "Boolean of length 4", hex: "420020 06 00000004 00000001 00000000", code: "TTLV_BAD_LENGTH", path: "0x420020", offset: 0, expected: "8" },
  { name: "Date-Time of length 4", hex: "420092 09 00000004 47DA67F8 00000000", code: "TTLV_BAD_LENGTH", path: "TimeStamp", offset: 0, expected: "8" },
  { name: "Interval of length 8", hex: "420020 0A 00000008 00000000 000D2F00", code: "TTLV_BAD_LENGTH", path: "0x420020", offset: 0, expected: "4" },
  {
    name: "Structure length not a multiple of 8",
    hex: "42007B 01 0000000C 42000D 02 00000004 00000001",
    code: "TTLV_BAD_LENGTH",
    path: "ResponseMessage",
    offset: 0,
    expected: "a multiple of 8",
    actual: "12",
  },
  {
    name: "non-zero Integer padding",
    hex: `42007B 01 00000018
            42000F 01 00000010
              42007F 05 00000004 00000001 000000FF`,
    code: "TTLV_NONZERO_PADDING",
    path: "ResponseMessage/BatchItem/ResultStatus",
    offset: 0x10,
    expected: "0x00000000",
    actual: "0x000000ff",
  },
  {
    name: "non-zero Text String padding",
    hex: "42007D 07 00000005 68656C6C6F 000100",
    code: "TTLV_NONZERO_PADDING",
    path: "ResultMessage",
    offset: 0,
    actual: "0x000100",
  },
  {
    name: "Boolean value 2",
    hex: "42007B 01 00000010 420020 06 00000008 00000000 00000002",
    code: "TTLV_BAD_BOOLEAN",
    path: "ResponseMessage/0x420020",
    offset: 8,
    actual: "0x0000000000000002",
  },
  {
    name: "Boolean with high byte set",
    hex: "420020 06 00000008 01000000 00000000",
    code: "TTLV_BAD_BOOLEAN",
    path: "0x420020",
    offset: 0,
  },
  {
    name: "Text String of invalid UTF-8",
    hex: "42007B 01 00000010 42007D 07 00000002 C328 000000000000",
    code: "TTLV_BAD_UTF8",
    path: "ResponseMessage/ResultMessage",
    offset: 8,
    actual: "0xc328",
  },
  {
    name: "Text String of a UTF-8 surrogate",
    hex: "42007D 07 00000003 EDA080 0000000000",
    code: "TTLV_BAD_UTF8",
    path: "ResultMessage",
    offset: 0,
  },
  {
    name: "null-terminated Text String",
    hex: "42007D 07 00000003 616200 0000000000",
    code: "TTLV_NUL_TERMINATED_TEXT",
    path: "ResultMessage",
    offset: 0,
  },
  {
    name: "Structure Length past its parent",
    hex: `42007B 01 00000018
            42000F 01 00000018
              42007F 05 00000004 00000001 00000000`,
    code: "TTLV_LENGTH_PAST_PARENT",
    path: "ResponseMessage/BatchItem",
    offset: 8,
    expected: "at most 16",
    actual: "24",
  },
  {
    name: "Text String Length past its parent",
    hex: "42007B 01 00000010 42007D 07 00000020 6162636465666768",
    code: "TTLV_LENGTH_PAST_PARENT",
    path: "ResponseMessage/ResultMessage",
    offset: 8,
    actual: "32",
  },
  {
    name: "unpadded Text String at the end",
    hex: "42007D 07 00000005 6162636465",
    code: "TTLV_MISSING_PADDING",
    path: "ResultMessage",
    offset: 0,
    expected: "3 padding bytes",
    actual: "0 bytes",
  },
  {
    name: "unknown item type 0x0B",
    hex: "42007B 01 00000010 420020 0B 00000004 00000000 00000000",
    code: "TTLV_UNKNOWN_TYPE",
    path: "ResponseMessage/0x420020",
    offset: 8,
    actual: "0x0b",
  },
  {
    name: "unknown item type 0x00",
    hex: "420020 00 00000000",
    code: "TTLV_UNKNOWN_TYPE",
    path: "0x420020",
    offset: 0,
    actual: "0x00",
  },
  {
    name: "tag starting with 0x43",
    hex: "42007B 01 00000010 430020 02 00000004 00000001 00000000",
    code: "TTLV_BAD_TAG",
    path: "ResponseMessage/0x430020",
    offset: 8,
    expected: "0x42 or 0x54",
    actual: "0x43",
  },
  { name: "top-level tag starting with 0x00", hex: "000020 02 00000004 00000001 00000000", code: "TTLV_BAD_TAG", path: "0x000020", offset: 0, actual: "0x00" },
  {
    name: "trailing bytes after the message",
    hex: "42007F 05 00000004 00000001 00000000 42007F 05 00000004",
    code: "TTLV_TRAILING_BYTES",
    path: "ResultStatus",
    offset: 0x10,
    actual: "8 more bytes",
  },
  {
    name: "Big Integer of length 5",
    hex: "420020 04 00000005 0102030405 000000",
    code: "TTLV_BIG_INTEGER_LENGTH",
    path: "0x420020",
    offset: 0,
    actual: "5",
  },
  { name: "Big Integer of length 0", hex: "420020 04 00000000", code: "TTLV_BIG_INTEGER_LENGTH", path: "0x420020", offset: 0, actual: "0" },
  {
    name: "Big Integer with 8 excess zero bytes",
    hex: "420020 04 00000010 0000000000000000 0000000000000001",
    code: "TTLV_BIG_INTEGER_PADDING",
    path: "0x420020",
    offset: 0,
    expected: "at most 8 bytes",
    actual: "16",
  },
  {
    name: "Big Integer with 8 excess 0xFF bytes",
    hex: "420020 04 00000010 FFFFFFFFFFFFFFFF FFFFFFFFFFFFFFFF",
    code: "TTLV_BIG_INTEGER_PADDING",
    path: "0x420020",
    offset: 0,
  },
  { name: "empty input", hex: "", code: "TTLV_TRUNCATED", path: "", offset: 0, expected: "8 bytes", actual: "0 bytes" },
  { name: "partial header", hex: "42007B 01 00", code: "TTLV_TRUNCATED", path: "", offset: 0, actual: "5 bytes" },
  {
    name: "message shorter than its Length",
    hex: "42007B 01 00000018 42007F 05 00000004 00000001 00000000",
    code: "TTLV_TRUNCATED",
    path: "ResponseMessage",
    offset: 0,
    expected: "32 bytes",
    actual: "24 bytes",
  },
  {
    name: "structures nested past maxDepth",
    hex: "42007B 01 00000010 42000F 01 00000008 420020 01 00000000",
    code: "TTLV_TOO_DEEP",
    path: "ResponseMessage/BatchItem/0x420020",
    offset: 0x10,
    expected: "at most 2",
    actual: "3",
    options: { maxDepth: 2 },
  },
];

function decodeError(hex: string, options: DecodeOptions = {}): TtlvDecodeError {
  try {
    decode(fromHex(hex), { namer, ...options });
  } catch (error) {
    expect(error).to.be.instanceOf(TtlvDecodeError);
    return error as TtlvDecodeError;
  }
  throw new Error(`decode accepted ${hex}`);
}

describe("TTLV strict decode violations", () => {
  for (const testCase of CASES) {
    it(`rejects ${testCase.name}`, () => {
      const error = decodeError(testCase.hex, testCase.options);

      expect(error.code).to.equal(testCase.code);
      expect(error.path).to.equal(testCase.path);
      expect(error.offset).to.equal(testCase.offset);
      if (testCase.expected !== undefined) expect(error.expected).to.equal(testCase.expected);
      if (testCase.actual !== undefined) expect(error.actual).to.equal(testCase.actual);
      expect(error.context).to.include({ path: testCase.path, offset: testCase.offset });
    });
  }

  it("message names tag, path, offset and lengths", () => {
    const error = decodeError(CASES[0].hex);

    expect(error.message).to.equal("ResultStatus at ResponseMessage/BatchItem[1]/ResultStatus (offset 0x10): Enumeration length must be 4, got 8");
  });

  it("error is a KmipcheckError with context", () => {
    const error = decodeError(CASES[0].hex);

    expect(error).to.be.instanceOf(KmipcheckError);
    expect(error.tag).to.equal(0x42007f);
    expect(error.tagLabel).to.equal("ResultStatus");
    expect(error.context).to.deep.equal({
      tag: 0x42007f,
      tagLabel: "ResultStatus",
      path: "ResponseMessage/BatchItem[1]/ResultStatus",
      offset: 0x10,
      expected: "4",
      actual: "8",
    });
  });

  it("labels unknown tags in hex without a namer", () => {
    try {
      decode(fromHex(CASES[0].hex));
      expect.fail("decode accepted a bad Enumeration length");
    } catch (error) {
      expect((error as TtlvDecodeError).path).to.equal("0x42007B/0x42000F[1]/0x42007F");
    }
  });

  it("allowNonZeroPadding accepts non-zero padding", () => {
    const node = decode(fromHex("42007D 07 00000005 68656C6C6F 000100"), { allowNonZeroPadding: true });

    expect(node.value).to.equal("hello");
  });

  it("allowNonZeroPadding still rejects other faults", () => {
    const error = decodeError("420020 06 00000008 00000000 00000002", { allowNonZeroPadding: true });

    expect(error.code).to.equal("TTLV_BAD_BOOLEAN");
  });

  it("accepts minimal 16-byte Big Integers", () => {
    const positive = decode(fromHex("420020 04 00000010 0000000000000000 8000000000000000"));
    const negative = decode(fromHex("420020 04 00000010 FFFFFFFFFFFFFFFF 7FFFFFFFFFFFFFFF"));

    expect(positive.value).to.equal(2n ** 63n);
    expect(negative.value).to.equal(-(2n ** 63n) - 1n);
  });

  it("accepts nesting at maxDepth", () => {
    const node = decode(fromHex("42007B 01 00000010 42000F 01 00000008 420020 01 00000000"), { maxDepth: 3 });

    expect(node.type).to.equal(1);
  });

  it("default depth limit is 64", () => {
    const nested = (depth: number): string => "420020 01 " + (depth * 8 - 8).toString(16).padStart(8, "0") + " ";
    const hexAt = (depth: number): string => Array.from({ length: depth }, (_, index) => nested(depth - index)).join("");

    expect(() => decode(fromHex(hexAt(64)))).not.to.throw();
    expect(decodeError(hexAt(65)).code).to.equal("TTLV_TOO_DEEP");
  });
});
