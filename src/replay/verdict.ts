import type { Diff } from "../match";
import type { TtlvViolation } from "../ttlv/errors";
import type { StepOutcome, Verdict } from "./types";

/** A step fails on any diff or decode violation of severity "fail"; warnings are shown but pass. */
export function stepVerdict(diffs: ReadonlyArray<Diff>, violations: ReadonlyArray<TtlvViolation>): Verdict {
  const failing = diffs.some((diff) => diff.severity === "fail") || violations.some((violation) => violation.severity === "fail");
  return failing ? "fail" : "pass";
}

/** A vector takes the verdict of its first step that did not pass: the first fault explains the rest. */
export function vectorVerdict(steps: ReadonlyArray<Pick<StepOutcome, "verdict">>): Verdict {
  return steps.find((step) => step.verdict !== "pass")?.verdict ?? "pass";
}
