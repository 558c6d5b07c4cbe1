import { expect } from "chai";
import { annotateTtlv, type DumpRow } from "../../src/report";
import { fromHex } from "../../src/ttlv";
import { malformedResponseBytes, responseBytes } from "./fixtures";

/** Writes each row as one line: offset, depth, tag, type, length, header|value|padding in hex, display and problems. */
function describeRows(rows: DumpRow[]): string[] {
  return rows.map((row) => {
    const bytes = [row.header, row.value, row.padding].map((part) => part.toString("hex")).join("|");
    return `${row.offset} ${row.depth} ${row.tagLabel} ${row.typeName} ${row.length} ${bytes} ${JSON.stringify(row.display)}${row.problems.map((problem) => ` !${problem}`).join("")}`;
  });
}

describe("annotateTtlv", () => {
  it("dumps each item with its padding", () => {
    const rows = describeRows(annotateTtlv(responseBytes("abc")));

    expect(rows).to.deep.equal([
      '0 0 ResponseMessage Structure 136 42007b0100000088|| ""',
      '8 1 ResponseHeader Structure 56 42007a0100000038|| ""',
      '16 2 ProtocolVersion Structure 32 4200690100000020|| ""',
      '24 3 ProtocolVersionMajor Integer 4 42006a0200000004|00000001|00000000 "1"',
      '40 3 ProtocolVersionMinor Integer 4 42006b0200000004|00000004|00000000 "4"',
      '56 2 BatchCount Integer 4 42000d0200000004|00000001|00000000 "1"',
      '72 1 BatchItem Structure 64 42000f0100000040|| ""',
      '80 2 Operation Enumeration 4 42005c0500000004|00000001|00000000 "Create"',
      '96 2 ResultStatus Enumeration 4 42007f0500000004|00000000|00000000 "Success"',
      '112 2 ResultMessage TextString 3 42007d0700000003|616263|0000000000 "abc"',
      '128 2 AsynchronousIndicator Boolean 8 4200070600000008|0000000000000000| "false"',
    ]);
  });

  it("flags non-zero padding and bad Booleans", () => {
    const rows = describeRows(annotateTtlv(malformedResponseBytes()));

    expect(rows[9]).to.equal('112 2 ResultMessage TextString 3 42007d0700000003|616263|7f00000000 "abc" !non-zero padding bytes');
    expect(rows[10]).to.equal('128 2 AsynchronousIndicator Boolean 8 4200070600000008|0000000000000002| "true" !Boolean value must be 0 or 1, got 0x0000000000000002');
  });

  it("follows a truncated message", () => {
    const rows = describeRows(annotateTtlv(responseBytes("abc").subarray(0, 30)));

    expect(rows).to.deep.equal([
      '0 0 ResponseMessage Structure 136 42007b0100000088|| "" !Length 136 runs past the end of the enclosing data, which has 22 bytes',
      '8 1 ResponseHeader Structure 56 42007a0100000038|| "" !Length 56 runs past the end of the enclosing data, which has 14 bytes',
      '16 2 ProtocolVersion Structure 32 4200690100000020|| "" !Length 32 runs past the end of the enclosing data, which has 6 bytes',
      '24 3 (bytes)  undefined 42006a020000|| "" !6 bytes left, too few for an item header',
    ]);
  });

  const faults: Array<[string, string, string]> = [
    ["unknown type", "42000d 0b 00000004 00000001 00000000", '0 0 BatchCount 0x0b (unknown type) 4 42000d0b00000004|00000001|00000000 "" !unknown Item Type'],
    ["wrong fixed length", "42000d 02 00000008 0000000100000000", '0 0 BatchCount Integer 8 42000d0200000008|0000000100000000| "" !Length must be 4 for Integer'],
    ["leaf past the end", "42007d 07 00000010 616263", '0 0 ResultMessage TextString 16 42007d0700000010|616263| "" !Length 16 runs past the end of the enclosing data, which has 3 bytes'],
    ["short padding", "42007d 07 00000003 616263 00", '0 0 ResultMessage TextString 3 42007d0700000003|616263|00 "abc" !padding is 1 bytes, short of 5'],
    ["unknown tag", "540001 07 00000002 6869 000000000000", '0 0 0x540001 TextString 2 5400010700000002|6869|000000000000 "hi"'],
  ];

  for (const [name, hex, expected] of faults) {
    it(`dumps ${name}`, () => {
      expect(describeRows(annotateTtlv(fromHex(hex)))).to.deep.equal([expected]);
    });
  }

  it("shows byte strings by length", () => {
    const [row] = annotateTtlv(fromHex("420043 08 00000003 010203 0000000000"));

    expect(row.display).to.equal("3 bytes");
    expect(row.value.toString("hex")).to.equal("010203");
  });

  it("names attribute values by attribute", () => {
    const attribute = fromHex(
      "420008 01 00000030 42000a 07 00000017 43727970746f6772617068696320416c676f726974686d 00 42000b 05 00000004 00000003 00000000",
    );

    expect(annotateTtlv(attribute).map((row) => row.display)).to.deep.equal(["", "Cryptographic Algorithm", "AES"]);
  });
});
