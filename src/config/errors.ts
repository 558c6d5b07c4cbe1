import { KmipcheckError } from "../errors";

/** Stable codes of {@link ConfigError}. */
export type ConfigErrorCode =
  | "CONFIG_NOT_FOUND"
  | "CONFIG_UNREADABLE"
  | "CONFIG_INVALID_JSON"
  | "CONFIG_INVALID"
  | "CONFIG_INVALID_OVERRIDE"
  | "CONFIG_UNKNOWN_TARGET"
  | "CONFIG_NO_TARGET"
  | "CONFIG_INCOMPLETE_TARGET"
  | "CONFIG_FILE_UNREADABLE"
  | "CONFIG_MISSING_ENVIRONMENT";

/**
 * Invalid or unusable target configuration. The message names the file, the key path and what is
 * expected. `context.problems` lists every problem found when there are several.
 */
export class ConfigError extends KmipcheckError {
  declare readonly code: ConfigErrorCode;

  constructor(code: ConfigErrorCode, message: string, options: { cause?: unknown; context?: Record<string, unknown> } = {}) {
    super(code, message, options);
  }
}
