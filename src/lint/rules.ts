/**
 * The rules kmipcheck checks on the messages a client sends (and, through the proxy, on the
 * responses a server returns), each with the clause of the KMIP 1.4 specification it enforces.
 */

/** The peer that broke the rule. */
export type LintSide = "client" | "server";

export interface LintRule {
  side: LintSide;
  /** Clause of the KMIP 1.4 specification (or of its tables) that states the rule. */
  section: string;
  /** The rule itself, in one sentence. */
  statement: string;
}

export const LINT_RULES = {
  "ttlv-encoding": {
    side: "client",
    section: "KMIP 1.4 §9.1.1",
    statement: "Every item is Tag, Type, Length and Value with the lengths of Table 287, padded to a multiple of 8 bytes.",
  },
  "request-shape": {
    side: "client",
    section: "KMIP 1.4 §7.1 Table 280, §7.2 Tables 282 and 283",
    statement: "A Request Message is a Request Header followed by one or more Batch Items, each with Operation and Request Payload.",
  },
  "protocol-version": {
    side: "client",
    section: "KMIP 1.4 §6.1",
    statement: "The request's Protocol Version must be one the server speaks (1.0 to 1.4 here); other major versions need not be supported.",
  },
  "batch-count": {
    side: "client",
    section: "KMIP 1.4 §6.14",
    statement: "Batch Count is the number of Batch Items in the message.",
  },
  "unique-batch-item-id-missing": {
    side: "client",
    section: "KMIP 1.4 §7.2 Table 283, §6.4",
    statement: "Unique Batch Item ID is REQUIRED in every Batch Item when Batch Count is greater than 1.",
  },
  "unique-batch-item-id-duplicate": {
    side: "client",
    section: "KMIP 1.4 §6.4",
    statement: "Unique Batch Item IDs correlate requests with responses, so two Batch Items of one message must not share one.",
  },
  "batch-error-continuation-option": {
    side: "client",
    section: "KMIP 1.4 §6.13",
    statement: "Batch Error Continuation Option SHALL only be present if the Batch Count is greater than 1.",
  },
  "time-stamp-future": {
    side: "client",
    section: "KMIP 1.4 §6.5",
    statement: "A request's Time Stamp is the client's current time; a server MAY reject one too far off its own clock.",
  },
  "unknown-tag": {
    side: "client",
    section: "KMIP 1.4 §9.1.3.1 Table 288",
    statement: "Tags are those of Table 288 (0x42XXXX) or extension tags (0x54XXXX).",
  },
  "unexpected-field": {
    side: "client",
    section: "KMIP 1.4 §7.2 Tables 282 and 283",
    statement: "The Request Header and Request Batch Item contain only the fields their tables list.",
  },
  "field-order": {
    side: "client",
    section: "KMIP 1.4 §7, §9.1.1.4",
    statement: "All fields SHALL appear in the order of their structure's table (message, payload and object tables).",
  },
  "attribute-name": {
    side: "client",
    section: "KMIP 1.4 §2.1.1, §3, §3.39",
    statement: "Attribute Name is the name of an attribute of §3, or a custom attribute name starting with 'x-' (client-created); clients SHALL NOT send 'y-' names.",
  },
  "attribute-value-type": {
    side: "client",
    section: "KMIP 1.4 §3 (the encoding table of each attribute)",
    statement: "Attribute Value has the item type, enumeration or structure the attribute's table gives.",
  },
  "version-gating": {
    side: "client",
    section: "KMIP 1.4 §6.1, §9.1.3",
    statement: "A message uses only the tags, attributes and gated enumeration values defined in its own Protocol Version.",
  },
  "response-ttlv-encoding": {
    side: "server",
    section: "KMIP 1.4 §9.1.1",
    statement: "Every item of the response is valid TTLV.",
  },
  "response-shape": {
    side: "server",
    section: "KMIP 1.4 §7.1 Table 281, §7.2 Tables 284 and 285",
    statement: "A Response Message is a Response Header followed by Batch Items, each with Result Status.",
  },
  "response-protocol-version": {
    side: "server",
    section: "KMIP 1.4 §6.1",
    statement: "The response uses the request's Protocol Version, or a lower minor version of the same major version.",
  },
  "response-time-stamp": {
    side: "server",
    section: "KMIP 1.4 §6.5, §7.2 Table 284",
    statement: "Time Stamp is REQUIRED in every Response Header.",
  },
  "response-batch-count": {
    side: "server",
    section: "KMIP 1.4 §6.14",
    statement: "The response's Batch Count is the number of Batch Items it contains.",
  },
  "response-unique-batch-item-id": {
    side: "server",
    section: "KMIP 1.4 §6.4, §7.2 Table 285",
    statement: "If a request Batch Item has a Unique Batch Item ID, the response to it SHALL have the same Unique Batch Item ID.",
  },
  "response-result-reason": {
    side: "server",
    section: "KMIP 1.4 §7.2 Table 285",
    statement: "Result Reason is REQUIRED when Result Status is Operation Failed.",
  },
  "response-version-gating": {
    side: "server",
    section: "KMIP 1.4 §6.1, §9.1.3.1 Table 288, §9.1.3.2",
    statement: "The response uses only the tags, attributes and gated enumeration values defined in the request's Protocol Version.",
  },
} as const satisfies Record<string, LintRule>;

export type LintRuleId = keyof typeof LINT_RULES;
