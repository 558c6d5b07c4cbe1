/** The worked examples of KMIP 1.4 §9.1.2, each encoded and decoded. */
import { expect } from "chai";
import { bigInteger, bool, bytes, dateTime, decode, encode, enumeration, fromHex, integer, interval, longInteger, structure, text, toHex, type TtlvNode } from "../../src/ttlv";

const TAG = 0x420020;

/** Each example as the spec prints it, with the tree it encodes. */
const EXAMPLES: Array<{ name: string; node: TtlvNode; hex: string }> = [
  { name: "Integer 8", node: integer(TAG, 8), hex: "42 00 20 | 02 | 00 00 00 04 | 00 00 00 08 00 00 00 00" },
  {
    name: "Long Integer 123456789000000000",
    node: longInteger(TAG, 123456789000000000n),
    hex: "42 00 20 | 03 | 00 00 00 08 | 01 B6 9B 4B A5 74 92 00",
  },
  {
    name: "Big Integer 1234567890000000000000000000",
    node: bigInteger(TAG, 1234567890000000000000000000n),
    hex: "42 00 20 | 04 | 00 00 00 10 | 00 00 00 00 03 FD 35 EB 6B C2 DF 46 18 08 00 00",
  },
  { name: "Enumeration 255", node: enumeration(TAG, 255), hex: "42 00 20 | 05 | 00 00 00 04 | 00 00 00 FF 00 00 00 00" },
  { name: "Boolean True", node: bool(TAG, true), hex: "42 00 20 | 06 | 00 00 00 08 | 00 00 00 00 00 00 00 01" },
  {
    name: 'Text String "Hello World"',
    node: text(TAG, "Hello World"),
    hex: "42 00 20 | 07 | 00 00 00 0B | 48 65 6C 6C 6F 20 57 6F 72 6C 64 00 00 00 00 00",
  },
  {
    name: "Byte String 01 02 03",
    node: bytes(TAG, Buffer.from([1, 2, 3])),
    hex: "42 00 20 | 08 | 00 00 00 03 | 01 02 03 00 00 00 00 00",
  },
  {
    // Friday, March 14, 2008, 11:56:40 GMT; the spec prints the 8 value bytes.
    name: "Date-Time 2008-03-14T11:56:40Z",
    node: dateTime(TAG, BigInt(Date.UTC(2008, 2, 14, 11, 56, 40) / 1000)),
    hex: "42 00 20 | 09 | 00 00 00 08 | 00 00 00 00 47 DA 67 F8",
  },
  { name: "Interval 10 days", node: interval(TAG, 10 * 24 * 3600), hex: "42 00 20 | 0A | 00 00 00 04 | 00 0D 2F 00 00 00 00 00" },
  {
    name: "Structure of Enumeration 254 and Integer 255",
    node: structure(TAG, [enumeration(0x420004, 254), integer(0x420005, 255)]),
    hex: `42 00 20 | 01 | 00 00 00 20 | 42 00 04 | 05 | 00 00 00 04 | 00 00 00 FE 00 00 00
          00 | 42 00 05 | 02 | 00 00 00 04 | 00 00 00 FF 00 00 00 00`,
  },
];

describe("TTLV §9.1.2 examples", () => {
  for (const example of EXAMPLES) {
    it(`encodes ${example.name}`, () => {
      expect(toHex(encode(example.node))).to.equal(toHex(fromHex(example.hex)));
    });

    it(`decodes ${example.name}`, () => {
      expect(decode(fromHex(example.hex))).to.deep.equal(example.node);
    });
  }
});
