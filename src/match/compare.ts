/**
 * Structural comparison of an expected response template with the decoded response. Children of a
 * structure are paired by tag and by position among same-tag siblings, unless a rule pairs a group
 * by a key (Attributes by Attribute Name and Attribute Index, Query lists by value). Because the
 * spec fixes the order of fields in each structure, a field found out of place is reported as an
 * `order` diff.
 */
import { Tag, tagLabel } from "../kmip";
import { ItemType, type TtlvNode } from "../ttlv/types";
import { isPlaceholder, type TemplateNode } from "../vectors/types";
import { attributeNameBeside, formatValue, typeName } from "./format";
import { pairSiblings } from "./pairing";
import { childPath, groupByTag } from "./path";
import { DEFAULT_RULES } from "./rules";
import { leafValuesEqual, plainDiff } from "./values";
import type { Diff, ItemPair, MatchResult, MatchState, MissingItem, PairKey, Rule, RuleApplication, SiblingGroup, UnexpectedItem } from "./types";

/** Compares one expected message with the actual one; binds placeholders into `state.bindings`. */
export function matchMessage(expected: TemplateNode, actual: TtlvNode, state: MatchState, rules: ReadonlyArray<Rule> = DEFAULT_RULES): MatchResult {
  const comparison = new Comparison(state, rules);
  const path = tagLabel(expected.tag);

  if (expected.tag !== actual.tag) {
    const diff = plainDiff(path, "value", `expected a ${tagLabel(expected.tag)}, got a ${tagLabel(actual.tag)}`);
    return { diffs: [{ ...diff, expected: tagLabel(expected.tag), actual: tagLabel(actual.tag) }], rulesApplied: [] };
  }

  const diffs = comparison.compare({ expected, actual, path, expectedAncestors: [], actualAncestors: [] });
  diffs.push(...comparison.checkMessage(actual));
  return { diffs, rulesApplied: comparison.applications };
}

class Comparison {
  readonly applications: RuleApplication[] = [];

  constructor(
    private readonly state: MatchState,
    private readonly rules: ReadonlyArray<Rule>,
  ) {}

  readonly compare = (pair: ItemPair): Diff[] => {
    for (const rule of this.rules) {
      const verdict = rule.judge(pair, this.state, this.compare);
      if (verdict !== undefined) {
        this.applications.push({ rule: rule.id, path: pair.path, note: verdict.note });
        return verdict.diffs;
      }
    }

    return this.compareWithoutRules(pair);
  };

  /** Runs the whole-message checks of the rules (version gating). */
  checkMessage(actual: TtlvNode): Diff[] {
    const diffs: Diff[] = [];

    for (const rule of this.rules) {
      const verdict = rule.checkMessage?.(actual, this.state);
      if (verdict !== undefined) {
        this.applications.push({ rule: rule.id, path: tagLabel(actual.tag), note: verdict.note });
        diffs.push(...verdict.diffs);
      }
    }

    return diffs;
  }

  private missing(item: MissingItem): Diff[] {
    for (const rule of this.rules) {
      const verdict = rule.judgeMissing?.(item, this.state);
      if (verdict !== undefined) {
        this.applications.push({ rule: rule.id, path: item.path, note: verdict.note });
        return verdict.diffs;
      }
    }

    const parent = item.expectedAncestors.at(-1) as TemplateNode;
    return [{ ...plainDiff(item.path, "missing", `${tagLabel(item.expected.tag)} is missing`), expected: describe(item.expected, parent) }];
  }

  private compareWithoutRules(pair: ItemPair): Diff[] {
    const { expected, actual, path } = pair;

    if (expected.type !== actual.type) {
      const diff = plainDiff(path, "type", `expected type ${typeName(expected.type)}, got ${typeName(actual.type)}`);
      return [{ ...diff, expected: typeName(expected.type), actual: typeName(actual.type) }];
    }

    if (isPlaceholder(expected.value)) {
      return [plainDiff(path, "value", `no rule accepts the placeholder ${expected.value.placeholder}`)];
    }

    if (expected.type === ItemType.Structure) {
      return this.compareChildren(pair);
    }

    return leafValuesEqual(expected as TtlvNode, actual) ? [] : [valueDiff(pair)];
  }

  private compareChildren(pair: ItemPair): Diff[] {
    const expectedChildren = pair.expected.value as TemplateNode[];
    const actualChildren = pair.actual.value as TtlvNode[];
    const expectedGroups = groupByTag(expectedChildren);
    const actualGroups = groupByTag(actualChildren);
    const expectedAncestors = [...pair.expectedAncestors, pair.expected];
    const actualAncestors = [...pair.actualAncestors, pair.actual];
    const diffs: Diff[] = [];

    const tags = new Set([...expectedGroups.keys(), ...actualGroups.keys()]);
    for (const tag of tags) {
      const group: SiblingGroup = { tag, parentPath: pair.path, expectedItems: expectedGroups.get(tag) ?? [], actualItems: actualGroups.get(tag) ?? [], expectedAncestors, actualAncestors };
      diffs.push(...this.compareGroup(group, pair.expected));
    }

    diffs.push(...orderDiffs(pair.path, expectedChildren, actualChildren));
    return diffs;
  }

  /** Pairs the items of one tag (by position, or by the key of a rule) and compares each pair. */
  private compareGroup(group: SiblingGroup, expectedParent: TemplateNode): Diff[] {
    const { expectedItems, actualItems, expectedAncestors, actualAncestors } = group;
    const count = Math.max(expectedItems.length, actualItems.length);
    const pairing = pairSiblings(group, this.keyOf(group));
    const diffs: Diff[] = [];

    for (const { expectedIndex, actualIndex } of pairing.pairs) {
      const expected = expectedItems[expectedIndex];
      if (actualIndex === undefined) {
        diffs.push(...this.missing({ expected, path: childPath(group.parentPath, group.tag, expectedIndex, count), expectedAncestors }));
        continue;
      }

      const path = childPath(group.parentPath, group.tag, actualIndex, count);
      diffs.push(...this.compare({ expected, actual: actualItems[actualIndex], path, expectedAncestors, actualAncestors }));
    }

    for (const actualIndex of pairing.unpaired) {
      const path = childPath(group.parentPath, group.tag, actualIndex, actualItems.length);
      diffs.push(...this.unexpected({ actual: actualItems[actualIndex], path, actualAncestors, expectedParent }));
    }

    return diffs;
  }

  /** Asks the rules for a pairing key; the first rule that gives one is recorded. */
  private keyOf(group: SiblingGroup): PairKey | undefined {
    for (const rule of this.rules) {
      const key = rule.pairBy?.(group, this.state);
      if (key !== undefined) {
        this.applications.push({ rule: rule.id, path: `${group.parentPath}/${tagLabel(group.tag)}`, note: key.note });
        return key;
      }
    }

    return undefined;
  }

  private unexpected(item: UnexpectedItem): Diff[] {
    for (const rule of this.rules) {
      const verdict = rule.judgeUnexpected?.(item, this.state);
      if (verdict !== undefined) {
        this.applications.push({ rule: rule.id, path: item.path, note: verdict.note });
        return verdict.diffs;
      }
    }

    const diff = plainDiff(item.path, "unexpected", `${tagLabel(item.actual.tag)} is not in the expected response`);
    return [{ ...diff, actual: describe(item.actual, item.actualAncestors.at(-1) as TtlvNode) }];
  }
}

/**
 * Reports one `order` diff when the fields present on both sides appear in another order than
 * expected. Same-tag siblings are paired by position, so only the order of distinct tags can differ.
 */
function orderDiffs(path: string, expectedChildren: TemplateNode[], actualChildren: TtlvNode[]): Diff[] {
  const actualTags = new Set(actualChildren.map((item) => item.tag));
  const expectedTags = new Set(expectedChildren.map((item) => item.tag));
  const expectedOrder = distinctInOrder(expectedChildren.map((item) => item.tag).filter((tag) => actualTags.has(tag)));
  const actualOrder = distinctInOrder(actualChildren.map((item) => item.tag).filter((tag) => expectedTags.has(tag)));

  if (expectedOrder.join() === actualOrder.join()) {
    return [];
  }

  const expected = expectedOrder.map(tagLabel).join(", ");
  const actual = actualOrder.map(tagLabel).join(", ");
  return [{ ...plainDiff(path, "order", `fields are out of order`), expected, actual }];
}

/** Returns tags in order of first appearance, collapsing runs of one tag but keeping a tag that reappears later. */
function distinctInOrder(tags: number[]): number[] {
  return tags.filter((tag, index) => index === 0 || tags[index - 1] !== tag);
}

function valueDiff(pair: ItemPair): Diff {
  const attributeName = attributeNameBeside(pair.expectedAncestors.at(-1));
  const expected = formatValue(pair.expected, attributeName);
  const actual = formatValue(pair.actual, attributeNameBeside(pair.actualAncestors.at(-1)));
  return { ...plainDiff(pair.path, "value", `expected ${expected}, got ${actual}`), expected, actual };
}

function describe(node: TemplateNode | TtlvNode, parent: TemplateNode | TtlvNode): string {
  // Only an Attribute Value needs its Attribute Name. Looking it up for every node scans the parent
  // each time, which made 30,000 unexpected siblings take minutes.
  const attributeName = node.tag === Tag.AttributeValue ? attributeNameBeside(parent) : undefined;
  return `${typeName(node.type)} ${formatValue(node, attributeName)}`;
}
