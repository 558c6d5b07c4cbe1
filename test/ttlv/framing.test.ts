/** FrameAssembler: whole messages out of any chunking, bad streams rejected from the header. */
import { expect } from "chai";
import fc from "fast-check";
import {
  DEFAULT_MAX_MESSAGE_SIZE,
  FrameAssembler,
  TtlvFramingError,
  dateTime,
  decode,
  encode,
  enumeration,
  fromHex,
  integer,
  structure,
  text,
  toHex,
} from "../../src/ttlv";
import { TAGS } from "./tag-names";

function responseMessage(batchItems: number, message: string): Buffer {
  const header = structure(TAGS.ResponseHeader, [
    structure(TAGS.ProtocolVersion, [integer(TAGS.ProtocolVersionMajor, 1), integer(TAGS.ProtocolVersionMinor, 4)]),
    dateTime(TAGS.TimeStamp, 1205495800n),
    integer(TAGS.BatchCount, batchItems),
  ]);
  const items = Array.from({ length: batchItems }, (_, index) =>
    structure(TAGS.BatchItem, [enumeration(TAGS.Operation, index + 1), enumeration(TAGS.ResultStatus, 0), text(TAGS.ResultMessage, message)]),
  );
  return encode(structure(TAGS.ResponseMessage, [header, ...items]));
}

/** Three messages of different sizes, one of them an empty structure. */
const MESSAGES = [responseMessage(1, "first"), fromHex("42007B 01 00000000"), responseMessage(3, "third message, longer")];
const STREAM = Buffer.concat(MESSAGES);

function assemble(chunks: Buffer[], options = {}): Buffer[] {
  const assembler = new FrameAssembler(options);
  const messages = chunks.flatMap((chunk) => assembler.push(chunk));
  expect(assembler.pendingBytes).to.equal(0);
  return messages;
}

function framingError(action: () => unknown): TtlvFramingError {
  try {
    action();
  } catch (error) {
    expect(error).to.be.instanceOf(TtlvFramingError);
    return error as TtlvFramingError;
  }
  throw new Error("no TtlvFramingError raised");
}

describe("TTLV FrameAssembler", () => {
  it("returns messages of one chunk", () => {
    expect(assemble([STREAM]).map(toHex)).to.deep.equal(MESSAGES.map(toHex));
  });

  it("reassembles a split at every offset", () => {
    for (let split = 0; split <= STREAM.length; split++) {
      const messages = assemble([STREAM.subarray(0, split), STREAM.subarray(split)]);

      expect(messages.map(toHex), `split at ${split}`).to.deep.equal(MESSAGES.map(toHex));
    }
  });

  it("reassembles one byte at a time", () => {
    const chunks = Array.from(STREAM, (byte) => Buffer.from([byte]));

    expect(assemble(chunks).map(toHex)).to.deep.equal(MESSAGES.map(toHex));
  });

  it("reassembles random chunkings", () => {
    const cutsArbitrary = fc.uniqueArray(fc.integer({ min: 1, max: STREAM.length - 1 }), { maxLength: 20 });

    fc.assert(
      fc.property(cutsArbitrary, (cuts) => {
        const bounds = [0, ...cuts.sort((a, b) => a - b), STREAM.length];
        const chunks = bounds.slice(1).map((end, index) => STREAM.subarray(bounds[index], end));

        expect(assemble(chunks).map(toHex)).to.deep.equal(MESSAGES.map(toHex));
      }),
    );
  });

  it("reassembled messages decode", () => {
    const nodes = assemble([STREAM]).map((message) => decode(message));

    expect(nodes.map((node) => node.tag)).to.deep.equal([TAGS.ResponseMessage, TAGS.ResponseMessage, TAGS.ResponseMessage]);
  });

  it("counts pending bytes", () => {
    const assembler = new FrameAssembler();

    expect(assembler.push(STREAM.subarray(0, 5))).to.deep.equal([]);
    expect(assembler.pendingBytes).to.equal(5);
    expect(assembler.push(STREAM.subarray(5, 20))).to.deep.equal([]);
    expect(assembler.pendingBytes).to.equal(20);
    expect(assembler.push(STREAM.subarray(20, MESSAGES[0].length + 3))).to.have.length(1);
    expect(assembler.pendingBytes).to.equal(3);
  });

  it("returned messages do not share the input", () => {
    const input = Buffer.from(MESSAGES[0]);
    const [message] = new FrameAssembler().push(input);
    input.fill(0);

    expect(toHex(message)).to.equal(toHex(MESSAGES[0]));
  });

  it("rejects oversize message from the header", () => {
    const header = fromHex("42007B 01 00100000");
    const error = framingError(() => new FrameAssembler().push(header));

    expect(error.code).to.equal("TTLV_MESSAGE_TOO_LARGE");
    expect(error.offset).to.equal(0);
    expect(error.expected).to.equal(`at most ${DEFAULT_MAX_MESSAGE_SIZE} bytes`);
    expect(error.actual).to.equal(`${DEFAULT_MAX_MESSAGE_SIZE + 8} bytes`);
    expect(error.message).to.contain("raise maxMessageSize");
  });

  it("rejects oversize message before allocating it", () => {
    const header = fromHex("42007B 01 00100000");
    const allocations: number[] = [];
    const { alloc, allocUnsafe } = Buffer;
    Buffer.alloc = ((size: number, ...rest: never[]) => (allocations.push(size), alloc.call(Buffer, size, ...rest))) as typeof Buffer.alloc;
    Buffer.allocUnsafe = ((size: number) => (allocations.push(size), allocUnsafe.call(Buffer, size))) as typeof Buffer.allocUnsafe;

    try {
      const assembler = new FrameAssembler({ maxMessageSize: 4096 });
      allocations.length = 0;
      expect(framingError(() => assembler.push(header)).code).to.equal("TTLV_MESSAGE_TOO_LARGE");
    } finally {
      Buffer.alloc = alloc;
      Buffer.allocUnsafe = allocUnsafe;
    }
    expect(allocations.filter((size) => size > 4096)).to.deep.equal([]);
  });

  it("accepts a message of exactly the maximum", () => {
    const messages = assemble([MESSAGES[0]], { maxMessageSize: MESSAGES[0].length });

    expect(messages).to.have.length(1);
  });

  it("rejects the second message when oversize", () => {
    const error = framingError(() => assemble([STREAM], { maxMessageSize: MESSAGES[0].length }));

    expect(error.code).to.equal("TTLV_MESSAGE_TOO_LARGE");
    expect(error.offset).to.equal(MESSAGES[0].length + MESSAGES[1].length);
  });

  it("rejects a bad first byte at once", () => {
    const assembler = new FrameAssembler();
    const error = framingError(() => assembler.push(Buffer.from([0x16])));

    expect(error.code).to.equal("TTLV_BAD_TAG");
    expect(error.actual).to.equal("0x16");
    expect(error.message).to.equal(
      "Message at stream offset 0x0: a message must start with a tag whose first byte is 0x42 or 0x54, got 0x16; the peer is not sending TTLV",
    );
  });

  it("rejects a non-Structure message", () => {
    const error = framingError(() => new FrameAssembler().push(fromHex("42007D 07")));

    expect(error.code).to.equal("TTLV_NOT_STRUCTURE");
    expect(error.tag).to.equal(TAGS.ResultMessage);
  });

  it("keeps failing after an error", () => {
    const assembler = new FrameAssembler();
    const first = framingError(() => assembler.push(Buffer.from([0x00])));
    const second = framingError(() => assembler.push(MESSAGES[0]));

    expect(second).to.equal(first);
  });

  it("accepts extension tags starting with 0x54", () => {
    const message = fromHex("540001 01 00000010 540002 02 00000004 00000001 00000000");

    expect(assemble([message]).map(toHex)).to.deep.equal([toHex(message)]);
  });
});
