/**
 * Errors raised while reading or writing the XML and JSON vector forms.
 */
import { KmipcheckError } from "../errors";

/** Stable codes of {@link VectorError}. */
export type VectorErrorCode =
  | "VECTOR_XML_MALFORMED"
  | "VECTOR_JSON_MALFORMED"
  | "VECTOR_BAD_ROOT"
  | "VECTOR_UNKNOWN_ELEMENT"
  | "VECTOR_BAD_ATTRIBUTE"
  | "VECTOR_BAD_TYPE"
  | "VECTOR_BAD_VALUE"
  | "VECTOR_BAD_ENUMERATION"
  | "VECTOR_BAD_HEX"
  | "VECTOR_BAD_PLACEHOLDER"
  | "VECTOR_MESSAGE_ORDER"
  | "VECTOR_UNBOUND_PLACEHOLDER"
  | "VECTOR_FILE_UNREADABLE"
  | "VECTOR_TOO_DEEP"
  | "VECTOR_INVALID_ERRATUM";

/** Location of an error in a vector source. Every field is optional because not every error has a source line. */
export interface VectorLocation {
  /** File the XML came from, or a label such as `<string>`. */
  file?: string;
  /** One-based line of the element. */
  line?: number;
  /** Element path, e.g. `KMIP/RequestMessage[2]/BatchItem/Operation`. */
  path?: string;
}

export interface VectorErrorDetails extends VectorLocation {
  /** The offending text as written in the source. */
  value?: string;
  /** Description of the text the reader accepts at that place. */
  expected?: string;
  cause?: unknown;
}

/** An invalid vector: the message starts with `file:line` and names the element path, the value and what is expected. */
export class VectorError extends KmipcheckError {
  constructor(code: VectorErrorCode, problem: string, details: VectorErrorDetails = {}) {
    super(code, formatMessage(problem, details), {
      cause: details.cause,
      context: {
        file: details.file,
        line: details.line,
        path: details.path,
        value: details.value,
        expected: details.expected,
      },
    });
  }
}

function formatMessage(problem: string, details: VectorErrorDetails): string {
  const where = details.line === undefined ? details.file : `${details.file ?? "<string>"}:${details.line}`;
  const parts = [where === undefined ? problem : `${where}: ${problem}`];

  if (details.path !== undefined) {
    parts.push(`at ${details.path}`);
  }
  if (details.value !== undefined) {
    parts.push(`value ${JSON.stringify(details.value)}`);
  }
  if (details.expected !== undefined) {
    parts.push(`expected ${details.expected}`);
  }
  return parts.join("; ");
}
