/**
 * Placeholder values bound during one vector: `$UNIQUE_IDENTIFIER_0` to the identifier the server
 * returned, `$IV_COUNTER_NONCE` to the IV it generated, and so on. Names are kept without the `$`.
 */
import type { TtlvNode } from "../ttlv/types";

const UNIQUE_IDENTIFIER = /^UNIQUE_IDENTIFIER_(\d+)$/;

/** Returns the placeholder name without its leading `$`, e.g. `NOW-3600`. */
export function placeholderName(placeholder: string): string {
  return placeholder.startsWith("$") ? placeholder.slice(1) : placeholder;
}

export function isUniqueIdentifierPlaceholder(name: string): boolean {
  return UNIQUE_IDENTIFIER.test(placeholderName(name));
}

export class Bindings {
  private readonly values = new Map<string, TtlvNode>();

  get(placeholder: string): TtlvNode | undefined {
    return this.values.get(placeholderName(placeholder));
  }

  has(placeholder: string): boolean {
    return this.values.has(placeholderName(placeholder));
  }

  bind(placeholder: string, node: TtlvNode): void {
    this.values.set(placeholderName(placeholder), node);
  }

  /** Returns the name of the Unique Identifier placeholder already bound to this text, if any. */
  uniqueIdentifierHolding(text: string): string | undefined {
    for (const [name, node] of this.values) {
      if (UNIQUE_IDENTIFIER.test(name) && node.value === text) {
        return name;
      }
    }

    return undefined;
  }

  entries(): Array<[string, TtlvNode]> {
    return [...this.values];
  }
}
