/**
 * `--accept-reason CHECK=REASON`: a certifier's decision to accept another Result Reason than the
 * one a suite check requires. The check then passes with a warning that names the decision.
 */
import { KmipcheckError } from "../../src/errors";
import { enumValue, normalizeName } from "../../src/kmip";
import { CHECKS, isCheckId } from "./checks";

/** Result Reason names (normalized, e.g. "InvalidMessage") accepted per check id. */
export type AcceptedReasons = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Parses `CHECK=REASON` entries. REASON is a Result Reason name as the spec writes it
 * ("Invalid Message") or normalized ("InvalidMessage"). Raises ACCEPT_REASON_INVALID naming the
 * entry and the fix.
 */
export function parseAcceptedReasons(entries: ReadonlyArray<string>): AcceptedReasons {
  const accepted = new Map<string, Set<string>>();

  for (const entry of entries) {
    const [check, reason] = splitEntry(entry);
    const name = normalizeName(reason);
    if (enumValue("ResultReason", name) === undefined) {
      throw invalid(entry, `${reason} is not a KMIP 1.4 Result Reason; write it as the spec does, e.g. InvalidMessage or "Invalid Message"`);
    }

    const reasons = accepted.get(check) ?? new Set<string>();
    reasons.add(name);
    accepted.set(check, reasons);
  }

  return accepted;
}

function splitEntry(entry: string): [string, string] {
  const separator = entry.indexOf("=");
  if (separator <= 0 || separator === entry.length - 1) {
    throw invalid(entry, `write CHECK=REASON, e.g. ${CHECKS.uniqueBatchItemIdRequired.id}=InvalidMessage`);
  }

  const check = entry.slice(0, separator).trim();
  if (!isCheckId(check)) {
    const ids = Object.values(CHECKS).map((definition) => definition.id).join(", ");
    throw invalid(entry, `${check} is not a suite check; choose from ${ids}`);
  }

  return [check, entry.slice(separator + 1).trim()];
}

function invalid(entry: string, detail: string): KmipcheckError {
  return new KmipcheckError("ACCEPT_REASON_INVALID", `invalid --accept-reason ${entry}: ${detail}`, { context: { entry } });
}
