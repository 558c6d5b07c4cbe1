/**
 * `bound-identifier` and `bound-response-value`: a placeholder in an expected response accepts the
 * server's value of the declared type the first time it appears, and binds it. Later appearances
 * must equal the bound value. `$UNIQUE_IDENTIFIER_n` must name an object no other placeholder names.
 */
import { isUniqueIdentifierPlaceholder } from "../bindings";
import { leafValuesEqual } from "../values";
import { formatValue, typeName } from "../format";
import { ItemType, type TtlvNode } from "../../ttlv/types";
import { isPlaceholder } from "../../vectors/types";
import type { Diff, ItemPair, MatchState, Rule, RuleVerdict } from "../types";
import { nowOffset } from "./time-window";

export const boundIdentifier: Rule = {
  id: "bound-identifier",
  description: "$UNIQUE_IDENTIFIER_n binds to the identifier the server returns where the expected response first shows it; later uses must match it, and two placeholders may not bind to one identifier.",
  reference: "KMIP Profiles 1.4 test-case variations: Unique Identifier values are chosen by the server; spec §3.1 Unique Identifier",
  severity: "fail",

  judge(pair, state) {
    const placeholder = placeholderOf(pair);
    if (placeholder === undefined || !isUniqueIdentifierPlaceholder(placeholder)) {
      return undefined;
    }

    return judgeBound(pair, state, placeholder, this.id);
  },
};

export const boundResponseValue: Rule = {
  id: "bound-response-value",
  description: "Other response placeholders ($IV_COUNTER_NONCE, $SIGNATURE_DATA, $MAC_DATA, ...) accept the server's value of the declared type and bind it for later requests.",
  reference: "KMIP Profiles 1.4 test-case variations: outputs of randomised operations and server-generated values",
  severity: "fail",

  judge(pair, state) {
    const placeholder = placeholderOf(pair);
    if (placeholder === undefined || isUniqueIdentifierPlaceholder(placeholder) || nowOffset(placeholder) !== undefined) {
      return undefined;
    }

    return judgeBound(pair, state, placeholder, this.id);
  },
};

function placeholderOf(pair: ItemPair): string | undefined {
  return isPlaceholder(pair.expected.value) ? pair.expected.value.placeholder : undefined;
}

function judgeBound(pair: ItemPair, state: MatchState, placeholder: string, rule: string): RuleVerdict {
  const { actual, path } = pair;

  if (actual.type !== pair.expected.type || actual.type === ItemType.Structure) {
    const message = `${placeholder} expects type ${typeName(pair.expected.type)}, got ${typeName(actual.type)}`;
    return failed({ path, kind: "type", rule, message, expected: typeName(pair.expected.type), actual: typeName(actual.type) });
  }

  const bound = state.bindings.get(placeholder);
  if (bound !== undefined) {
    return compareWithBound(pair, placeholder, bound, rule);
  }

  const holder = typeof actual.value === "string" && isUniqueIdentifierPlaceholder(placeholder) ? state.bindings.uniqueIdentifierHolding(actual.value) : undefined;
  if (holder !== undefined) {
    const message = `${placeholder} is a new object, but the server returned ${actual.value}, already bound to $${holder}`;
    return failed({ path, kind: "value", rule, message, expected: `an identifier other than $${holder}`, actual: formatValue(actual) });
  }

  state.bindings.bind(placeholder, actual);
  return { diffs: [], note: `bound ${placeholder} to ${formatValue(actual)}` };
}

function compareWithBound(pair: ItemPair, placeholder: string, bound: TtlvNode, rule: string): RuleVerdict {
  if (leafValuesEqual(bound, pair.actual)) {
    return { diffs: [], note: `${placeholder} = ${formatValue(bound)}` };
  }

  const message = `expected ${placeholder} = ${formatValue(bound)}, got ${formatValue(pair.actual)}`;
  return failed({ path: pair.path, kind: "value", rule, message, expected: `${placeholder} = ${formatValue(bound)}`, actual: formatValue(pair.actual) });
}

function failed(diff: Omit<Diff, "severity">): RuleVerdict {
  return { diffs: [{ ...diff, severity: "fail" }], note: diff.message };
}
