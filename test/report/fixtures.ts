/**
 * A synthetic run report with every kind of outcome: a pass with rules applied, a fail with diffs
 * and lenient-decode violations, a decode error and a vector that could not connect. Its text must
 * be escaped, because it contains markup, quotes, control characters and a lone surrogate.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020";
import { tagName, Tag } from "../../src/kmip";
import type { StepOutcome, VectorOutcome } from "../../src/replay";
import { buildRunReport, type RunInfo, type RunReport } from "../../src/report";
import { bool, decodeLenient, encode, enumeration, integer, structure, text } from "../../src/ttlv";

/** Repository root: compiled tests run from dist/test/report, three levels below it. */
export const REPO_ROOT = resolve(__dirname, "../../..");

/** Text that breaks XML and HTML unless every character is escaped. */
export const HOSTILE = `<img src=x onerror="alert(1)"> & 'quoted' ]]> \u0000\u001b end\uD800`;

export const INFO: RunInfo = {
  runId: "20240101T000000Z-abcdef",
  tool: { name: "kmipcheck", version: "0.0.0-test" },
  target: { kind: "remote", host: "127.0.0.1", port: 5696 },
  startedAt: "2024-01-01T00:00:00.000Z",
  profiles: [],
  vectorFolders: ["vectors"],
};

/** Encodes a response with a header and one batch item. */
export function responseBytes(resultReason: string): Buffer {
  return encode(
    structure(Tag.ResponseMessage, [
      structure(Tag.ResponseHeader, [structure(Tag.ProtocolVersion, [integer(Tag.ProtocolVersionMajor, 1), integer(Tag.ProtocolVersionMinor, 4)]), integer(Tag.BatchCount, 1)]),
      structure(Tag.BatchItem, [enumeration(Tag.Operation, 1), enumeration(Tag.ResultStatus, 0), text(Tag.ResultMessage, resultReason), bool(Tag.AsynchronousIndicator, false)]),
    ]),
  );
}

/** Encodes the response above, then sets a non-zero padding byte after the Result Message and a Boolean of 2. */
export function malformedResponseBytes(): Buffer {
  const bytes = responseBytes("abc");
  const textOffset = bytes.indexOf(Buffer.from("abc"));
  bytes[textOffset + 3] = 0x7f;
  bytes[bytes.length - 1] = 2;
  return bytes;
}

function step(index: number, overrides: Partial<StepOutcome>): StepOutcome {
  return {
    index, line: 10 + index * 20, operations: ["Create"], verdict: "pass", diffs: [], rulesApplied: [], violations: [],
    expectedXml: "<ResponseMessage/>", durationMs: 2, startedAt: INFO.startedAt, ...overrides,
  };
}

function passingVector(): VectorOutcome {
  const bytes = responseBytes("fine");
  const rulesApplied = [{ rule: "time-window", path: "ResponseMessage/ResponseHeader/TimeStamp", note: "2 s from the local clock" }];
  const steps = [step(0, { rulesApplied, requestBytes: bytes, responseBytes: bytes, requestXml: "<RequestMessage/>", responseXml: "<ResponseMessage/>" })];
  return { name: "SKLC-M-1-14", path: "vectors/SKLC-M-1-14.xml", profile: "symmetric-key-lifecycle", verdict: "pass", steps, startedAt: INFO.startedAt, durationMs: 5, tls: { protocol: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384" } };
}

function failingVector(): VectorOutcome {
  const bytes = malformedResponseBytes();
  const violations = decodeLenient(bytes, { namer: tagName }).violations;
  const diffs = [
    { path: "ResponseMessage/BatchItem/ResultReason", kind: "value" as const, expected: "ItemNotFound", actual: HOSTILE, severity: "fail" as const, message: `expected ItemNotFound, got ${HOSTILE}` },
    { path: "ResponseMessage/ResponseHeader/TimeStamp", kind: "value" as const, expected: "$NOW", actual: "1999-01-01T00:00:00+00:00", rule: "time-window", severity: "fail" as const, message: "outside the window" },
  ];
  const rulesApplied = [{ rule: "bound-identifier", path: "ResponseMessage/BatchItem/ResponsePayload/UniqueIdentifier", note: `bound $UNIQUE_IDENTIFIER_0 to ${HOSTILE}` }];
  const steps = [
    step(0, { responseBytes: responseBytes("ok"), requestXml: "<RequestMessage/>" }),
    step(1, { verdict: "fail", operations: ["Get"], diffs, rulesApplied, violations, fault: { kind: "wrong-reason", path: diffs[0].path, message: diffs[0].message }, requestBytes: responseBytes("x"), responseBytes: bytes, responseXml: `<ResultMessage value="${HOSTILE}"/>` }),
  ];
  return { name: `SKLC-M-2-14 ${HOSTILE}`, path: "vectors/SKLC-M-2-14.xml", profile: "symmetric-key-lifecycle", verdict: "fail", steps, startedAt: INFO.startedAt, durationMs: 7 };
}

function decodeErrorVector(): VectorOutcome {
  const bytes = responseBytes("short").subarray(0, 40);
  const lenient = decodeLenient(bytes, { namer: tagName });
  const error = { code: lenient.violations[0].code, message: lenient.violations[0].message };
  const notRun = { code: "REPLAY_NOT_RUN", message: "not run because the connection broke at step 0" };
  const steps = [
    step(0, { verdict: "error", error, violations: lenient.violations, responseBytes: bytes, fault: { kind: "encoding", path: lenient.violations[0].path, message: error.message } }),
    step(1, { verdict: "error", error: notRun, fault: { kind: "not-run", message: notRun.message }, startedAt: undefined, durationMs: 0 }),
  ];
  const cleanup = {
    reason: "step 0 (Create) did not complete: TTLV_TRUNCATED", kept: false, durationMs: 4,
    objects: [
      { uniqueIdentifier: "key-1", state: "Active", revoked: true, destroyed: true },
      { uniqueIdentifier: HOSTILE, revoked: false, destroyed: false, error: { code: "REPLAY_CLEANUP_FAILED", message: `Destroy failed: OperationFailed, PermissionDenied, ${HOSTILE}` } },
    ],
  };
  return { name: "AKLC-M-1-14", path: "vectors/AKLC-M-1-14.xml", profile: "asymmetric-key-lifecycle", verdict: "error", steps, cleanup, startedAt: INFO.startedAt, durationMs: 3 };
}

function refusedVector(): VectorOutcome {
  const error = { code: "TRANSPORT_CONNECT_REFUSED", message: "connection to 127.0.0.1:5696 refused" };
  const steps = [step(0, { verdict: "error", error: { code: "REPLAY_NOT_RUN", message: `not run because the connection could not be opened: ${error.message}` }, startedAt: undefined, durationMs: 0 })];
  return { name: "TL-M-1-14", path: "vectors/TL-M-1-14.xml", profile: "tape-library", verdict: "error", steps, error, startedAt: INFO.startedAt, durationMs: 1 };
}

export function syntheticVectors(): VectorOutcome[] {
  return [passingVector(), failingVector(), decodeErrorVector(), refusedVector()];
}

export function syntheticReport(): RunReport {
  return buildRunReport(INFO, syntheticVectors(), new Date("2024-01-01T00:00:02.500Z"));
}

/** Compiles docs/report.schema.json with ajv in strict mode, checking date-time values too. */
export function compileReportSchema(): ValidateFunction {
  const schema = JSON.parse(readFileSync(resolve(REPO_ROOT, "docs/report.schema.json"), "utf8"));
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  ajv.addFormat("date-time", { type: "string", validate: isIsoTimestamp });
  return ajv.compile(schema);
}

function isIsoTimestamp(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value));
}
