/**
 * Capture to vector: the exchanges of a session written as a vector file in the OASIS XML form, so
 * that `kmipcheck run --vectors DIR` replays a real client's session. Unique Identifiers the server
 * returned become `$UNIQUE_IDENTIFIER_n` (bound at their first appearance in a response, as the
 * replay binds them), and Date-Time values become `$NOW` or `$NOW±N`, N being their distance in
 * seconds from the request's arrival.
 */
import { Tag, tagName } from "../kmip";
import { decode, TtlvDecodeError } from "../ttlv";
import { ItemType, type TtlvNode } from "../ttlv/types";
import { templateToXml, type TemplateNode } from "../vectors";
import type { Exchange } from "./types";

/** Tags whose Text String value is the Unique Identifier of a managed object (§3.1, §3.35 Link). */
const IDENTIFIER_TAGS: ReadonlySet<number> = new Set([
  Tag.UniqueIdentifier, Tag.PrivateKeyUniqueIdentifier, Tag.PublicKeyUniqueIdentifier, Tag.ReplacedUniqueIdentifier, Tag.LinkedObjectIdentifier,
]);

interface CapturedStep {
  request: TtlvNode;
  response: TtlvNode;
  /** Arrival of the request, in POSIX seconds. */
  at: number;
}

/** The exchanges of one session that can become vector steps, and the reasons others could not. */
export class SessionCapture {
  private readonly steps: CapturedStep[] = [];
  private readonly skipped: string[] = [];

  /** Adds an exchange; one whose request or response does not decode strictly is skipped, with the reason kept. */
  add(exchange: Exchange, number: number): void {
    if (exchange.response === undefined) {
      this.skipped.push(`exchange ${number}: no response`);
      return;
    }

    try {
      const request = decode(exchange.request, { namer: tagName, allowNonZeroPadding: true });
      const response = decode(exchange.response, { namer: tagName, allowNonZeroPadding: true });
      this.steps.push({ request, response, at: Math.floor(exchange.receivedAt.getTime() / 1000) });
    } catch (error) {
      if (!(error instanceof TtlvDecodeError)) {
        throw error;
      }
      this.skipped.push(`exchange ${number}: ${error.message}`);
    }
  }

  get stepCount(): number {
    return this.steps.length;
  }

  /** Reasons for the exchanges left out of the vector. */
  get skippedExchanges(): readonly string[] {
    return this.skipped;
  }

  /** Writes the vector file's XML; `description` goes into a comment at the top. */
  toVectorXml(description: string): string {
    const lines = [`<KMIP>\n`, `<!-- ${commentText(description)} -->\n`];
    for (const step of placeholderSteps(this.steps)) {
      lines.push(templateToXml(step.request), "\n", templateToXml(step.response), "\n");
    }
    lines.push("</KMIP>\n");
    return lines.join("");
  }
}

/** Replaces identifiers and times of every step with placeholders, in session order. */
export function placeholderSteps(steps: ReadonlyArray<CapturedStep>): Array<{ request: TemplateNode; response: TemplateNode }> {
  const identifiers = new IdentifierPlaceholders();
  return steps.map((step) => ({
    request: withPlaceholders(step.request, step.at, identifiers, false),
    response: withPlaceholders(step.response, step.at, identifiers, true),
  }));
}

/** Assigns `$UNIQUE_IDENTIFIER_n` to identifiers in the order responses first return them. */
class IdentifierPlaceholders {
  private readonly placeholders = new Map<string, string>();
  /** Identifiers a request sent before any response returned them: they stay literal, because no replay could bind them. */
  private readonly literal = new Set<string>();

  lookup(identifier: string, inResponse: boolean): string | undefined {
    const known = this.placeholders.get(identifier);
    if (known !== undefined || this.literal.has(identifier)) {
      return known;
    }

    if (!inResponse) {
      this.literal.add(identifier);
      return undefined;
    }
    const placeholder = `$UNIQUE_IDENTIFIER_${this.placeholders.size}`;
    this.placeholders.set(identifier, placeholder);
    return placeholder;
  }
}

function withPlaceholders(node: TtlvNode, at: number, identifiers: IdentifierPlaceholders, inResponse: boolean, isIdentifierValue = false): TemplateNode {
  if (node.type === ItemType.Structure) {
    const holdsIdentifier = isUniqueIdentifierAttribute(node);
    const value = node.value.map((item) => withPlaceholders(item, at, identifiers, inResponse, holdsIdentifier && item.tag === Tag.AttributeValue));
    return { tag: node.tag, type: ItemType.Structure, value };
  }

  if (node.type === ItemType.DateTime) {
    return { tag: node.tag, type: node.type, value: { placeholder: nowPlaceholder(Number(node.value) - at) } };
  }

  if (node.type === ItemType.TextString && (IDENTIFIER_TAGS.has(node.tag) || isIdentifierValue)) {
    const placeholder = identifiers.lookup(node.value, inResponse && !isIdentifierValue);
    return placeholder === undefined ? node : { tag: node.tag, type: node.type, value: { placeholder } };
  }
  return node;
}

/** Tells whether an Attribute structure is the Unique Identifier attribute, whose Attribute Value is an identifier. */
function isUniqueIdentifierAttribute(node: TtlvNode): boolean {
  if (node.tag !== Tag.Attribute || node.type !== ItemType.Structure) {
    return false;
  }
  const name = node.value.find((item) => item.tag === Tag.AttributeName);
  return name?.type === ItemType.TextString && name.value === "Unique Identifier";
}

function nowPlaceholder(offsetSeconds: number): string {
  if (offsetSeconds === 0) {
    return "$NOW";
  }
  return offsetSeconds > 0 ? `$NOW+${offsetSeconds}` : `$NOW${offsetSeconds}`;
}

/** XML comments may not contain "--". */
function commentText(text: string): string {
  return text.replace(/-{2,}/g, "-");
}
