/**
 * Judging one response: strict decoding, then the structural match against the expected template.
 */
import { Operation, ResultStatus, Tag, tagName } from "../kmip";
import { matchMessage, type MatchResult, type MatchState } from "../match";
import { decode, decodeLenient, TtlvDecodeError, type TtlvViolation } from "../ttlv";
import { ItemType, type TtlvNode } from "../ttlv/types";
import type { TemplateNode } from "../vectors";
import type { StepError, Verdict } from "./types";
import { stepVerdict } from "./verdict";

export interface Judgement extends MatchResult {
  verdict: Verdict;
  /** The decoded response; undefined when not even its top-level item could be read. */
  response: TtlvNode | undefined;
  violations: TtlvViolation[];
  error?: StepError;
}

/**
 * Decodes the response strictly, except that non-zero padding is only a warning (§9.1.1.3 fixes
 * the number of padding bytes, not their value). On a decode error the response is decoded
 * leniently for display and the step gets an "error" verdict naming the violation.
 */
export function judgeResponse(expected: TemplateNode, bytes: Buffer, state: MatchState): Judgement {
  let response: TtlvNode;
  try {
    response = decode(bytes, { namer: tagName, allowNonZeroPadding: true });
  } catch (error) {
    if (!(error instanceof TtlvDecodeError)) {
      throw error;
    }

    const lenient = decodeLenient(bytes, { namer: tagName });
    return { verdict: "error", response: lenient.node, violations: lenient.violations, diffs: [], rulesApplied: [], error: { code: error.code, message: error.message } };
  }

  const violations = decodeLenient(bytes, { namer: tagName }).violations;
  // A batch may create a key and read it back (Create then Get), so this response's own creations count.
  const serverCreatedIdentifiers = updateServerCreated(state.serverCreatedIdentifiers, response);
  const match = matchMessage(expected, response, { ...state, serverCreatedIdentifiers });
  return { ...match, verdict: stepVerdict(match.diffs, violations), response, violations };
}

const GENERATING_OPERATIONS = new Set<number>([Operation.Create, Operation.CreateKeyPair, Operation.ReKey, Operation.ReKeyKeyPair]);
const IDENTIFIER_TAGS = new Set<number>([Tag.UniqueIdentifier, Tag.PrivateKeyUniqueIdentifier, Tag.PublicKeyUniqueIdentifier]);

const REGISTERING_OPERATIONS = new Set<number>([Operation.Register]);

/**
 * Returns the identifiers of server-generated objects after this response: those known before,
 * without any that a Register in it returned, plus those it generated. A server may reuse the
 * identifier of a destroyed key, and a registered key is compared byte for byte.
 */
export function updateServerCreated(known: ReadonlySet<string>, response: TtlvNode): Set<string> {
  const updated = new Set(known);
  objectIdentifiers(response, REGISTERING_OPERATIONS).forEach((identifier) => updated.delete(identifier));
  generatedObjectIdentifiers(response).forEach((identifier) => updated.add(identifier));
  return updated;
}

/**
 * Lists the Unique Identifiers of objects the server generated in this response: the payload
 * identifiers of successful Create, Create Key Pair, Re-key and Re-key Key Pair batch items.
 */
export function generatedObjectIdentifiers(response: TtlvNode): string[] {
  return objectIdentifiers(response, GENERATING_OPERATIONS);
}

/** Lists the payload identifiers of the successful batch items of the given operations. */
function objectIdentifiers(response: TtlvNode, operations: ReadonlySet<number>): string[] {
  const identifiers: string[] = [];

  for (const item of childrenOf(response, Tag.BatchItem)) {
    const operation = childrenOf(item, Tag.Operation)[0];
    const status = childrenOf(item, Tag.ResultStatus)[0];
    if (operation === undefined || !operations.has(operation.value as number) || status?.value !== ResultStatus.Success) {
      continue;
    }

    for (const payload of childrenOf(item, Tag.ResponsePayload)) {
      const found = payload.type === ItemType.Structure ? payload.value.filter((field) => IDENTIFIER_TAGS.has(field.tag)) : [];
      identifiers.push(...found.flatMap((field) => (typeof field.value === "string" ? [field.value] : [])));
    }
  }

  return identifiers;
}

function childrenOf(node: TtlvNode, tag: number): TtlvNode[] {
  return node.type === ItemType.Structure ? node.value.filter((item) => item.tag === tag) : [];
}
