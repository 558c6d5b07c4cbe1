/**
 * Errors the bundled server raises. A handler signals a KMIP failure by throwing KmipResultError;
 * the batch runner turns it into a batch item with Result Status Operation Failed (§6.9), the given
 * Result Reason (§6.10, chosen per the §11 tables) and Result Message (§6.11).
 */
import { KmipcheckError } from "../src/errors";
import { enumName } from "../src/kmip";

/**
 * Result Messages of the HSM this server models, which returns some failures with short fixed
 * words instead of prose. Handlers pass these where that HSM does, and put the explanation in
 * `detail`, which goes to the log.
 */
export const HsmResultMessage = {
  PermissionDenied: "DENIED",
  ResponseTooLarge: "TOO_LARGE",
  CryptographicFailure: "CRYPTO",
} as const;

export interface KmipResultErrorOptions {
  /** Explanation for the server log; the client sees only the Result Message. */
  detail?: string;
  context?: Record<string, unknown>;
  cause?: unknown;
}

/** A failed operation with the Result Reason and Result Message to send. */
export class KmipResultError extends KmipcheckError {
  readonly resultReason: number;
  readonly resultMessage: string;

  constructor(resultReason: number, resultMessage: string, options: KmipResultErrorOptions = {}) {
    const reasonName = enumName("ResultReason", resultReason) ?? `0x${resultReason.toString(16)}`;
    const text = options.detail === undefined ? resultMessage : `${resultMessage}: ${options.detail}`;
    super("BUNDLED_SERVER_RESULT", `${reasonName}: ${text}`, {
      cause: options.cause,
      context: { resultReason: reasonName, ...options.context },
    });
    this.resultReason = resultReason;
    this.resultMessage = resultMessage;
  }
}

/** Failure of a whole request: §11.1 gives the response a single batch item without Operation. */
export class MessageRejectedError extends KmipResultError {}

/** Invalid server options (a certificate without its key, a bad port...). */
export class BundledServerConfigError extends KmipcheckError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super("BUNDLED_SERVER_CONFIG", message, { context });
  }
}
