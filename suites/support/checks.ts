/**
 * The checks of the Baseline Server suite: each has a stable id that diffs and reports carry as
 * their rule, the spec clause that requires the behaviour, and the behaviour itself.
 */
import type { RuleDefinition } from "../../src/match";

export interface CheckDefinition extends RuleDefinition {
  /** Explanation of a common wrong response, added to the failure message (e.g. Invalid Message where Missing Data is required). */
  mismatchNote?: string;
}

function check(id: string, reference: string, description: string, mismatchNote?: string): CheckDefinition {
  return { id, reference, description, severity: "fail", mismatchNote };
}

export const CHECKS = {
  queryOperations: check("baseline-query-operations", "KMIP 1.4 spec §4.25 Query, Table 223", "Query with Query Operations succeeds and lists only KMIP Operation values, Query among them."),
  queryObjects: check("baseline-query-objects", "KMIP 1.4 spec §4.25 Query, Table 223", "Query with Query Objects succeeds and lists only KMIP 1.4 Object Type values."),
  queryServerInformation: check("baseline-query-server-information", "KMIP 1.4 spec §4.25 Query, Table 223: Vendor Identification SHALL be returned if Query Server Information is requested", "Query with Query Server Information returns a Vendor Identification Text String."),
  queryProfiles: check("baseline-query-profiles", "KMIP 1.4 spec §4.25 Query; §2.1.19 Profile Information; §9.1.3.2.42 Profile Name", "Query with Query Profiles succeeds, and every Profile Information holds a Profile Name."),
  discoverVersions: check("baseline-discover-versions", "KMIP 1.4 spec §4.26 Discover Versions", "Discover Versions lists the versions the server supports, KMIP 1.4 among them, and with a requested list returns only versions from that list."),
  sameMajorVersion: check("baseline-protocol-minor-version", "KMIP 1.4 spec §11.1 Table 327: same major version, different minor versions: ignore unknown fields, process rest normally; §6.1 Protocol Version: backward compatibility within a major version", "A request with the same major version and another minor version is processed."),
  otherMajorVersion: check("baseline-protocol-major-version", "KMIP 1.4 spec §11.1 Table 327: Protocol major version mismatch gives Invalid Message; §6.1", "A request with another major version is answered with one batch item, without Operation, failed with Invalid Message."),
  timeStamp: check("baseline-time-stamp", "KMIP 1.4 spec §6.5 Time Stamp: REQUIRED in a server response", "Every Response Header has a Time Stamp (Date-Time) close to the local clock."),
  batchCount: check("baseline-batch-count", "KMIP 1.4 spec §6.14 Batch Count: the number of Batch Items in a message", "The Batch Count of a response equals the number of its Batch Items."),
  uniqueBatchItemIdEcho: check("baseline-unique-batch-item-id-echo", "KMIP 1.4 spec §6.4 Unique Batch Item ID: responses SHALL have the same Unique Batch Item ID", "Each response batch item carries the Unique Batch Item ID of its request."),
  uniqueBatchItemIdRequired: check(
    "baseline-unique-batch-item-id-required",
    "KMIP 1.4 spec §7.2 Table 283: Unique Batch Item ID REQUIRED if Batch Count > 1; §6.10 Result Reason Missing Data",
    "A request with Batch Count > 1 whose items lack Unique Batch Item ID is answered with Operation Failed and Missing Data.",
    "Invalid Message (§11.1) means the message could not be parsed; this message parses, but it lacks data that §7.2 requires, which §6.10 names Missing Data. A server that answers Invalid Message treats a missing required field as a parse error.",
  ),
  batchStop: check("baseline-batch-error-stop", "KMIP 1.4 spec §6.13 Batch Error Continuation Option: Stop", "With Stop (or no option), the items after a failed item are not processed."),
  batchContinue: check("baseline-batch-error-continue", "KMIP 1.4 spec §6.13 Batch Error Continuation Option: Continue", "With Continue, the failed item returns an error and the items after it are processed, or the whole request is rejected by a server without the feature."),
  batchUndo: check("baseline-batch-error-undo", "KMIP 1.4 spec §6.13 Batch Error Continuation Option: Undo; §6.9 Operation Undone", "With Undo, the items before a failed item are undone (Operation Undone), or the whole request is rejected by a server without the feature."),
  batchOrder: check("baseline-batch-order", "KMIP 1.4 spec §6.12 Batch Order Option; §4 ID Placeholder", "With Batch Order Option True, items run in order (a Get using the ID Placeholder of a Create before it succeeds), or the whole request is rejected by a server without the feature."),
  responseTooLarge: check("baseline-response-too-large", "KMIP 1.4 spec §6.3 Maximum Response Size; §11.1 Table 327: Maximum Response Size has been exceeded gives Response Too Large", "A response larger than the request's Maximum Response Size is replaced by a failure with Response Too Large."),
  operationNotSupported: check("baseline-operation-not-supported", "KMIP 1.4 spec §11.1 Table 327: Server does not support operation gives Operation Not Supported", "A batch item with an Operation the server does not support fails with Operation Not Supported."),
  itemNotFound: check("baseline-item-not-found", "KMIP 1.4 spec §11.12 Get: No object with the specified Unique Identifier exists gives Item Not Found", "Get of a Unique Identifier that names no object fails with Item Not Found."),
  malformedMessage: check("baseline-malformed-ttlv", "KMIP 1.4 spec §9.1.1 TTLV encoding; §11.1 Table 327: Message cannot be parsed gives Invalid Message", "A malformed TTLV message is answered with Invalid Message or the connection is closed, and the server then answers a valid request."),
  tlsNoClientCertificate: check("baseline-tls-no-client-certificate", "KMIP 1.4 spec §9.1.3.2.42 Profile Name: the Baseline Server profiles run over mutually authenticated TLS, so the server requires a client certificate", "A client without a certificate gets no KMIP response."),
  tlsUntrustedClientCertificate: check("baseline-tls-untrusted-client-certificate", "Mutual TLS (RFC 5246 §7.4.6, RFC 8446 §4.4.2): the server accepts only client certificates that chain to a CA it trusts", "A client certificate from another CA gets no KMIP response."),
  tlsVersion12: check("baseline-tls-1-2", "KMIP 1.4 spec §9.1.3.2.42 Profile Name: Baseline Server TLS v1.2 KMIP v1.4 names TLS 1.2", "A client limited to TLS 1.2 connects and gets answers."),
} as const;

/** Rule of a warning that records a Result Reason accepted by `--accept-reason`. */
export const ACCEPTED_REASON_RULE: RuleDefinition = {
  id: "accepted-reason",
  description: "The certifier accepted this Result Reason in place of the one the check requires, with --accept-reason CHECK=REASON.",
  reference: "kmipcheck run --accept-reason: a certifier's decision recorded in the report; the spec requires the check's reason",
  severity: "warn",
};

/** Returns the rule definition of every check, as the report lists rules. */
export function checkDefinitions(): RuleDefinition[] {
  return [...Object.values(CHECKS), ACCEPTED_REASON_RULE].map(({ id, description, reference, severity }) => ({ id, description, reference, severity }));
}

export function isCheckId(id: string): boolean {
  return Object.values(CHECKS).some((definition) => definition.id === id);
}
