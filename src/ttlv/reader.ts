/**
 * Byte cursor over TTLV input. It reads big-endian fields at its offset and moves past them. The
 * caller checks that the bytes are there before each read, because Buffer raises RangeError past the end.
 */
import { HEADER_SIZE } from "./types";

/** The Tag, Type and Length fields that precede every Item Value (§9.1.1). */
export interface ItemHeader {
  tag: number;
  type: number;
  length: number;
}

export class TtlvReader {
  constructor(
    readonly bytes: Buffer,
    public offset = 0,
  ) {}

  /** Reads the 3-byte tag, the type byte and the 4-byte length. */
  readHeader(): ItemHeader {
    const tag = this.bytes.readUIntBE(this.offset, 3);
    const type = this.bytes.readUInt8(this.offset + 3);
    const length = this.bytes.readUInt32BE(this.offset + 4);
    this.offset += HEADER_SIZE;
    return { tag, type, length };
  }

  readInt32(): number {
    const value = this.bytes.readInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  readUint32(): number {
    const value = this.bytes.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  readInt64(): bigint {
    const value = this.bytes.readBigInt64BE(this.offset);
    this.offset += 8;
    return value;
  }

  readUint64(): bigint {
    const value = this.bytes.readBigUInt64BE(this.offset);
    this.offset += 8;
    return value;
  }

  /** Returns a view of the next `count` bytes (no copy). */
  readBytes(count: number): Buffer {
    const view = this.bytes.subarray(this.offset, this.offset + count);
    this.offset += count;
    return view;
  }

  seek(offset: number): void {
    this.offset = offset;
  }
}

/** Reads the header at `offset` without a cursor; the caller checks that 8 bytes are there. */
export function peekHeader(bytes: Buffer, offset: number): ItemHeader {
  return new TtlvReader(bytes, offset).readHeader();
}

/** Rounds a length up to the 8-byte alignment of TTLV items (§9.1.1.3). */
export function alignedLength(length: number): number {
  return Math.ceil(length / 8) * 8;
}
