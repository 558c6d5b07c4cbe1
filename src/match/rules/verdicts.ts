/** Builders of rule verdicts, so that every diff a rule reports names the rule. */
import type { Diff, ItemPair, RuleVerdict } from "../types";

export function ruleDiff(rule: string, path: string, kind: Diff["kind"], message: string, expected?: string, actual?: string): Diff {
  return { path, kind, severity: "fail", rule, message, expected, actual };
}

export function accepted(note: string): RuleVerdict {
  return { diffs: [], note };
}

export function rejected(diff: Diff): RuleVerdict {
  return { diffs: [diff], note: diff.message };
}

/** Accepts an output whose length lies in `range`; a range of undefined means the length cannot be predicted. */
export function checkLength(rule: string, pair: ItemPair, actual: number, range: [number, number] | undefined): RuleVerdict {
  if (range === undefined) {
    return accepted(`${actual} bytes accepted; the length cannot be predicted for these parameters`);
  }

  const [low, high] = range;
  const wanted = low === high ? `${low} bytes` : `${low} to ${high} bytes`;
  if (actual < low || actual > high) {
    return rejected(ruleDiff(rule, pair.path, "value", `the output has ${actual} bytes, but these parameters give ${wanted}`, wanted, `${actual} bytes`));
  }

  return accepted(`output checked by length: ${actual} bytes (${wanted} expected)`);
}
