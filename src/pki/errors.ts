import { KmipcheckError } from "../errors";

/** Stable codes of {@link PkiError}. */
export type PkiErrorCode =
  | "PKI_INVALID_OPTIONS"
  | "PKI_FILES_EXIST"
  | "PKI_WRITE_FAILED"
  | "PKI_FETCH_REFUSED"
  | "PKI_FETCH_FAILED"
  | "PKI_FETCH_TIMEOUT"
  | "PKI_FETCH_TLS_FAILED"
  | "PKI_FETCH_NO_CERTIFICATE";

/** Failure of `certs init` or `certs fetch`; `context` has the directory or host and port involved. */
export class PkiError extends KmipcheckError {
  declare readonly code: PkiErrorCode;

  constructor(code: PkiErrorCode, message: string, options: { cause?: unknown; context?: Record<string, unknown> } = {}) {
    super(code, message, options);
  }
}
