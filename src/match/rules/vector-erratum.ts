/**
 * `vector-erratum`: an expected value that a known defect of the vector file gets wrong
 * (src/vectors/errata.json) is compared with the corrected value instead. The note names the
 * reason and the spec rule, so the report shows every use of an erratum.
 */
import { findErratum } from "../../vectors/errata";
import { formatValue } from "../format";
import type { Rule } from "../types";
import { accepted, rejected, ruleDiff } from "./verdicts";

export const vectorErratum: Rule = {
  id: "vector-erratum",
  description: "An expected value that a listed defect of the official vector gets wrong is compared with the corrected value; the erratum gives the reason and the spec rule.",
  reference: "src/vectors/errata.json: each erratum cites the KMIP 1.4 spec rule the recorded value breaks",
  severity: "fail",

  judge(pair, state) {
    const position = state.position;
    const erratum = position === undefined ? undefined : findErratum(position.vector, position.step, pair.path);
    // An erratum applies only while the file contains the recorded value, so a corrected file is compared as written.
    if (erratum === undefined || pair.expected.type !== pair.actual.type || formatValue(pair.expected) !== erratum.recorded) {
      return undefined;
    }

    const actual = formatValue(pair.actual);
    if (actual !== erratum.corrected) {
      const message = `expected ${erratum.corrected} (the vector records ${erratum.recorded}, corrected by an erratum: ${erratum.reason}), got ${actual}`;
      return rejected(ruleDiff(this.id, pair.path, "value", message, erratum.corrected, actual));
    }

    return accepted(`erratum: ${erratum.recorded} in the vector corrected to ${erratum.corrected}. ${erratum.reason} ${erratum.specRule}`);
  },
};
