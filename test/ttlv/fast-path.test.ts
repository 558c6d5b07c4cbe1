/**
 * The fast paths of the codec (decode-fast.ts, encode-fast.ts) against the full decoder and
 * encoder they fall back to: the same tree, bytes or error for every input.
 */
import { expect } from "chai";
import fc from "fast-check";
import { ItemType, bool, bytes, integer, structure, text, type TtlvNode } from "../../src/ttlv";
import { decode, decodeLenient, decodeLenientThoroughly, decodeThoroughly, type DecodeOptions } from "../../src/ttlv/decode";
import { encode, encodeThoroughly } from "../../src/ttlv/encode";
import { namer } from "./tag-names";

const tagArbitrary = fc.oneof(
  fc.tuple(fc.constantFrom(0x42, 0x54), fc.integer({ min: 0, max: 0xffff })).map(([first, rest]) => first * 0x10000 + rest),
  fc.constantFrom(0x420020, -1, 0x1000000, 0x410001, 1.5, Number.NaN),
);

/** Values of every kind for every type, so that many nodes have no valid encoding. */
const valueArbitrary = fc.oneof(
  fc.integer(),
  fc.constantFrom(2 ** 31, 2 ** 32, -0, 0.5, Number.NaN, Number.MAX_SAFE_INTEGER),
  fc.bigInt(-(2n ** 70n), 2n ** 70n),
  fc.boolean(),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.constantFrom("\ud800", "a\udfff", "\ud83d\ude00", "é", "x\0"),
  fc.uint8Array({ maxLength: 20 }).map((value) => Buffer.from(value)),
  fc.constant(null),
);

const typeArbitrary = fc.oneof(fc.integer({ min: 2, max: 10 }), fc.constantFrom(0, 11, 1));

const anyTreeArbitrary = fc.letrec<{ node: TtlvNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small" },
    fc.tuple(tagArbitrary, typeArbitrary, valueArbitrary).map(([tag, type, value]) => ({ tag, type, value }) as unknown as TtlvNode),
    fc.tuple(tagArbitrary, fc.array(tie("node"), { maxLength: 4 })).map(([tag, children]) => ({ tag, type: ItemType.Structure, value: children }) as TtlvNode),
  ),
})).node;

/** Encodings of valid trees with bytes overwritten, cut short or extended. */
const inputArbitrary = fc
  .tuple(
    fc.letrec<{ node: TtlvNode }>((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        fc.tuple(tagArbitrary.filter((tag) => tag === 0x420020), fc.integer({ min: -5, max: 5 })).map(([tag, value]) => integer(tag, value)),
        fc.oneof(fc.string({ unit: "binary", maxLength: 12 }), fc.constantFrom("x\0", "é", "\0", ""))
          .filter((value) => !/\p{Cs}/u.test(value))
          .map((value) => text(0x420055, value)),
        fc.uint8Array({ maxLength: 12 }).map((value) => bytes(0x420042, Buffer.from(value))),
        fc.boolean().map((value) => bool(0x420008, value)),
        fc.array(tie("node"), { maxLength: 4 }).map((children) => structure(0x420078, children)),
      ),
    })).node,
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
    fc.integer({ min: -8, max: 8 }),
  )
  .map(([node, edits, resize]) => {
    const encoded = encodeThoroughly(node);
    for (const [position, byte] of edits) encoded[position % encoded.length] = byte;
    return resize < 0 ? encoded.subarray(0, Math.max(0, encoded.length + resize)) : Buffer.concat([encoded, Buffer.alloc(resize)]);
  });

function outcome(run: () => unknown): unknown {
  try {
    return { result: run() };
  } catch (error) {
    const { name, message, code, context } = error as { name: string; message: string; code?: string; context?: unknown };
    return { name, message, code, context };
  }
}

describe("TTLV codec fast paths", () => {
  it("encode matches the full encoder, bytes or error", () => {
    fc.assert(
      fc.property(anyTreeArbitrary, (node) => {
        expect(outcome(() => encode(node, { namer }))).to.deep.equal(outcome(() => encodeThoroughly(node, { namer })));
      }),
      { numRuns: 3000 },
    );
  });

  const settings: Array<[string, DecodeOptions]> = [
    ["default options", {}],
    ["non-zero padding allowed", { allowNonZeroPadding: true, namer }],
    ["a maximum depth of 2", { maxDepth: 2, namer }],
  ];
  for (const [label, options] of settings) {
    it(`strict decode matches the full decoder, tree or error, with ${label}`, () => {
      fc.assert(
        fc.property(inputArbitrary, (input) => {
          expect(outcome(() => decode(input, options))).to.deep.equal(outcome(() => decodeThoroughly(input, options)));
        }),
        { numRuns: 3000 },
      );
    });
  }

  it("lenient decode matches the full decoder, tree and violations", () => {
    fc.assert(
      fc.property(inputArbitrary, (input) => {
        expect(decodeLenient(input, { namer })).to.deep.equal(decodeLenientThoroughly(input, { namer }));
      }),
      { numRuns: 3000 },
    );
  });

  it("a Text String that is not ASCII decodes as UTF-8", () => {
    const encoded = encode(text(0x420055, "clé 🔑"));
    expect(decode(encoded)).to.deep.equal(text(0x420055, "clé 🔑"));
    expect(encoded.readUInt32BE(4)).to.equal(Buffer.byteLength("clé 🔑"));
  });
});
