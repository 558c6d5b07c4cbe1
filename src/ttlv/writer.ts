/**
 * Growable byte cursor for TTLV output. It writes big-endian fields and zero padding at its
 * offset, and patches a structure's Length once the structure's items are written.
 */
import { HEADER_SIZE } from "./types";
import { alignedLength } from "./reader";

const INITIAL_CAPACITY = 256;

/** Offset of the Length field inside an item header: after the 3-byte tag and the type byte. */
const LENGTH_FIELD_OFFSET = 4;

export class TtlvWriter {
  private buffer = Buffer.alloc(INITIAL_CAPACITY);
  private position = 0;

  get offset(): number {
    return this.position;
  }

  writeHeader(tag: number, type: number, length: number): void {
    this.reserve(HEADER_SIZE);
    this.buffer.writeUIntBE(tag, this.position, 3);
    this.buffer.writeUInt8(type, this.position + 3);
    this.buffer.writeUInt32BE(length, this.position + LENGTH_FIELD_OFFSET);
    this.position += HEADER_SIZE;
  }

  writeInt32(value: number): void {
    this.reserve(4);
    this.buffer.writeInt32BE(value, this.position);
    this.position += 4;
  }

  writeUint32(value: number): void {
    this.reserve(4);
    this.buffer.writeUInt32BE(value, this.position);
    this.position += 4;
  }

  writeInt64(value: bigint): void {
    this.reserve(8);
    this.buffer.writeBigInt64BE(value, this.position);
    this.position += 8;
  }

  writeBytes(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.position);
    this.position += bytes.length;
  }

  /** Writes zero bytes up to the next multiple of 8 from the start of the output. */
  writePadding(): void {
    const count = alignedLength(this.position) - this.position;
    this.reserve(count);
    this.buffer.fill(0, this.position, this.position + count);
    this.position += count;
  }

  /** Writes a Structure header with Length 0 and returns its offset for `endStructure`. */
  beginStructure(tag: number, type: number): number {
    const start = this.position;
    this.writeHeader(tag, type, 0);
    return start;
  }

  /** Sets the Length of the structure begun at `start` to the bytes written since its header. */
  endStructure(start: number): void {
    const length = this.position - start - HEADER_SIZE;
    this.buffer.writeUInt32BE(length, start + LENGTH_FIELD_OFFSET);
  }

  /** Returns a copy of the bytes written so far. */
  toBuffer(): Buffer {
    return Buffer.from(this.buffer.subarray(0, this.position));
  }

  private reserve(count: number): void {
    const needed = this.position + count;
    if (needed <= this.buffer.length) return;

    let capacity = this.buffer.length * 2;
    while (capacity < needed) capacity *= 2;

    const grown = Buffer.alloc(capacity);
    this.buffer.copy(grown, 0, 0, this.position);
    this.buffer = grown;
  }
}
