/**
 * The registry of named rules. Order matters: the first rule that takes charge of an item pair
 * judges it, and the pair is then not compared literally.
 */
import type { Rule, RuleDefinition } from "../types";
import { boundIdentifier, boundResponseValue } from "./bound-values";
import { resultMessageText } from "./result-message";
import { serverGeneratedDigest } from "./server-digest";
import { serverGeneratedKeyMaterial } from "./server-key-material";
import { timeWindow } from "./time-window";
import { usageMaskBitset } from "./usage-mask";

export { DEFAULT_TIME_WINDOW_SECONDS, nowOffset } from "./time-window";

export const DEFAULT_RULES: ReadonlyArray<Rule> = [timeWindow, boundIdentifier, boundResponseValue, usageMaskBitset, resultMessageText, serverGeneratedDigest, serverGeneratedKeyMaterial];

/** Returns the published description of every rule, for the report. */
export function ruleDefinitions(rules: ReadonlyArray<Rule> = DEFAULT_RULES): RuleDefinition[] {
  return rules.map(({ id, description, reference, severity }) => ({ id, description, reference, severity }));
}
