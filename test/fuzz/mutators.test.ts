import { expect } from "chai";
import { Tag, tagName } from "../../src/kmip";
import { Prng, MutationEngine, builtinSeeds, fillPlaceholders, layoutItems, TREE_MUTATORS, type ItemSpan } from "../../src/fuzz";
import { withLength } from "../../src/fuzz/byte-layout";
import * as bytesMutators from "../../src/fuzz/byte-mutators";
import { duplicateItem, injectItem, swapEnumeration } from "../../src/fuzz/tree-mutators";
import { listNodes } from "../../src/fuzz/tree";
import { extensionTag } from "../../src/fuzz/values";
import { bigInteger, bool, bytes, dateTime, decode, decodeLenient, encode, enumeration, integer, interval, longInteger, structure, text, TtlvDecodeError, ItemType, type TtlvNode } from "../../src/ttlv";
import { parseTtlvXml } from "../../src/vectors";

/** Builds a request with one item of each type, so every byte mutator finds something to change. */
function everyTypeMessage(): TtlvNode {
  return structure(Tag.RequestMessage, [
    structure(Tag.RequestHeader, [integer(Tag.BatchCount, 1), bool(Tag.AsynchronousIndicator, true)]),
    structure(Tag.BatchItem, [
      enumeration(Tag.Operation, 1),
      structure(Tag.RequestPayload, [
        text(Tag.UniqueIdentifier, "a-text-of-23-characters"),
        bytes(Tag.NonceValue, Buffer.from("0102030405", "hex")),
        longInteger(Tag.UsageLimitsTotal, 12345n),
        bigInteger(Tag.D, 2n ** 70n),
        dateTime(Tag.ActivationDate, 1_700_000_000n),
        interval(Tag.LeaseTime, 3600),
      ]),
    ]),
  ]);
}

function decodeError(message: Buffer): TtlvDecodeError {
  try {
    decode(message, { namer: tagName });
  } catch (error) {
    if (error instanceof TtlvDecodeError) return error;
    throw error;
  }
  throw new Error(`expected a decode error for ${message.toString("hex")}`);
}

function spanIndex(spans: readonly ItemSpan[], tag: number): number {
  const index = spans.findIndex((span) => span.tag === tag);
  expect(index, `tag 0x${tag.toString(16)} in the message`).to.be.at.least(0);
  return index;
}

/** Runs a byte mutator with many generator seeds and returns each edit it made. */
function edits(mutator: bytesMutators.ByteMutator["apply"], message: Buffer, runs = 40): bytesMutators.ByteEdit[] {
  const spans = layoutItems(message);
  const results: bytesMutators.ByteEdit[] = [];
  for (let run = 0; run < runs; run += 1) {
    const edit = mutator(new Prng(`edit/${run}`), message, spans);
    if (edit !== undefined) results.push(edit);
  }
  expect(results, "edits made").to.not.be.empty;
  return results;
}

function frameMatches(message: Buffer): boolean {
  return message.length >= 8 && message.readUInt32BE(4) === message.length - 8;
}

describe("fuzz PRNG", () => {
  it("repeats the sequence for one seed", () => {
    const first = new Prng("42");
    const second = new Prng("42");
    const a = Array.from({ length: 100 }, () => first.nextUint32());
    const b = Array.from({ length: 100 }, () => second.nextUint32());
    expect(a).to.deep.equal(b);
  });

  it("differs between seeds", () => {
    expect(new Prng("1").bytes(16)).to.not.deep.equal(new Prng("2").bytes(16));
  });

  it("keeps int within bounds", () => {
    const rng = new Prng("bounds");
    const values = Array.from({ length: 2000 }, () => rng.int(3, 7));
    expect(Math.min(...values)).to.equal(3);
    expect(Math.max(...values)).to.equal(7);
  });
});

describe("fuzz mutation engine", () => {
  it("generates the same case for one seed", () => {
    const first = new MutationEngine(builtinSeeds(), "seed-a");
    const second = new MutationEngine(builtinSeeds(), "seed-a");
    for (let iteration = 0; iteration < 200; iteration += 1) {
      const a = first.generate(iteration);
      const b = second.generate(iteration);
      expect(a.bytes.equals(b.bytes), `bytes of iteration ${iteration}`).to.equal(true);
      expect(a.description).to.equal(b.description);
    }
  });

  it("generates other cases for another seed", () => {
    const first = new MutationEngine(builtinSeeds(), "seed-a");
    const second = new MutationEngine(builtinSeeds(), "seed-b");
    const differing = Array.from({ length: 50 }, (_, iteration) => !first.generate(iteration).bytes.equals(second.generate(iteration).bytes));
    expect(differing.filter(Boolean).length).to.be.above(40);
  });

  it("keeps whole framing consistent", () => {
    const engine = new MutationEngine(builtinSeeds(), "framing");
    for (let iteration = 0; iteration < 500; iteration += 1) {
      const fuzzCase = engine.generate(iteration);
      expect(fuzzCase.mutators, `mutators of iteration ${iteration}`).to.not.be.empty;
      if (fuzzCase.framing === "whole") {
        expect(frameMatches(fuzzCase.bytes), `${fuzzCase.description}`).to.equal(true);
      }
    }
  });

  it("mutates an empty top-level structure", () => {
    const engine = new MutationEngine([{ source: "empty", message: structure(Tag.RequestMessage, []) }], "empty");
    for (let iteration = 0; iteration < 300; iteration += 1) {
      const fuzzCase = engine.generate(iteration);
      expect(fuzzCase.bytes, `bytes of iteration ${iteration}`).to.be.instanceOf(Buffer);
      expect(fuzzCase.mutators, `mutators of iteration ${iteration}`).to.not.be.empty;
      expect(fuzzCase.framing).to.be.oneOf(["whole", "partial"]);
    }
  });

  it("encodes tree-only mutations as valid TTLV", () => {
    const engine = new MutationEngine(builtinSeeds(), "tree");
    const treeNames = new Set(TREE_MUTATORS.map((mutator) => mutator.name));
    let checked = 0;
    for (let iteration = 0; iteration < 400; iteration += 1) {
      const fuzzCase = engine.generate(iteration);
      if (!fuzzCase.mutators.every((name) => treeNames.has(name))) continue;

      checked += 1;
      expect(() => decode(fuzzCase.bytes), fuzzCase.description).to.not.throw();
    }
    expect(checked).to.be.above(50);
  });
});

describe("fuzz byte mutators", () => {
  const message = encode(everyTypeMessage());
  const spans = layoutItems(message);

  it("Length 0xFFFFFFFF of an Enumeration", () => {
    const error = decodeError(withLength(message, spans[spanIndex(spans, Tag.Operation)].offset, 0xffffffff));
    expect(error.code).to.equal("TTLV_BAD_LENGTH");
    expect(error.path).to.equal("RequestMessage/BatchItem/Operation");
  });

  it("Length 0xFFFFFFFF of a Text String", () => {
    const error = decodeError(withLength(message, spans[spanIndex(spans, Tag.UniqueIdentifier)].offset, 0xffffffff));
    expect(error.code).to.equal("TTLV_LENGTH_PAST_PARENT");
    expect(error.path).to.equal("RequestMessage/BatchItem/RequestPayload/UniqueIdentifier");
  });

  it("Length of a Structure too long", () => {
    const batchItem = spans[spanIndex(spans, Tag.BatchItem)];
    const error = decodeError(withLength(message, batchItem.offset, batchItem.length + 8));
    expect(error.code).to.equal("TTLV_LENGTH_PAST_PARENT");
    expect(error.path).to.equal("RequestMessage/BatchItem");
  });

  it("item-length keeps the frame whole", () => {
    for (const edit of edits(bytesMutators.changeItemLength, message)) {
      expect(edit.framing).to.equal("whole");
      expect(frameMatches(edit.bytes), edit.description).to.equal(true);
      expect(edit.description).to.match(/^Length of .* set to \d+ \(was \d+\)$/);
    }
  });

  it("frame-length breaks the frame", () => {
    for (const edit of edits(bytesMutators.changeFrameLength, message)) {
      expect(edit.framing).to.equal("partial");
      expect(frameMatches(edit.bytes), edit.description).to.equal(false);
    }
  });

  it("padding-nonzero gives TTLV_NONZERO_PADDING", () => {
    for (const edit of edits(bytesMutators.fillPadding, message)) {
      expect(decodeError(edit.bytes).code, edit.description).to.equal("TTLV_NONZERO_PADDING");
      const lenient = decodeLenient(edit.bytes).violations;
      expect(lenient.map((violation) => violation.severity), edit.description).to.deep.equal(["warn"]);
    }
  });

  it("padding-missing misaligns the message", () => {
    for (const edit of edits(bytesMutators.removePadding, message)) {
      expect(frameMatches(edit.bytes), edit.description).to.equal(true);
      const error = decodeError(edit.bytes);
      expect(error.code, edit.description).to.equal("TTLV_BAD_LENGTH");
      expect(error.path).to.equal("RequestMessage");
      const codes = decodeLenient(edit.bytes).violations.map((violation) => violation.code);
      expect(codes, edit.description).to.include("TTLV_MISSING_PADDING");
    }
  });

  it("bad-boolean gives TTLV_BAD_BOOLEAN", () => {
    for (const edit of edits(bytesMutators.breakBoolean, message)) {
      expect(decodeError(edit.bytes).code, edit.description).to.equal("TTLV_BAD_BOOLEAN");
    }
  });

  it("bad-utf8 gives TTLV_BAD_UTF8", () => {
    for (const edit of edits(bytesMutators.breakUtf8, message)) {
      expect(decodeError(edit.bytes).code, edit.description).to.equal("TTLV_BAD_UTF8");
    }
  });

  it("bad-tag gives TTLV_BAD_TAG", () => {
    for (const edit of edits(bytesMutators.breakTag, message)) {
      expect(decodeError(edit.bytes).code, edit.description).to.equal("TTLV_BAD_TAG");
    }
  });

  it("type-byte writes the type it names", () => {
    let unknownTypes = 0;
    for (const edit of edits(bytesMutators.changeTypeByte, message, 80)) {
      const match = /\(offset 0x([0-9a-f]+)\) set to 0x([0-9a-f]{2})$/.exec(edit.description);
      expect(match, edit.description).to.not.equal(null);
      const offset = parseInt(match![1], 16);
      const type = parseInt(match![2], 16);
      expect(edit.bytes[offset + 3]).to.equal(type);

      if (!(type in ItemType)) {
        unknownTypes += 1;
        expect(decodeError(edit.bytes).code, edit.description).to.equal("TTLV_UNKNOWN_TYPE");
      }
    }
    expect(unknownTypes).to.be.above(0);
  });

  it("nest-deeply passes the depth limit", () => {
    let tooDeep = 0;
    for (const edit of edits(bytesMutators.nestDeeply, message, 60)) {
      expect(frameMatches(edit.bytes), edit.description).to.equal(true);
      const depth = Number(/wrapped in (\d+) nested/.exec(edit.description)?.[1]);
      const deepest = Math.max(...layoutItems(edit.bytes).map((span) => span.depth));
      expect(deepest, edit.description).to.be.at.least(depth + 2);

      if (deepest > 64) {
        tooDeep += 1;
        expect(decodeError(edit.bytes).code, edit.description).to.equal("TTLV_TOO_DEEP");
      } else {
        expect(() => decode(edit.bytes), edit.description).to.not.throw();
      }
    }
    expect(tooDeep).to.be.above(0);
  });

  it("truncate cuts and labels the framing", () => {
    for (const edit of edits(bytesMutators.truncate, message, 60)) {
      expect(edit.bytes.length).to.be.below(message.length);
      expect(frameMatches(edit.bytes), edit.description).to.equal(edit.framing === "whole");
      if (edit.framing === "whole") {
        expect(() => decode(edit.bytes), edit.description).to.throw(TtlvDecodeError);
      }
    }
  });

  it("trailing-bytes fails strict decoding", () => {
    for (const edit of edits(bytesMutators.appendInsideStructure, message)) {
      expect(frameMatches(edit.bytes), edit.description).to.equal(true);
      expect(() => decode(edit.bytes), edit.description).to.throw(TtlvDecodeError);
    }
  });
});

describe("fuzz tree mutators", () => {
  it("enumeration-value uses the dictionary", () => {
    const named: string[] = [];
    for (let run = 0; run < 40; run += 1) {
      const root = builtinSeeds()[2].message;
      const description = swapEnumeration(new Prng(`enum/${run}`), root);
      expect(description).to.match(/ set to 0x[0-9a-f]{8}/);
      if (description?.includes("(")) named.push(description);
    }
    expect(named.some((description) => /Operation set to .*\((Create|Get|Destroy|[A-Za-z]+)\)/.test(description))).to.equal(true);
  });

  it("duplicate-item adds copies", () => {
    const root = builtinSeeds()[0].message;
    const before = listNodes(root).length;
    const description = duplicateItem(new Prng("dup"), root) ?? "";
    const copies = Number(/repeated (\d+) more/.exec(description)?.[1]);
    expect(copies).to.be.at.least(1);
    expect(listNodes(root).length).to.be.above(before);
    expect(() => decode(encode(root))).to.not.throw();
  });

  it("extension-tag inserts a 0x54 tag", () => {
    const rng = new Prng("extension");
    const root = builtinSeeds()[1].message;
    const tag = extensionTag(rng);
    injectItem(rng, root, tag, "extension");

    const found = listNodes(decode(encode(root))).filter((ref) => ref.node.tag === tag && ref.parent?.tag !== tag);
    expect(found).to.have.length(1);
    expect(tag >>> 16).to.equal(0x54);
  });
});

describe("fuzz seed placeholders", () => {
  const xml = `<RequestMessage>
    <RequestHeader><BatchCount type="Integer" value="1"/></RequestHeader>
    <BatchItem>
      <Operation type="Enumeration" value="Get"/>
      <RequestPayload>
        <UniqueIdentifier type="TextString" value="$UNIQUE_IDENTIFIER_0"/>
        <ActivationDate type="DateTime" value="$NOW-3600"/>
      </RequestPayload>
    </BatchItem>
  </RequestMessage>`;

  it("fills identifiers and the clock", () => {
    const [template] = parseTtlvXml(xml);
    const message = fillPlaceholders(template, new Prng("fill"), 1_700_000_000);
    const refs = listNodes(message);

    const identifier = refs.find((ref) => ref.node.tag === Tag.UniqueIdentifier)?.node;
    expect(identifier?.value).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const date = refs.find((ref) => ref.node.tag === Tag.ActivationDate)?.node;
    expect(date?.value).to.equal(1_700_000_000n - 3600n);
  });

  it("fills the same values for one seed", () => {
    const [template] = parseTtlvXml(xml);
    const first = encode(fillPlaceholders(template, new Prng("fill"), 1));
    const second = encode(fillPlaceholders(template, new Prng("fill"), 1));
    expect(first.equals(second)).to.equal(true);
  });
});
