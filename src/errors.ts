/**
 * Base class of every error kmipcheck raises on purpose. The code is stable across releases so
 * that scripts and reports can match on it; the message is for people.
 */
export class KmipcheckError extends Error {
  readonly code: string;

  /** Facts about the failure (host, path, offset, expected, actual...), shown in reports. */
  readonly context: Record<string, unknown>;

  constructor(code: string, message: string, options: { cause?: unknown; context?: Record<string, unknown> } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.context = options.context ?? {};
  }
}
