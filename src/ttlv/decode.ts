/**
 * TTLV decoder (KMIP 1.4 §9.1). `decode` is strict: it raises a TtlvDecodeError at the first
 * violation. `decodeLenient` reads past the violations it can and returns them with the tree.
 *
 * Both first try the fast path (decode-fast.ts), which builds no paths or labels. When it finds
 * anything wrong it gives up, and the full decoder below walks the bytes again to find the
 * violations and name their tag, path and offset.
 */
import { ALIGNMENT, FIXED_LENGTHS, HEADER_SIZE, ItemType, type TagNamer, type TtlvNode } from "./types";
import { TtlvDecodeError, checkWholeNumberOption, formatFault, formatOffset, type TtlvDecodeCode, type TtlvViolation } from "./errors";
import { SiblingCounter, joinPath, tagLabel } from "./path";
import { TtlvReader, alignedLength, peekHeader, type ItemHeader } from "./reader";
import { decodeLeafValue, type LeafType } from "./decode-values";
import { decodeFast } from "./decode-fast";

/** Structures nest at most this deep by default; the top-level item is at depth 1. */
export const DEFAULT_MAX_DEPTH = 64;

export interface LenientDecodeOptions {
  /** Names tags in paths and messages; without it tags read as `0x420020`. */
  namer?: TagNamer;
  /** Deepest structure nesting accepted (default DEFAULT_MAX_DEPTH). */
  maxDepth?: number;
}

export interface DecodeOptions extends LenientDecodeOptions {
  /** Accept non-zero padding bytes, which the spec allows (it requires only their number). */
  allowNonZeroPadding?: boolean;
  lenient?: false;
}

export interface LenientDecodeResult {
  /** The tree as far as it could be read; undefined when not even the top-level item could. */
  node: TtlvNode | undefined;
  violations: TtlvViolation[];
}

/** Decodes exactly one TTLV item filling `bytes`; raises TtlvDecodeError at the first violation. */
export function decode(bytes: Buffer, options: DecodeOptions = {}): TtlvNode {
  const maxDepth = checkedMaxDepth(options);
  const fast = decodeFast(bytes, { maxDepth, allowNonZeroPadding: options.allowNonZeroPadding === true });
  return fast ?? decodeThoroughly(bytes, options);
}

/** Decodes with the full decoder only, which names every violation; `decode` falls back to it. */
export function decodeThoroughly(bytes: Buffer, options: DecodeOptions = {}): TtlvNode {
  const report = (violation: TtlvViolation): void => {
    if (violation.code === "TTLV_NONZERO_PADDING" && options.allowNonZeroPadding === true) return;
    throw TtlvDecodeError.fromViolation(violation);
  };

  // In strict mode every violation that would leave the tree incomplete throws, so a node is set.
  return new Decoder(bytes, options, report).decodeMessage() as TtlvNode;
}

/** Decodes what it can of one TTLV item and lists every violation found on the way. */
export function decodeLenient(bytes: Buffer, options: LenientDecodeOptions = {}): LenientDecodeResult {
  const fast = decodeFast(bytes, { maxDepth: checkedMaxDepth(options), allowNonZeroPadding: false });
  return fast !== undefined ? { node: fast, violations: [] } : decodeLenientThoroughly(bytes, options);
}

/** Lenient decoding with the full decoder only; `decodeLenient` falls back to it. */
export function decodeLenientThoroughly(bytes: Buffer, options: LenientDecodeOptions = {}): LenientDecodeResult {
  const violations: TtlvViolation[] = [];
  const node = new Decoder(bytes, options, (violation) => violations.push(violation)).decodeMessage();
  return { node, violations };
}

function checkedMaxDepth(options: LenientDecodeOptions): number {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  checkWholeNumberOption("maxDepth", maxDepth, 1);
  return maxDepth;
}

/** Enclosing structure of the items being read: its path and the offset where its value ends. */
interface Scope {
  path: string;
  end: number;
  /** Numbering of same-tag items; undefined at the top level, which contains one item only. */
  siblings: SiblingCounter | undefined;
}

/** The item being decoded, as violations name it. */
interface Item extends ItemHeader {
  label: string;
  path: string;
  offset: number;
}

class Decoder {
  private readonly reader: TtlvReader;
  private readonly maxDepth: number;

  constructor(
    private readonly bytes: Buffer,
    private readonly options: LenientDecodeOptions,
    private readonly report: (violation: TtlvViolation) => void,
  ) {
    this.reader = new TtlvReader(bytes);
    this.maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    checkWholeNumberOption("maxDepth", this.maxDepth, 1);
  }

  decodeMessage(): TtlvNode | undefined {
    const top: Scope = { path: "", end: this.bytes.length, siblings: undefined };
    const node = this.decodeItem(top, 1);

    const trailing = this.bytes.length - this.reader.offset;
    if (node !== undefined && trailing > 0) {
      const label = tagLabel(node.tag, this.options.namer);
      const facts = { tag: node.tag, label, path: label, offset: this.reader.offset };
      const detail = `${trailing} trailing bytes follow the top-level item, which ends at offset ${formatOffset(this.reader.offset)}`;
      this.violate("TTLV_TRAILING_BYTES", facts, detail, "end of input", `${trailing} more bytes`);
    }
    return node;
  }

  /** Decodes the item at the reader's offset and leaves the reader after it (or at `scope.end`). */
  private decodeItem(scope: Scope, depth: number): TtlvNode | undefined {
    const item = this.readItemHeader(scope);
    if (item === undefined) return undefined;

    this.checkTag(item);
    if (!this.checkType(item) || !this.checkFixedLength(item)) {
      this.reader.seek(Math.min(this.paddedEnd(item), scope.end));
      return undefined;
    }

    const valueEnd = item.offset + HEADER_SIZE + item.length;
    if (valueEnd <= scope.end) {
      const node = this.decodeValue(item, valueEnd, depth);
      this.checkPadding(item, scope);
      return node;
    }

    // The Length runs past the enclosing data. A structure is read up to that end, a leaf skipped.
    this.reportPastEnd(item, scope);
    const node = item.type === ItemType.Structure ? this.decodeStructure(item, scope.end, depth) : undefined;
    this.reader.seek(scope.end);
    return node;
  }

  private readItemHeader(scope: Scope): Item | undefined {
    const offset = this.reader.offset;
    const available = scope.end - offset;

    if (available < HEADER_SIZE) {
      const facts = { tag: undefined, label: "", path: scope.path, offset };
      const detail = `an item header needs ${HEADER_SIZE} bytes, but only ${available} remain`;
      this.violate("TTLV_TRUNCATED", facts, detail, `${HEADER_SIZE} bytes`, `${available} bytes`);
      this.reader.seek(scope.end);
      return undefined;
    }

    const header = this.reader.readHeader();
    const label = tagLabel(header.tag, this.options.namer);
    const segment = scope.siblings?.nextSegment(header.tag, label) ?? label;
    return { ...header, label, path: joinPath(scope.path, segment), offset };
  }

  /** §9.1.1.1: every tag has 0x42 (this spec) or 0x54 (extensions) as its first byte. */
  private checkTag(item: Item): void {
    const firstByte = item.tag >>> 16;
    if (firstByte === 0x42 || firstByte === 0x54) return;

    const actual = `0x${firstByte.toString(16).padStart(2, "0")}`;
    this.violate("TTLV_BAD_TAG", item, `tag first byte must be 0x42 or 0x54, got ${actual}`, "0x42 or 0x54", actual);
  }

  /** §9.1.1.2, Table 286: the Item Type is one of 0x01 to 0x0A. */
  private checkType(item: Item): boolean {
    if (item.type in ItemType) return true;

    const actual = `0x${item.type.toString(16).padStart(2, "0")}`;
    this.violate("TTLV_UNKNOWN_TYPE", item, `unknown item type ${actual}`, "0x01 to 0x0a", actual);
    return false;
  }

  /** §9.1.1.3, Table 287: fixed Item Lengths per type, and Structures in multiples of 8. */
  private checkFixedLength(item: Item): boolean {
    const typeName = ItemType[item.type];
    const fixed = FIXED_LENGTHS[item.type as ItemType];

    if (fixed !== undefined && item.length !== fixed) {
      this.violate("TTLV_BAD_LENGTH", item, `${typeName} length must be ${fixed}, got ${item.length}`, String(fixed), String(item.length));
      return false;
    }

    if (item.type === ItemType.Structure && item.length % ALIGNMENT !== 0) {
      const detail = `Structure length must be a multiple of ${ALIGNMENT}, got ${item.length}`;
      this.violate("TTLV_BAD_LENGTH", item, detail, `a multiple of ${ALIGNMENT}`, String(item.length));
    }
    return true;
  }

  /** Reports an Item Length that runs past the enclosing structure, or past the input at the top. */
  private reportPastEnd(item: Item, scope: Scope): void {
    const needed = HEADER_SIZE + item.length;
    const available = scope.end - item.offset;

    if (scope.siblings === undefined) {
      const detail = `the item needs ${needed} bytes (header and Length ${item.length}), but the input has ${available}`;
      this.violate("TTLV_TRUNCATED", item, detail, `${needed} bytes`, `${available} bytes`);
      return;
    }

    const detail = `Length ${item.length} runs ${needed - available} bytes past the end of ${scope.path} at offset ${formatOffset(scope.end)}`;
    this.violate("TTLV_LENGTH_PAST_PARENT", item, detail, `at most ${available - HEADER_SIZE}`, String(item.length));
  }

  private decodeValue(item: Item, valueEnd: number, depth: number): TtlvNode | undefined {
    if (item.type === ItemType.Structure) {
      return this.decodeStructure(item, valueEnd, depth);
    }

    const type = item.type as LeafType;
    const decoded = decodeLeafValue(type, this.reader.readBytes(valueEnd - this.reader.offset));
    for (const issue of decoded.issues) {
      this.violate(issue.code, item, issue.detail, issue.expected, issue.actual);
    }
    return { tag: item.tag, type, value: decoded.value } as TtlvNode;
  }

  private decodeStructure(item: Item, valueEnd: number, depth: number): TtlvNode | undefined {
    if (depth > this.maxDepth) {
      const detail = `structures nest ${depth} deep, more than the limit of ${this.maxDepth}`;
      this.violate("TTLV_TOO_DEEP", item, detail, `at most ${this.maxDepth}`, String(depth));
      this.reader.seek(valueEnd);
      return undefined;
    }

    const siblings = new SiblingCounter(scanTags(this.bytes, this.reader.offset, valueEnd));
    const scope: Scope = { path: item.path, end: valueEnd, siblings };
    const children: TtlvNode[] = [];

    while (this.reader.offset < valueEnd) {
      const child = this.decodeItem(scope, depth + 1);
      if (child !== undefined) children.push(child);
    }
    return { tag: item.tag, type: ItemType.Structure, value: children };
  }

  /**
   * §9.1.1.3: padding brings each item to a multiple of 8 bytes. Its bytes should be zero, but the
   * spec only requires the minimal number of them, so non-zero padding is a warning.
   */
  private checkPadding(item: Item, scope: Scope): void {
    const valueEnd = this.reader.offset;
    const paddedEnd = this.paddedEnd(item);

    if (paddedEnd > scope.end) {
      const detail = `${paddedEnd - scope.end} padding bytes are missing: the value ends at offset ${formatOffset(valueEnd)}, the enclosing data at ${formatOffset(scope.end)}`;
      this.violate("TTLV_MISSING_PADDING", item, detail, `${paddedEnd - valueEnd} padding bytes`, `${scope.end - valueEnd} bytes`);
    }

    const padding = this.reader.readBytes(Math.min(paddedEnd, scope.end) - valueEnd);
    const nonZero = padding.findIndex((byte) => byte !== 0);
    if (nonZero >= 0) {
      const actual = `0x${padding.toString("hex")}`;
      const detail = `padding bytes at offset ${formatOffset(valueEnd)} should be zero, got ${actual}`;
      this.violate("TTLV_NONZERO_PADDING", item, detail, `0x${"00".repeat(padding.length)}`, actual, "warn");
    }
  }

  private paddedEnd(item: Item): number {
    return item.offset + HEADER_SIZE + alignedLength(item.length);
  }

  private violate(
    code: TtlvDecodeCode,
    item: { tag: number | undefined; label: string; path: string; offset: number },
    detail: string,
    expected: string,
    actual: string,
    severity: TtlvViolation["severity"] = "fail",
  ): void {
    const message = formatFault(item.label, item.path, item.offset, detail);
    this.report({ code, message, tag: item.tag, tagLabel: item.label, path: item.path, offset: item.offset, expected, actual, severity });
  }
}

/**
 * Lists the tags of the items between `start` and `end` by walking their headers, so that paths
 * can number same-tag siblings before all of them are decoded. Stops at the first header that
 * does not fit.
 */
function scanTags(bytes: Buffer, start: number, end: number): number[] {
  const tags: number[] = [];
  let offset = start;

  while (end - offset >= HEADER_SIZE) {
    const header = peekHeader(bytes, offset);
    tags.push(header.tag);
    offset += HEADER_SIZE + alignedLength(header.length);
  }
  return tags;
}
