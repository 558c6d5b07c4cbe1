/**
 * Errata of the official vectors (errata.json): corrections of expected values that the vector
 * files get wrong. Each entry names the vector file (name without extension), the step (from 0),
 * the item path as the matcher writes it, the value the file contains (`recorded`), the value the
 * spec calls for (`corrected`, in the XML value form), the reason and the spec rule.
 */
import { VectorError } from "./errors";
import errataDocument from "./errata.json";

export interface VectorErratum {
  vector: string;
  step: number;
  path: string;
  recorded: string;
  corrected: string;
  reason: string;
  specRule: string;
}

const FIELDS = ["vector", "path", "recorded", "corrected", "reason", "specRule"] as const;

const ERRATA: ReadonlyArray<VectorErratum> = checkErrata(errataDocument.errata);

/** Returns the erratum for one item of one step of a vector, if the errata list one. */
export function findErratum(vector: string, step: number, path: string): VectorErratum | undefined {
  return ERRATA.find((erratum) => erratum.vector === vector && erratum.step === step && erratum.path === path);
}

/** Returns every erratum, for the report and the documentation. */
export function vectorErrata(): ReadonlyArray<VectorErratum> {
  return ERRATA;
}

/** Checks each entry's fields, so that a mistyped entry fails at load instead of never applying. */
export function checkErrata(entries: ReadonlyArray<Record<string, unknown>>): VectorErratum[] {
  return entries.map((entry, index) => {
    const missing = FIELDS.find((field) => typeof entry[field] !== "string" || entry[field] === "");
    if (missing !== undefined || !Number.isInteger(entry.step) || (entry.step as number) < 0) {
      const field = missing ?? "step";
      const problem = `invalid erratum ${index}: field ${field} is missing or invalid; give vector, step (from 0), path, recorded, corrected, reason and specRule`;
      throw new VectorError("VECTOR_INVALID_ERRATUM", problem, { file: "src/vectors/errata.json", path: `errata[${index}].${field}` });
    }
    return entry as unknown as VectorErratum;
  });
}
