/** Turns node:crypto exceptions into the Cryptographic Failure result of §11.30 to §11.38. */
import { ResultReason } from "../../src/kmip";
import { HsmResultMessage, KmipResultError } from "../errors";

/** Runs a node:crypto step; an exception it raises becomes Cryptographic Failure with its message as detail. */
export function cryptoStep<T>(description: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof KmipResultError) {
      throw error;
    }
    throw cryptographicFailure(`${description} failed: ${error instanceof Error ? error.message : String(error)}`, error);
  }
}

export function cryptographicFailure(detail: string, cause?: unknown): KmipResultError {
  return new KmipResultError(ResultReason.CryptographicFailure, HsmResultMessage.CryptographicFailure, { detail, cause });
}
