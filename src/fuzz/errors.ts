import { KmipcheckError } from "../errors";

export type FuzzErrorCode =
  | "FUZZ_BAD_OPTION"
  | "FUZZ_TARGET_UNAVAILABLE"
  | "FUZZ_NO_SEEDS"
  | "FUZZ_BAD_FINDING_FILE";

/** A fuzz run that cannot start or a finding file that cannot be read; `context` names the value at fault. */
export class FuzzError extends KmipcheckError {
  declare readonly code: FuzzErrorCode;

  constructor(code: FuzzErrorCode, message: string, options: { cause?: unknown; context?: Record<string, unknown> } = {}) {
    super(code, message, options);
  }
}
