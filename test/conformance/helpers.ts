/** A bundled server with a fault switch and the harness parts that run against it, for the conformance tests. */
import { startBundledServer, type BundledServer, type FaultName } from "../../bundled-server";
import { runSuites } from "../../src/cli/suites";
import { DEFAULT_TIME_WINDOW_SECONDS } from "../../src/match";
import { createTestPki } from "../../src/pki";
import { runVectors, selectVectors, type HttpsEndpoint, type StepOutcome, type VectorOutcome } from "../../src/replay";
import type { ConnectOptions } from "../../src/transport";
import { projectPath } from "../../suites/support/project";
import { DEFAULT_RESPONSE_TIMEOUT_MS, type SuiteTarget } from "../../suites/support/target";

export const POSITIVE_VECTORS = projectPath("vectors", "positive");
export const MALFORMED_VECTORS = projectPath("vectors", "malformed");

export interface FaultyServer {
  connection: ConnectOptions;
  /** KMIP over HTTPS endpoint, which the message-encoding vectors use. */
  https: HttpsEndpoint;
  close(): Promise<void>;
}

/** Starts the bundled server on 127.0.0.1 with the given faults switched on. */
export async function startServer(faults: FaultName[] = []): Promise<FaultyServer> {
  const pki = createTestPki({ serverIps: ["127.0.0.1"] });
  const server: BundledServer = await startBundledServer({ host: "127.0.0.1", port: 0, httpsPort: 0, clientCa: pki.ca.cert, cert: pki.server.cert, key: pki.server.key, faults: Object.fromEntries(faults.map((name) => [name, true])) });
  const connection = { host: server.host, port: server.port, ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key };
  return { connection, https: { port: server.httpsPort ?? 0 }, close: () => server.close() };
}

/** Replays the vector files of the folders whose name matches `names` (all when undefined). */
export async function replay(connection: ConnectOptions, folders: string[], names?: RegExp): Promise<VectorOutcome[]> {
  const vectors = (await selectVectors(folders, [])).filter((vector) => names === undefined || names.test(vector.name));
  return runVectors(vectors, { connection });
}

/** Runs the Baseline suite tests whose full title matches `grep` (all when undefined). */
export function runBaseline(connection: ConnectOptions, grep?: RegExp, acceptedReasons: SuiteTarget["acceptedReasons"] = new Map()): Promise<VectorOutcome[]> {
  const target: SuiteTarget = { description: "test target", connection, acceptedReasons, timeWindowSeconds: DEFAULT_TIME_WINDOW_SECONDS, responseTimeoutMs: DEFAULT_RESPONSE_TIMEOUT_MS };
  return runSuites(["baseline"], target, { grep, bail: false });
}

/** What the harness reported at one path of one step. */
export interface Finding {
  vector: string;
  verdict: StepOutcome["verdict"];
  /** The rule of a diff, or `kind:KIND` for a structural diff without a rule, or the code of a violation or error. */
  check: string;
  path: string;
  severity: "fail" | "warn";
}

/** Lists every diff, encoding violation and step error of the outcomes. */
export function findings(outcomes: VectorOutcome[]): Finding[] {
  return outcomes.flatMap((vector) =>
    vector.steps.flatMap((step) => [
      ...step.diffs.map((diff) => ({ vector: vector.name, verdict: step.verdict, check: diff.rule ?? `kind:${diff.kind}`, path: diff.path, severity: diff.severity })),
      ...step.violations.map((violation) => ({ vector: vector.name, verdict: step.verdict, check: violation.code, path: violation.path, severity: violation.severity })),
      ...(step.error === undefined ? [] : [{ vector: vector.name, verdict: step.verdict, check: step.error.code, path: errorPath(step.error.message), severity: "fail" as const }]),
    ]),
  );
}

/** Decode errors name the path after " at " in their message (e.g. "Modulus at ResponseMessage/...": ...). */
function errorPath(message: string): string {
  return / at ((?:Request|Response)Message[^\s:]*)/.exec(message)?.[1] ?? "";
}

/** Describes findings one a line, for assertion messages. */
export function describeFindings(list: Finding[]): string {
  return list.map((finding) => `${finding.vector}: ${finding.severity} ${finding.check} at ${finding.path}`).join("\n") || "(no findings)";
}
