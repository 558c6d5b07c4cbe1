/**
 * Splits a byte stream into whole TTLV messages: the 8-byte header, then exactly Length more
 * bytes, however the stream is chunked. A KMIP message is one top-level Structure, whose Length
 * counts its items and their padding (§9.1.1.3).
 */
import { HEADER_SIZE, ItemType } from "./types";
import { TtlvFramingError, checkWholeNumberOption, formatOffset, type TtlvFramingCode } from "./errors";
import { formatTag } from "./path";

/**
 * Maximum size of one message, header included, when the caller sets none: 1 MiB. It bounds the
 * memory one peer can make the assembler reserve.
 */
export const DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;

export interface FrameAssemblerOptions {
  /** Largest message accepted, in bytes, header included (default DEFAULT_MAX_MESSAGE_SIZE). */
  maxMessageSize?: number;
}

export class FrameAssembler {
  private readonly maxMessageSize: number;
  private readonly header = Buffer.alloc(HEADER_SIZE);
  private headerFilled = 0;
  private message: Buffer | undefined;
  private messageFilled = 0;
  /** Stream offset of the message being assembled, for error messages. */
  private messageOffset = 0;
  private failure: TtlvFramingError | undefined;

  constructor(options: FrameAssemblerOptions = {}) {
    this.maxMessageSize = options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE;
    checkWholeNumberOption("maxMessageSize", this.maxMessageSize, HEADER_SIZE);
  }

  /** Bytes received that belong to a message not yet complete. */
  get pendingBytes(): number {
    return this.message === undefined ? this.headerFilled : this.messageFilled;
  }

  /**
   * Adds received bytes and returns the messages they complete, in order. Throws TtlvFramingError
   * for a stream that is not TTLV or a message over the maximum size. The stream cannot be
   * resynchronised after that, so later calls throw the same error.
   */
  push(chunk: Buffer): Buffer[] {
    if (this.failure !== undefined) throw this.failure;

    const messages: Buffer[] = [];
    let position = 0;

    while (position < chunk.length) {
      position = this.message === undefined ? this.fillHeader(chunk, position) : this.fillMessage(chunk, position);

      if (this.message !== undefined && this.messageFilled === this.message.length) {
        messages.push(this.completeMessage());
      }
    }
    return messages;
  }

  private fillHeader(chunk: Buffer, position: number): number {
    const count = Math.min(HEADER_SIZE - this.headerFilled, chunk.length - position);
    chunk.copy(this.header, this.headerFilled, position, position + count);
    this.headerFilled += count;

    this.checkHeaderSoFar();
    if (this.headerFilled === HEADER_SIZE) this.startMessage();
    return position + count;
  }

  /** Checks each header field as soon as its bytes are in, so a non-TTLV peer fails at once. */
  private checkHeaderSoFar(): void {
    const firstByte = this.header[0];
    if (this.headerFilled >= 1 && firstByte !== 0x42 && firstByte !== 0x54) {
      // §9.1.1.1: every tag has 0x42 or 0x54 as its first byte.
      const actual = `0x${firstByte.toString(16).padStart(2, "0")}`;
      const detail = `a message must start with a tag whose first byte is 0x42 or 0x54, got ${actual}; the peer is not sending TTLV`;
      this.fail("TTLV_BAD_TAG", undefined, detail, "0x42 or 0x54", actual);
    }

    const type = this.header[3];
    if (this.headerFilled >= 4 && type !== ItemType.Structure) {
      const actual = `0x${type.toString(16).padStart(2, "0")}`;
      const detail = `a message must be a Structure (item type 0x01), got item type ${actual}`;
      this.fail("TTLV_NOT_STRUCTURE", this.header.readUIntBE(0, 3), detail, "0x01", actual);
    }
  }

  /** Checks the size from the header alone, then allocates the whole message. */
  private startMessage(): void {
    const tag = this.header.readUIntBE(0, 3);
    const size = HEADER_SIZE + this.header.readUInt32BE(4);

    if (size > this.maxMessageSize) {
      const detail = `the message has ${size} bytes with its header, more than the maximum of ${this.maxMessageSize}; raise maxMessageSize to accept it`;
      this.fail("TTLV_MESSAGE_TOO_LARGE", tag, detail, `at most ${this.maxMessageSize} bytes`, `${size} bytes`);
    }

    // Not zero-filled: the header and then the stream's bytes overwrite every byte before push returns the message.
    this.message = Buffer.allocUnsafe(size);
    this.header.copy(this.message, 0);
    this.messageFilled = HEADER_SIZE;
    this.headerFilled = 0;
  }

  private fillMessage(chunk: Buffer, position: number): number {
    const message = this.message as Buffer;
    const count = Math.min(message.length - this.messageFilled, chunk.length - position);
    chunk.copy(message, this.messageFilled, position, position + count);
    this.messageFilled += count;
    return position + count;
  }

  private completeMessage(): Buffer {
    const message = this.message as Buffer;
    this.messageOffset += message.length;
    this.message = undefined;
    this.messageFilled = 0;
    return message;
  }

  private fail(code: TtlvFramingCode, tag: number | undefined, detail: string, expected: string, actual: string): never {
    const tagLabel = tag === undefined ? "" : formatTag(tag);
    const subject = tag === undefined ? "Message" : `Message ${tagLabel}`;
    const message = `${subject} at stream offset ${formatOffset(this.messageOffset)}: ${detail}`;
    this.failure = new TtlvFramingError(code, message, { tag, tagLabel, path: tagLabel, offset: this.messageOffset, expected, actual });
    throw this.failure;
  }
}
