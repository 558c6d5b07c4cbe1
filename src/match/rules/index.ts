/**
 * The registry of named rules. Order matters: the first rule that takes charge of an item pair
 * judges it, and the pair is then not compared literally. `vector-erratum` comes first because it
 * replaces the expected value itself. Rules that check a randomised output
 * come before `bound-response-value`, which would otherwise accept their placeholders unchecked.
 */
import type { Rule, RuleDefinition } from "../types";
import { rsaOaepCiphertext, signatureVerified } from "./asymmetric-output";
import { attributeByName, attributeListSet, extraAttributes } from "./attributes";
import { boundIdentifier, boundResponseValue } from "./bound-values";
import { errorOracle } from "./error-oracle";
import { queryResultSet, queryServerInformation } from "./query";
import { randomIv } from "./random-iv";
import { resultMessageText } from "./result-message";
import { rngRetrieveLength, rngSeedDataLength } from "./rng";
import { serverGeneratedDigest } from "./server-digest";
import { serverGeneratedKeyMaterial } from "./server-key-material";
import { serverGeneratedKeyOutput } from "./server-key-output";
import { timeWindow } from "./time-window";
import { usageMaskBitset } from "./usage-mask";
import { vectorErratum } from "./vector-erratum";
import { versionGating } from "./version-gating";

export { DEFAULT_TIME_WINDOW_SECONDS, nowOffset } from "./time-window";

export const DEFAULT_RULES: ReadonlyArray<Rule> = [
  vectorErratum, timeWindow, boundIdentifier,
  randomIv, signatureVerified, rsaOaepCiphertext, rngRetrieveLength, rngSeedDataLength, serverGeneratedKeyOutput,
  boundResponseValue, usageMaskBitset, resultMessageText, queryServerInformation,
  serverGeneratedDigest, serverGeneratedKeyMaterial,
  errorOracle, attributeByName, attributeListSet, queryResultSet, extraAttributes, versionGating,
];

/** Returns the published description of every rule, for the report. */
export function ruleDefinitions(rules: ReadonlyArray<Rule> = DEFAULT_RULES): RuleDefinition[] {
  return rules.map(({ id, description, reference, severity }) => ({ id, description, reference, severity }));
}
