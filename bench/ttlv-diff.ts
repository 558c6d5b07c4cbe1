/** Locates the first byte where two TTLV encodings differ, by the path of the item holding it. */
import { tagLabel } from "../src/kmip";
import { HEADER_SIZE, ItemType } from "../src/ttlv/types";

export interface ByteDifference {
  offset: number;
  /** Path of the innermost item that contains the offset in `expected`, e.g. RequestMessage/BatchItem/...; */
  path: string;
  expected: string;
  actual: string;
}

/** Returns undefined when the buffers are equal. */
export function firstDifference(expected: Buffer, actual: Buffer): ByteDifference | undefined {
  if (expected.equals(actual)) return undefined;

  let offset = 0;
  while (offset < expected.length && offset < actual.length && expected[offset] === actual[offset]) offset++;

  return {
    offset,
    path: pathAt(expected, offset),
    expected: window(expected, offset),
    actual: window(actual, offset),
  };
}

function window(buffer: Buffer, offset: number): string {
  if (offset >= buffer.length) return `end of message (${buffer.length} bytes)`;
  return buffer.subarray(offset, offset + 16).toString("hex");
}

/** Walks item headers from the start and returns the path of the innermost item spanning `offset`. */
function pathAt(buffer: Buffer, offset: number): string {
  const segments: string[] = [];
  let start = 0;
  let end = buffer.length;

  while (start + HEADER_SIZE <= end) {
    const tag = buffer.readUIntBE(start, 3);
    const type = buffer[start + 3];
    const length = buffer.readUInt32BE(start + 4);
    const itemEnd = start + HEADER_SIZE + Math.ceil(length / 8) * 8;

    if (offset >= itemEnd) {
      start = itemEnd;
      continue;
    }

    segments.push(tagLabel(tag));
    if (type !== ItemType.Structure || offset < start + HEADER_SIZE) break;
    end = Math.min(itemEnd, buffer.length);
    start += HEADER_SIZE;
  }
  return segments.join("/") || "(before the first item)";
}
