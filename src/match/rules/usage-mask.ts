/**
 * `usage-mask-bitset`: a mask (Cryptographic Usage Mask, Storage Status Mask) is a set of bits, so
 * the vector's list of names is compared as a set, whatever their order in the XML. A diff names
 * the bits missing from and added to the server's value.
 */
import { maskNames, maskOfAttribute, maskOfTag, Tag } from "../../kmip";
import { ItemType } from "../../ttlv/types";
import { isPlaceholder } from "../../vectors/types";
import { attributeNameBeside } from "../format";
import type { ItemPair, Rule, RuleVerdict } from "../types";

export const usageMaskBitset: Rule = {
  id: "usage-mask-bitset",
  description: "Usage and storage masks are compared as bit sets; the order of the names in the vector is irrelevant.",
  reference: "KMIP 1.4 spec §9.1.3.3: masks are bitwise ORs of the defined bits",
  severity: "fail",

  judge(pair) {
    const mask = maskOf(pair);
    if (mask === undefined || pair.actual.type !== ItemType.Integer || isPlaceholder(pair.expected.value)) {
      return undefined;
    }

    return judgeBits(pair, mask, pair.expected.value as number, pair.actual.value as number);
  },
};

function maskOf(pair: ItemPair): string | undefined {
  if (pair.expected.type !== ItemType.Integer) {
    return undefined;
  }

  if (pair.expected.tag === Tag.AttributeValue) {
    const attributeName = attributeNameBeside(pair.expectedAncestors.at(-1));
    return attributeName === undefined ? undefined : maskOfAttribute(attributeName);
  }

  return maskOfTag(pair.expected.tag);
}

function judgeBits(pair: ItemPair, mask: string, expected: number, actual: number): RuleVerdict {
  const expectedNames = maskNames(mask, expected >>> 0);
  const actualNames = maskNames(mask, actual >>> 0);

  if ((expected >>> 0) === (actual >>> 0)) {
    return { diffs: [], note: `${mask} bits equal as a set: ${actualNames.join(" ") || "none"}` };
  }

  const missing = maskNames(mask, (expected & ~actual) >>> 0);
  const extra = maskNames(mask, (actual & ~expected) >>> 0);
  const message = `${mask} differs: missing ${missing.join(" ") || "none"}; unexpected ${extra.join(" ") || "none"}`;
  const diff = { path: pair.path, kind: "value" as const, severity: "fail" as const, rule: "usage-mask-bitset", message, expected: expectedNames.join(" "), actual: actualNames.join(" ") };
  return { diffs: [diff], note: message };
}
