/** Property tests: encode/decode round trips, and the decoder's only failure is its own error. */
import { expect } from "chai";
import fc from "fast-check";
import {
  FrameAssembler,
  TtlvDecodeError,
  TtlvFramingError,
  bigInteger,
  bool,
  bytes,
  dateTime,
  decode,
  decodeLenient,
  encode,
  enumeration,
  integer,
  interval,
  longInteger,
  structure,
  text,
  type TtlvNode,
} from "../../src/ttlv";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const tagArbitrary = fc
  .tuple(fc.constantFrom(0x42, 0x54), fc.integer({ min: 0, max: 0xffff }))
  .map(([firstByte, rest]) => firstByte * 0x10000 + rest);

/** Strings with a UTF-8 form and without the null termination the decoder reports. */
const textArbitrary = fc.string({ unit: "binary", maxLength: 20 }).filter((value) => !/\p{Cs}/u.test(value) && !value.endsWith("\0"));

function leafArbitrary(): fc.Arbitrary<TtlvNode> {
  return fc.oneof(
    fc.tuple(tagArbitrary, fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })).map(([tag, value]) => integer(tag, value)),
    fc.tuple(tagArbitrary, fc.integer({ min: 0, max: 2 ** 32 - 1 })).map(([tag, value]) => enumeration(tag, value)),
    fc.tuple(tagArbitrary, fc.integer({ min: 0, max: 2 ** 32 - 1 })).map(([tag, value]) => interval(tag, value)),
    fc.tuple(tagArbitrary, fc.bigInt(INT64_MIN, INT64_MAX)).map(([tag, value]) => longInteger(tag, value)),
    fc.tuple(tagArbitrary, fc.bigInt(INT64_MIN, INT64_MAX)).map(([tag, value]) => dateTime(tag, value)),
    fc.tuple(tagArbitrary, fc.bigInt(-(2n ** 300n), 2n ** 300n)).map(([tag, value]) => bigInteger(tag, value)),
    fc.tuple(tagArbitrary, fc.boolean()).map(([tag, value]) => bool(tag, value)),
    fc.tuple(tagArbitrary, textArbitrary).map(([tag, value]) => text(tag, value)),
    fc.tuple(tagArbitrary, fc.uint8Array({ maxLength: 40 })).map(([tag, value]) => bytes(tag, Buffer.from(value))),
  );
}

const treeArbitrary = fc.letrec<{ node: TtlvNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leafArbitrary(),
    fc.tuple(tagArbitrary, fc.array(tie("node"), { maxLength: 5 })).map(([tag, children]) => structure(tag, children)),
  ),
})).node;

/** Valid encodings with a few bytes overwritten, to reach the checks past the first header. */
const mutatedArbitrary = fc
  .tuple(treeArbitrary, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }))
  .map(([node, edits]) => {
    const encoded = encode(node);
    for (const [position, byte] of edits) encoded[position % encoded.length] = byte;
    return encoded;
  });

const randomBytesArbitrary = fc.oneof(
  fc.uint8Array({ maxLength: 64 }).map((value) => Buffer.from(value)),
  fc.uint8Array({ maxLength: 64 }).map((value) => Buffer.concat([Buffer.from([0x42]), value])),
  mutatedArbitrary,
);

function decodeOutcome(input: Buffer): "node" | "error" {
  try {
    decode(input);
    return "node";
  } catch (error) {
    if (error instanceof TtlvDecodeError) return "error";
    throw error;
  }
}

describe("TTLV properties", () => {
  it("encode then decode returns the tree", () => {
    fc.assert(
      fc.property(treeArbitrary, (node) => {
        expect(decode(encode(node))).to.deep.equal(node);
      }),
      { numRuns: 500 },
    );
  });

  it("valid encodings have no lenient violations", () => {
    fc.assert(
      fc.property(treeArbitrary, (node) => {
        expect(decodeLenient(encode(node)).violations).to.deep.equal([]);
      }),
    );
  });

  it("encodings are aligned to 8 bytes", () => {
    fc.assert(
      fc.property(treeArbitrary, (node) => {
        expect(encode(node).length % 8).to.equal(0);
      }),
    );
  });

  it("decode raises only TtlvDecodeError", () => {
    fc.assert(
      fc.property(randomBytesArbitrary, (input) => {
        expect(decodeOutcome(input)).to.be.oneOf(["node", "error"]);
      }),
      { numRuns: 2000 },
    );
  });

  it("lenient decode agrees with strict", () => {
    fc.assert(
      fc.property(randomBytesArbitrary, (input) => {
        const result = decodeLenient(input);
        const strictFails = decodeOutcome(input) === "error";

        expect(result.violations.length > 0).to.equal(strictFails);
      }),
      { numRuns: 2000 },
    );
  });

  it("strict error is the first lenient violation", () => {
    fc.assert(
      fc.property(randomBytesArbitrary, (input) => {
        const { violations } = decodeLenient(input);
        try {
          decode(input);
          expect(violations).to.deep.equal([]);
        } catch (error) {
          expect((error as TtlvDecodeError).message).to.equal(violations[0].message);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("frame assembler raises only TtlvFramingError", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.uint8Array({ maxLength: 32 }), { maxLength: 8 }), (withHeaderStart, chunks) => {
        const assembler = new FrameAssembler({ maxMessageSize: 256 });
        try {
          if (withHeaderStart) assembler.push(Buffer.from([0x42, 0x00, 0x7b, 0x01]));
          for (const chunk of chunks) assembler.push(Buffer.from(chunk));
        } catch (error) {
          expect(error).to.be.instanceOf(TtlvFramingError);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
