/**
 * `result-message-text`: the Result Message is optional free text for people, and the Profiles let
 * a server word it as it likes. So any Text String, or none, is accepted where the vector has one.
 */
import { Tag } from "../../kmip";
import { ItemType } from "../../ttlv/types";
import { typeName } from "../format";
import type { Rule } from "../types";

export const resultMessageText: Rule = {
  id: "result-message-text",
  description: "The Result Message text may differ from the vector's; only its presence and type are checked.",
  reference: "KMIP 1.4 spec §6.11 Result Message: a free-form text message; KMIP Profiles 1.4 test-case variations",
  severity: "fail",

  judge(pair) {
    if (pair.expected.tag !== Tag.ResultMessage) {
      return undefined;
    }

    if (pair.actual.type !== ItemType.TextString) {
      const message = `Result Message must be a TextString, got ${typeName(pair.actual.type)}`;
      return { note: message, diffs: [{ path: pair.path, kind: "type", severity: "fail", rule: this.id, message, expected: "TextString", actual: typeName(pair.actual.type) }] };
    }

    return { diffs: [], note: `server's text "${pair.actual.value}" accepted for "${String(pair.expected.value)}"` };
  },

  // §6.11: the Result Message "MAY be returned", so a response without one is not wrong.
  judgeMissing(item) {
    return item.expected.tag === Tag.ResultMessage ? { diffs: [], note: "no Result Message returned; the field is optional" } : undefined;
  },
};
