/**
 * The vector model: a vector file is a list of steps, each a request to send and the response
 * expected back, written as TTLV trees whose leaves may hold placeholders.
 */
import type { ItemType, TtlvNode } from "../ttlv/types";

/**
 * A value a vector leaves open, such as `$UNIQUE_IDENTIFIER_0`, `$NOW` or `$NOW-3600`. The replay
 * binds it from the server's responses or from the clock at send time.
 */
export interface Placeholder {
  placeholder: string;
}

type LeafType = Exclude<ItemType, ItemType.Structure>;

/** A leaf whose value is given by a placeholder instead of a literal. */
export interface PlaceholderNode {
  tag: number;
  type: LeafType;
  value: Placeholder;
}

export interface TemplateStructure {
  tag: number;
  type: ItemType.Structure;
  value: TemplateNode[];
}

/** A TTLV tree as a vector writes it: a literal leaf, a placeholder leaf or a structure of them. */
export type TemplateNode = Exclude<TtlvNode, { type: ItemType.Structure }> | PlaceholderNode | TemplateStructure;

/** One request and the response expected for it. */
export interface Step {
  /** Position in the file, from 0. */
  index: number;
  request: TemplateNode;
  expected: TemplateNode;
  /** Line of the request element in the source file, for messages. */
  line: number;
}

export interface VectorFile {
  /** Path the vector was read from. */
  path: string;
  /** File name without extension, e.g. `SKLC-M-1-14`. */
  name: string;
  steps: Step[];
}

export function isPlaceholder(value: unknown): value is Placeholder {
  return typeof value === "object" && value !== null && "placeholder" in value && !Buffer.isBuffer(value);
}
