import { Tag } from "../../kmip";
import { ItemType, type TtlvNode } from "../../ttlv/types";

/** Returns the Unique Identifier of the nearest enclosing structure that names one (normally the Response Payload). */
export function objectIdentifier(ancestors: ReadonlyArray<TtlvNode>): string | undefined {
  for (const ancestor of [...ancestors].reverse()) {
    if (ancestor.type !== ItemType.Structure) {
      continue;
    }

    const identifier = ancestor.value.find((item) => item.tag === Tag.UniqueIdentifier);
    if (identifier !== undefined && typeof identifier.value === "string") {
      return identifier.value;
    }
  }

  return undefined;
}
