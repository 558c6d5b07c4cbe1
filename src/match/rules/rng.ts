/**
 * `rng-retrieve-length`: RNG Retrieve returns random bytes, so the vector's Data cannot recur; it
 * must be a Byte String of exactly the requested Data Length. `rng-seed-data-length`: RNG Seed
 * returns the amount of seed data the server used, which may be anything from zero (the server
 * ignored the seed) to the length of the seed given.
 */
import { Tag } from "../../kmip";
import { child } from "../../ttlv/access";
import { ItemType } from "../../ttlv/types";
import { isPlaceholder } from "../../vectors/types";
import { batchContext, bytesOf, integerOf } from "../context";
import type { Rule } from "../types";
import { accepted, checkLength, rejected, ruleDiff } from "./verdicts";

const RETRIEVE = "rng-retrieve-length";
const SEED = "rng-seed-data-length";

export const rngRetrieveLength: Rule = {
  id: RETRIEVE,
  description: "RNG Retrieve Data is checked for type and for exactly the requested Data Length, not by value.",
  reference: "KMIP 1.4 spec §4.35 RNG Retrieve: the response contains the random data of the requested length; KMIP Profiles 1.4 test-case variations: outputs of randomised operations (RNG)",
  severity: "fail",

  judge(pair, state) {
    const context = pair.expected.tag === Tag.Data ? batchContext(pair.actualAncestors, state) : undefined;
    if (context?.operation !== "RNGRetrieve" || isPlaceholder(pair.expected.value)) {
      return undefined;
    }

    const data = bytesOf(pair.actual);
    if (pair.actual.type !== ItemType.ByteString || data === undefined) {
      return rejected(ruleDiff(RETRIEVE, pair.path, "type", "RNG Retrieve Data must be a ByteString", "ByteString", ItemType[pair.actual.type]));
    }

    const requested = context.requestPayload === undefined ? undefined : integerOf(child(context.requestPayload, Tag.DataLength));
    return checkLength(RETRIEVE, pair, data.length, requested === undefined ? undefined : [requested, requested]);
  },
};

export const rngSeedDataLength: Rule = {
  id: SEED,
  description: "RNG Seed Data Length may be any amount from 0 (seed ignored) up to the length of the seed the request gave.",
  reference: "KMIP 1.4 spec §4.36 RNG Seed: the response contains the amount of seed data used; the server MAY ignore the seed and return zero",
  severity: "fail",

  judge(pair, state) {
    const context = pair.expected.tag === Tag.DataLength ? batchContext(pair.actualAncestors, state) : undefined;
    if (context?.operation !== "RNGSeed" || isPlaceholder(pair.expected.value)) {
      return undefined;
    }

    const used = integerOf(pair.actual);
    if (used === undefined) {
      return rejected(ruleDiff(SEED, pair.path, "type", "RNG Seed Data Length must be an Integer", "Integer", ItemType[pair.actual.type]));
    }

    const seed = context.requestPayload === undefined ? undefined : bytesOf(child(context.requestPayload, Tag.Data));
    if (seed === undefined) {
      return undefined;
    }

    if (used < 0 || used > seed.length) {
      return rejected(ruleDiff(SEED, pair.path, "value", `Data Length ${used} is outside 0..${seed.length}, the length of the seed given`, `0 to ${seed.length}`, String(used)));
    }

    return accepted(`the server used ${used} of the ${seed.length} seed bytes (the vector recorded ${String(pair.expected.value)})`);
  },
};
