/**
 * `random-iv`: with Random IV set in the Cryptographic Parameters and no IV in the Encrypt request,
 * the server generates the IV, so neither the vector's IV nor its ciphertext can recur. The rule
 * checks that the IV is a Byte String of the mode's IV length that the server has not returned
 * before in this run, and recomputes the ciphertext under that IV when the key is known.
 */
import { Tag } from "../../kmip";
import { child } from "../../ttlv/access";
import { ItemType } from "../../ttlv/types";
import { isPlaceholder } from "../../vectors/types";
import { batchContext, bytesOf, type BatchContext } from "../context";
import { effectiveParameters, symmetricKeyOf, type EffectiveParameters } from "../crypto";
import { ciphertextLength, ivLength, runSymmetric } from "../symmetric";
import type { ItemPair, MatchState, Rule, RuleVerdict } from "../types";
import { operationKey, type OperationKey } from "./operation-key";
import { accepted, checkLength, rejected, ruleDiff } from "./verdicts";

const ID = "random-iv";

export const randomIv: Rule = {
  id: ID,
  description: "With Random IV true and no IV in the Encrypt request, the server's IV is checked for type, the mode's IV length and that it differs from every IV the server returned before; the ciphertext is recomputed under that IV when the key is known, else checked by length.",
  reference: "KMIP 1.4 spec §3.6 Cryptographic Parameters, Random IV: the server SHALL generate a random IV; KMIP Profiles 1.4 test-case variations: outputs of randomised operations",
  severity: "fail",

  judge(pair, state) {
    const context = pair.expected.tag === Tag.IVCounterNonce || pair.expected.tag === Tag.Data ? batchContext(pair.actualAncestors, state) : undefined;
    if (context?.operation !== "Encrypt" || context.requestPayload === undefined || child(context.requestPayload, Tag.IVCounterNonce) !== undefined) {
      return undefined;
    }

    const key = operationKey(context, state);
    const parameters = effectiveParameters(context.requestPayload, key.object);
    if (parameters.randomIv !== true) {
      return undefined;
    }

    return pair.expected.tag === Tag.IVCounterNonce ? judgeIv(pair, state, key, parameters) : judgeCiphertext(pair, context, key, parameters);
  },
};

function judgeIv(pair: ItemPair, state: MatchState, key: OperationKey, parameters: EffectiveParameters): RuleVerdict {
  const iv = bytesOf(pair.actual);
  if (pair.actual.type !== ItemType.ByteString || iv === undefined) {
    return rejected(ruleDiff(ID, pair.path, "type", "the generated IV must be a ByteString", "ByteString", ItemType[pair.actual.type]));
  }

  const length = ivLength(key.object?.cryptographicAlgorithm, parameters.blockCipherMode);
  if (length !== undefined && iv.length !== length) {
    return rejected(ruleDiff(ID, pair.path, "value", `the generated IV has ${iv.length} bytes; ${parameters.blockCipherMode} needs the block length, ${length}`, `${length} bytes`, `${iv.length} bytes`));
  }

  const hex = iv.toString("hex");
  if (state.generatedIvs?.has(hex)) {
    return rejected(ruleDiff(ID, pair.path, "value", `the server returned the IV ${hex} before in this run; a Random IV must differ between calls`, "a new IV", hex));
  }

  state.generatedIvs?.add(hex);
  if (isPlaceholder(pair.expected.value)) {
    state.bindings.bind(pair.expected.value.placeholder, pair.actual);
  }

  return accepted(`server-generated IV ${hex} (${iv.length} bytes) accepted; not seen before in this run`);
}

function judgeCiphertext(pair: ItemPair, context: BatchContext, key: OperationKey, parameters: EffectiveParameters): RuleVerdict {
  const ciphertext = bytesOf(pair.actual);
  const plaintext = bytesOf(child(context.requestPayload!, Tag.Data));
  if (ciphertext === undefined || plaintext === undefined) {
    return rejected(ruleDiff(ID, pair.path, "type", "the ciphertext must be a ByteString", "ByteString", ItemType[pair.actual.type]));
  }

  const keyBytes = symmetricKeyOf(key.object);
  const iv = bytesOf(child(context.responsePayload!, Tag.IVCounterNonce));
  if (keyBytes !== undefined && iv !== undefined) {
    return compareRecomputed(pair, ciphertext, { algorithm: key.object?.cryptographicAlgorithm, key: keyBytes, mode: parameters.blockCipherMode, paddingMethod: parameters.paddingMethod, iv, data: plaintext });
  }

  return checkLength(ID, pair, ciphertext.length, ciphertextLength(key.object?.cryptographicAlgorithm, parameters.blockCipherMode, parameters.paddingMethod, plaintext.length));
}

function compareRecomputed(pair: ItemPair, ciphertext: Buffer, job: Parameters<typeof runSymmetric>[0]): RuleVerdict {
  const expected = runSymmetric(job, "encrypt");
  if (expected === undefined) {
    return checkLength(ID, pair, ciphertext.length, ciphertextLength(job.algorithm, job.mode, job.paddingMethod, job.data.length));
  }

  if (!expected.equals(ciphertext)) {
    return rejected(ruleDiff(ID, pair.path, "value", `the ciphertext differs from the one recomputed with the known key and the server's IV`, expected.toString("hex"), ciphertext.toString("hex")));
  }

  return accepted(`ciphertext recomputed with the known key and the server's IV; equal byte for byte`);
}
