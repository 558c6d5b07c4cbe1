/**
 * An annotated hex dump of one TTLV message: one row per item with its offset, tag, type, length,
 * value bytes and padding bytes. It reads the bytes with the codec's reader and goes on past faults
 * (a Length past the end, an unknown type, short padding), because the report must show what a
 * broken server sent.
 */
import { Tag, tagName } from "../kmip";
import { formatValue } from "../match";
import { alignedLength, FIXED_LENGTHS, formatTag, HEADER_SIZE, ItemType, TtlvReader, type ItemHeader, type TtlvNode } from "../ttlv";
import { decodeLeafValue, type LeafType } from "../ttlv/decode-values";

/** Structures nested deeper than this are dumped as raw bytes, as the strict decoder rejects them. */
const MAX_DUMP_DEPTH = 64;

export interface DumpRow {
  /** Byte offset of the item's header in the message. */
  offset: number;
  /** 0 for the top-level item. */
  depth: number;
  /** Tag name, or the tag in hex when unknown; "(bytes)" for bytes that do not form an item header. */
  tagLabel: string;
  /** Item Type name, or the type byte in hex when unknown. */
  typeName: string;
  /** The Item Length field; undefined when no header could be read. */
  length: number | undefined;
  /** The Tag, Type and Length fields (8 bytes), or the unreadable bytes. */
  header: Buffer;
  /** The Item Value bytes of a leaf; empty for a Structure, whose items follow as rows. */
  value: Buffer;
  /** The bytes between the end of the value and the next multiple of 8 (§9.1.1.3). */
  padding: Buffer;
  /** The value as the XML form writes it, or a byte count for Byte Strings and Big Integers. */
  display: string;
  /** Faults the dump noticed in this item. */
  problems: string[];
}

/** Builds the rows of an annotated dump of `bytes`, in wire order. */
export function annotateTtlv(bytes: Buffer): DumpRow[] {
  const walker = new DumpWalker(bytes);
  walker.walk(0, bytes.length, 0);
  return walker.rows;
}

class DumpWalker {
  readonly rows: DumpRow[] = [];

  constructor(private readonly bytes: Buffer) {}

  walk(start: number, end: number, depth: number): void {
    let offset = start;
    let attributeName: string | undefined;

    while (offset < end) {
      if (end - offset < HEADER_SIZE || depth > MAX_DUMP_DEPTH) {
        const reason = depth > MAX_DUMP_DEPTH ? `structures nested deeper than ${MAX_DUMP_DEPTH}` : `${end - offset} bytes left, too few for an item header`;
        this.rows.push(this.rawRow(offset, end, depth, reason));
        return;
      }

      const header = new TtlvReader(this.bytes, offset).readHeader();
      if (header.type === ItemType.Structure) {
        offset = this.walkStructure(offset, header, end, depth);
        continue;
      }

      const row = this.leafRow(offset, header, end, depth, attributeName);
      attributeName = header.tag === Tag.AttributeName && header.type === ItemType.TextString ? row.value.toString("utf8") : attributeName;
      this.rows.push(row);
      offset += HEADER_SIZE + row.value.length + row.padding.length;
    }
  }

  /** Adds the structure's row and its items' rows; returns the offset after the structure. */
  private walkStructure(offset: number, header: ItemHeader, end: number, depth: number): number {
    const valueStart = offset + HEADER_SIZE;
    const valueEnd = Math.min(valueStart + header.length, end);
    const problems = valueStart + header.length > end ? [pastEndProblem(header.length, end - valueStart)] : [];

    this.rows.push({ ...this.headerFields(offset, header, depth), value: Buffer.alloc(0), padding: Buffer.alloc(0), display: "", problems });
    this.walk(valueStart, valueEnd, depth + 1);
    return valueEnd;
  }

  private leafRow(offset: number, header: ItemHeader, end: number, depth: number, attributeName: string | undefined): DumpRow {
    const valueStart = offset + HEADER_SIZE;
    const value = this.bytes.subarray(valueStart, Math.min(valueStart + header.length, end));
    const padding = this.bytes.subarray(valueStart + value.length, Math.min(valueStart + alignedLength(header.length), end));
    const problems = leafProblems(header, value, padding);

    const display = isReadable(header, value) ? displayLeaf(header, value, attributeName) : "";
    return { ...this.headerFields(offset, header, depth), value, padding, display, problems };
  }

  private headerFields(offset: number, header: ItemHeader, depth: number): Pick<DumpRow, "offset" | "depth" | "tagLabel" | "typeName" | "length" | "header"> {
    const typeName = ItemType[header.type] ?? `0x${header.type.toString(16).padStart(2, "0")} (unknown type)`;
    const header8 = this.bytes.subarray(offset, offset + HEADER_SIZE);
    return { offset, depth, tagLabel: tagName(header.tag) ?? formatTag(header.tag), typeName, length: header.length, header: header8 };
  }

  private rawRow(offset: number, end: number, depth: number, reason: string): DumpRow {
    const raw = this.bytes.subarray(offset, end);
    return { offset, depth, tagLabel: "(bytes)", typeName: "", length: undefined, header: raw, value: Buffer.alloc(0), padding: Buffer.alloc(0), display: "", problems: [reason] };
  }
}

/** Lists the faults of a leaf that the strict decoder also reports: length, value, padding count and content. */
function leafProblems(header: ItemHeader, value: Buffer, padding: Buffer): string[] {
  const problems: string[] = [];
  const fixed = FIXED_LENGTHS[header.type as ItemType];

  if (!(header.type in ItemType)) {
    problems.push("unknown Item Type");
  } else if (fixed !== undefined && header.length !== fixed) {
    problems.push(`Length must be ${fixed} for ${ItemType[header.type]}`);
  }

  if (value.length < header.length) {
    problems.push(pastEndProblem(header.length, value.length));
  } else if (padding.length < alignedLength(header.length) - header.length) {
    problems.push(`padding is ${padding.length} bytes, short of ${alignedLength(header.length) - header.length}`);
  }

  if (padding.some((byte) => byte !== 0)) {
    problems.push("non-zero padding bytes");
  }

  if (problems.length === 0) {
    problems.push(...decodeLeafValue(header.type as LeafType, value).issues.map((issue) => issue.detail));
  }
  return problems;
}

function pastEndProblem(length: number, available: number): string {
  return `Length ${length} runs past the end of the enclosing data, which has ${available} bytes`;
}

function displayLeaf(header: ItemHeader, value: Buffer, attributeName: string | undefined): string {
  if (header.type === ItemType.ByteString || header.type === ItemType.BigInteger) {
    return `${value.length} bytes`;
  }

  const decoded = decodeLeafValue(header.type as LeafType, value).value;
  return formatValue({ tag: header.tag, type: header.type, value: decoded } as TtlvNode, attributeName);
}

/** Tells whether a leaf value can be shown: its type is known and all its bytes, of the right count, are there. */
function isReadable(header: ItemHeader, value: Buffer): boolean {
  const fixed = FIXED_LENGTHS[header.type as ItemType];
  return header.type in ItemType && value.length === header.length && (fixed === undefined || fixed === header.length);
}
