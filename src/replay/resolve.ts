/**
 * Resolution of a request template before it is sent. `$NOW±N` comes from the clock at send time
 * and response placeholders from the values bound so far. A placeholder that no expected response
 * defines (`$DATA_0`, `$MAC_DATA`) takes the same-named field of the latest response that has one.
 */
import { tagName, withAuthentication } from "../kmip";
import { nowOffset, type Bindings, type RuleApplication } from "../match";
import { ItemType, type TtlvNode } from "../ttlv/types";
import { replacePlaceholders, toTtlv, type PlaceholderNode, type TemplateNode } from "../vectors";
import { ReplayError } from "./errors";

/** Sources of a request's placeholder values. */
export interface ResolveContext {
  bindings: Bindings;
  /** The send time, in whole POSIX seconds. */
  now: number;
  /** Responses received so far in this vector, oldest first. */
  responses: ReadonlyArray<TtlvNode>;
  /** Authentication (§6.6) that replaces or joins the request's own, in the header order of §7.2 Table 282. */
  authentication?: TtlvNode;
}

export interface ResolvedRequest {
  message: TtlvNode;
  /** `carried-response-value` applications, one per placeholder filled from a response field. */
  rulesApplied: RuleApplication[];
}

export const CARRIED_RESPONSE_VALUE = {
  id: "carried-response-value",
  description: "A request placeholder that no expected response defines ($DATA_0, $MAC_DATA, ...) takes the value of the same-named field in the latest response that has one.",
  reference: "OASIS KMIP 1.4 test cases: such placeholders stand for a value returned by an earlier step",
  severity: "fail" as const,
};

/**
 * Replaces every placeholder of the request and adds the context's Authentication; throws
 * ReplayError REPLAY_UNBOUND_PLACEHOLDER if a placeholder has no value.
 */
export function resolveRequest(template: TemplateNode, context: ResolveContext): ResolvedRequest {
  const rulesApplied: RuleApplication[] = [];

  const resolved = replacePlaceholders(template, (leaf, path) => {
    const { node, carriedNote } = resolveLeaf(leaf, path, context);
    if (carriedNote !== undefined) {
      rulesApplied.push({ rule: CARRIED_RESPONSE_VALUE.id, path, note: carriedNote });
    }
    return node;
  });

  const message = toTtlv(resolved);
  return { message: context.authentication === undefined ? message : withAuthentication(message, context.authentication), rulesApplied };
}

function resolveLeaf(leaf: PlaceholderNode, path: string, context: ResolveContext): { node: TemplateNode; carriedNote?: string } {
  const placeholder = leaf.value.placeholder;
  const offset = nowOffset(placeholder);
  if (offset !== undefined) {
    return { node: timeLeaf(leaf, path, context.now + offset) };
  }

  const bound = context.bindings.get(placeholder);
  if (bound !== undefined) {
    return { node: withValueOf(leaf, path, bound) };
  }

  const carried = latestField(placeholder, context.responses);
  if (carried !== undefined) {
    const note = `${placeholder} taken from ${tagName(carried.tag) ?? "a field"} of the latest response that has one`;
    return { node: withValueOf(leaf, path, carried), carriedNote: note };
  }

  throw new ReplayError("REPLAY_UNBOUND_PLACEHOLDER", `the request uses ${placeholder} at ${path}, but no earlier response supplied a value for it`, { context: { placeholder, path } });
}

function timeLeaf(leaf: PlaceholderNode, path: string, seconds: number): TemplateNode {
  if (leaf.type === ItemType.DateTime || leaf.type === ItemType.LongInteger) {
    return { tag: leaf.tag, type: leaf.type, value: BigInt(seconds) };
  }

  throw new ReplayError("REPLAY_PLACEHOLDER_TYPE", `${leaf.value.placeholder} at ${path} must be a DateTime, not ${ItemType[leaf.type]}`, { context: { path } });
}

/** Takes a bound value into the template leaf's tag; the types must agree. */
function withValueOf(leaf: PlaceholderNode, path: string, source: TtlvNode): TemplateNode {
  if (source.type !== leaf.type) {
    const message = `${leaf.value.placeholder} at ${path} is a ${ItemType[leaf.type]}, but its bound value is a ${ItemType[source.type]}`;
    throw new ReplayError("REPLAY_PLACEHOLDER_TYPE", message, { context: { path } });
  }

  return { ...source, tag: leaf.tag } as TemplateNode;
}

/**
 * Finds the field a placeholder names: `$MAC_DATA` names MACData, `$DATA_0` names Data (a trailing
 * number only distinguishes placeholders). Names compare without underscores and case.
 */
function latestField(placeholder: string, responses: ReadonlyArray<TtlvNode>): TtlvNode | undefined {
  const wanted = placeholder.replace(/^\$/, "").replace(/_\d+$/, "").replace(/_/g, "").toLowerCase();

  for (const response of [...responses].reverse()) {
    const found = findLeaf(response, (tag) => (tagName(tag) ?? "").toLowerCase() === wanted);
    if (found !== undefined) {
      return found;
    }
  }

  return undefined;
}

function findLeaf(node: TtlvNode, matches: (tag: number) => boolean): TtlvNode | undefined {
  if (node.type !== ItemType.Structure) {
    return matches(node.tag) ? node : undefined;
  }

  for (const item of node.value) {
    const found = findLeaf(item, matches);
    if (found !== undefined) {
      return found;
    }
  }

  return undefined;
}
