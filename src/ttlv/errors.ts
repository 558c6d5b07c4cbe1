/**
 * Errors and violations of the TTLV codec. Each carries a stable code, the tag and its label, the
 * path of the item in the tree, the byte offset of the item and the expected and actual values.
 */
import { KmipcheckError } from "../errors";

/** Stable codes of the faults the decoder finds in TTLV bytes. */
export type TtlvDecodeCode =
  | "TTLV_TRUNCATED"
  | "TTLV_BAD_TAG"
  | "TTLV_UNKNOWN_TYPE"
  | "TTLV_BAD_LENGTH"
  | "TTLV_LENGTH_PAST_PARENT"
  | "TTLV_MISSING_PADDING"
  | "TTLV_NONZERO_PADDING"
  | "TTLV_BAD_BOOLEAN"
  | "TTLV_BAD_UTF8"
  | "TTLV_NUL_TERMINATED_TEXT"
  | "TTLV_BIG_INTEGER_LENGTH"
  | "TTLV_BIG_INTEGER_PADDING"
  | "TTLV_TOO_DEEP"
  | "TTLV_TRAILING_BYTES";

/** Stable codes of the values the encoder rejects. */
export type TtlvEncodeCode = "TTLV_ENCODE_BAD_TAG" | "TTLV_ENCODE_UNKNOWN_TYPE" | "TTLV_ENCODE_BAD_VALUE";

/** Stable codes of the faults the frame assembler finds in a stream. */
export type TtlvFramingCode = "TTLV_MESSAGE_TOO_LARGE" | "TTLV_BAD_TAG" | "TTLV_NOT_STRUCTURE";

/** One fault found while decoding. "warn" marks a deviation the spec allows but a peer should avoid. */
export interface TtlvViolation {
  code: TtlvDecodeCode;
  /** The full sentence, as `TtlvDecodeError.message` would read. */
  message: string;
  /** Tag of the item at fault; undefined when its header could not be read. */
  tag: number | undefined;
  /** Tag name from the namer, else the tag in hex (`0x420020`). */
  tagLabel: string;
  /** Path from the top-level item, e.g. `ResponseMessage/BatchItem[2]/ResultStatus`. */
  path: string;
  /** Byte offset of the item's header in the decoded buffer, or of the fault when no item applies. */
  offset: number;
  expected: string;
  actual: string;
  severity: "fail" | "warn";
}

/** Facts shared by the decode, encode and framing errors. */
export interface TtlvFaultFacts {
  tag: number | undefined;
  tagLabel: string;
  path: string;
  offset: number;
  expected: string;
  actual: string;
}

/** Base of the codec's errors: the fault facts as fields and as `context`. */
export class TtlvError extends KmipcheckError {
  readonly tag: number | undefined;
  readonly tagLabel: string;
  readonly path: string;
  readonly offset: number;
  readonly expected: string;
  readonly actual: string;

  constructor(code: string, message: string, facts: TtlvFaultFacts) {
    super(code, message, { context: { ...facts } });
    this.tag = facts.tag;
    this.tagLabel = facts.tagLabel;
    this.path = facts.path;
    this.offset = facts.offset;
    this.expected = facts.expected;
    this.actual = facts.actual;
  }
}

/** Raised by strict decoding at the first violation. */
export class TtlvDecodeError extends TtlvError {
  declare readonly code: TtlvDecodeCode;

  static fromViolation(violation: TtlvViolation): TtlvDecodeError {
    const { code, message, severity: _severity, ...facts } = violation;
    return new TtlvDecodeError(code, message, facts);
  }
}

/** Raised by `encode` for a tree that cannot be written as valid TTLV. The offset is where the item would start in the output. */
export class TtlvEncodeError extends TtlvError {
  declare readonly code: TtlvEncodeCode;
}

/** Raised by `FrameAssembler` for a stream it cannot split into messages. */
export class TtlvFramingError extends TtlvError {
  declare readonly code: TtlvFramingCode;
}

/** Raises KmipcheckError "TTLV_BAD_OPTION" unless the option is a whole number of at least `min`. */
export function checkWholeNumberOption(name: string, value: number, min: number): void {
  if (Number.isInteger(value) && value >= min) return;

  const message = `Invalid option ${name}: ${String(value)}; use a whole number of at least ${min}`;
  throw new KmipcheckError("TTLV_BAD_OPTION", message, { context: { option: name, value } });
}

/**
 * Formats the sentence every codec error uses: `Label at path (offset 0x58): detail`. An empty
 * label stands for an item whose header could not be read, inside the structure at `path`.
 */
export function formatFault(tagLabel: string, path: string, offset: number | undefined, detail: string): string {
  const where = offset === undefined ? "" : ` (offset ${formatOffset(offset)})`;
  return `${faultSubject(tagLabel, path)}${where}: ${detail}`;
}

function faultSubject(tagLabel: string, path: string): string {
  if (tagLabel === "") return path === "" ? "Input" : `Item in ${path}`;
  if (path === "" || path === tagLabel) return tagLabel;
  return `${tagLabel} at ${path}`;
}

export function formatOffset(offset: number): string {
  return `0x${offset.toString(16)}`;
}
