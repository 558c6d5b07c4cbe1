/**
 * Certifying PyKMIP's server (Debian python3-pykmip, PyKMIP 0.10): `kmipcheck run` with every
 * official KMIP 1.4 vector and every built-in suite against pykmip-server, as a user runs it. The
 * run must end in bounded time without a crash, and the verdicts below were checked by hand
 * against the server's responses and PyKMIP's source (kmip/services/server/engine.py). Under
 * CI=true a missing pykmip-server or vector folder fails the suite instead of skipping it.
 */
import { expect } from "chai";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Operation, ResultReason, ResultStatus, Tag } from "../../src/kmip";
import { profileNames, type StepOutcome, type VectorOutcome } from "../../src/replay";
import type { RunReport } from "../../src/report";
import { KmipConnection } from "../../src/transport";
import { child, decode, text } from "../../src/ttlv";
import { runCli, type CliResult } from "../cli/spawn";
import { requestMessage } from "../helpers/kmip-requests";
import { requirePyKmip, startPyKmipServer, type PyKmipServer } from "../helpers/pykmip-server";
import { requireOfficialVectorDir } from "../vectors/official-dir";
import { OWN_VECTORS } from "./own-vectors";

/** The full run took 5 to 8 s here; the limit leaves room for a slow CI machine, not for a hang. */
const RUN_DEADLINE_MS = 90_000;
/** Time one vector may take against PyKMIP; the slowest took under 1 s here. */
const VECTOR_TIMEOUT_MS = "20000";
const OFFICIAL_VECTOR_COUNT = 75;

interface Run {
  result: CliResult;
  report: RunReport;
  folder: string;
  durationMs: number;
}

describe("kmipcheck run against PyKMIP's server", function () {
  this.timeout(RUN_DEADLINE_MS + 60_000);
  let server: PyKmipServer | undefined;
  let workDir: string;
  let full: Run;
  let ownRun: Run | undefined;

  before(async function () {
    requirePyKmip(this);
    const vectorDir = requireOfficialVectorDir(this);
    workDir = mkdtempSync(join(tmpdir(), "kmipcheck-pykmip-run-"));
    server = await startPyKmipServer();

    const profiles = profileNames().flatMap((name) => ["--profile", name]);
    full = await run("full", ["--vectors", join(vectorDir, "mandatory"), "--vectors", join(vectorDir, "optional"), ...profiles]);
  });

  after(async () => {
    await server?.stop();
    if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
  });

  async function run(name: string, args: string[]): Promise<Run> {
    const { host, port, pki } = server!;
    const reportDir = join(workDir, name);
    const startedMs = Date.now();
    const result = await runCli([
      "run", "--target", `${host}:${port}`, "--client-cert", pki.files.clientCert, "--client-key", pki.files.clientKey, "--ca", pki.files.caCert,
      "--vector-timeout", VECTOR_TIMEOUT_MS, "--report-dir", reportDir, ...args,
    ], { timeoutMs: RUN_DEADLINE_MS });
    const durationMs = Date.now() - startedMs;

    const runs = existsSync(reportDir) ? readdirSync(reportDir) : [];
    expect(runs, `a report folder (exit code ${result.code}):\n${result.stdout}\n${result.stderr}\n${server!.logTail()}`).to.have.length(1);
    const folder = join(reportDir, runs[0]);
    return { result, report: JSON.parse(readFileSync(join(folder, "report.json"), "utf8")) as RunReport, folder, durationMs };
  }

  function vector(report: RunReport, name: string): VectorOutcome {
    const found = report.vectors.find((candidate) => candidate.name === name);
    expect(found, `${name} in the report`).to.not.equal(undefined);
    return found!;
  }

  function faultOf(outcome: VectorOutcome, index: number): StepOutcome["fault"] {
    return outcome.steps.find((step) => step.index === index)?.fault;
  }

  it("runs every vector and suite to a written report", () => {
    const official = full.report.vectors.filter((outcome) => !outcome.path.startsWith("suites"));

    expect(full.result.code, full.result.stderr).to.equal(1);
    expect(full.result.stderr).to.not.match(/Unhandled|at .+\(.+:\d+:\d+\)/);
    expect(full.durationMs).to.be.below(RUN_DEADLINE_MS);
    expect(official).to.have.length(OFFICIAL_VECTOR_COUNT);
    expect(full.report.summary.map((row) => row.profile)).to.have.members(profileNames());
    ["report.json", "junit.xml", "report.html"].forEach((file) => expect(existsSync(join(full.folder, file)), file).to.equal(true));
  });

  it("ends no vector on a transport fault", () => {
    const transport = full.report.vectors.flatMap((outcome) => outcome.steps.filter((step) => step.fault?.kind === "transport").map((step) => `${outcome.name} step ${step.index}`));

    expect(transport).to.deep.equal([]);
  });

  it("fails the SKLC vectors on missing attributes", () => {
    for (const name of ["SKLC-M-1-14", "SKLC-M-2-14", "SKLC-M-3-14", "SKLC-O-1-14"]) {
      const outcome = vector(full.report, name);

      expect(outcome.verdict, name).to.equal("fail");
      // PyKMIP 0.10 keeps no Digest and no Last Change Date attribute.
      expect(faultOf(outcome, 1), name).to.deep.include({ kind: "wrong-content", message: 'Attribute is missing (Attribute Name "Digest")' });
    }
  });

  it("fails SKLC-M-2 and M-3 on a missing Activation Date", () => {
    for (const name of ["SKLC-M-2-14", "SKLC-M-3-14"]) {
      expect(faultOf(vector(full.report, name), 3), name).to.deep.include({ kind: "wrong-content", message: 'Attribute is missing (Attribute Name "Activation Date")' });
    }
  });

  it("fails SKLC-M-3 on Invalid Field for a read-only attribute", () => {
    const fault = faultOf(vector(full.report, "SKLC-M-3-14"), 4);

    expect(fault?.kind).to.equal("wrong-reason");
    expect(fault?.message).to.match(/^expected PermissionDenied .*got InvalidField/);
  });

  it("fails SKLC-O-1 because a destroyed key is not found", () => {
    const fault = faultOf(vector(full.report, "SKLC-O-1-14"), 3);

    expect(fault?.kind).to.equal("wrong-status");
    expect(fault?.message).to.match(/^expected Success, got OperationFailed \(Result Reason ItemNotFound\)/);
  });

  it("passes SKFF-M-1 to SKFF-M-3", () => {
    const passed = full.report.vectors.filter((outcome) => outcome.verdict === "pass" && !outcome.path.startsWith("suites")).map((outcome) => outcome.name);

    expect(passed).to.deep.equal(["SKFF-M-1-14", "SKFF-M-2-14", "SKFF-M-3-14"]);
  });

  it("fails the batch check with Invalid Message", () => {
    const outcome = vector(full.report, "Baseline Server: batches Batch Count > 1 without IDs gets Missing Data");

    expect(outcome.verdict).to.equal("fail");
    expect(outcome.steps[0].fault?.kind).to.equal("wrong-reason");
    expect(outcome.steps[0].fault?.message).to.contain("expected Result Reason MissingData, got InvalidMessage");
  });

  it("fails the unknown operation check with Invalid Message", () => {
    const outcome = vector(full.report, "Baseline Server: errors unknown operation gives Operation Not Supported");

    expect(outcome.verdict).to.equal("fail");
    expect(outcome.steps[0].fault?.message).to.contain("expected Result Reason OperationNotSupported, got InvalidMessage");
  });

  it("gets Invalid Message for operations PyKMIP cannot parse", () => {
    // PyKMIP 0.10 has no request payload for Hash, RNG Retrieve, RNG Seed and Add Attribute, so it
    // returns Invalid Message ("Error parsing request message") rather than Operation Not Supported.
    const cases: Array<[string, number]> = [["CS-AC-M-7-14", 0], ["CS-RNG-M-1-14", 0], ["CS-RNG-O-1-14", 0], ["SKFF-M-9-14", 10]];
    for (const [name, index] of cases) {
      const fault = faultOf(vector(full.report, name), index);

      expect(fault?.kind, name).to.equal("wrong-status");
      expect(fault?.message, name).to.contain('(Result Reason InvalidMessage): "Error parsing request message.');
    }
  });

  it("reports Re-key and Check as not supported", async () => {
    const own = await runOwnVectors();
    const outcome = vector(own.report, "UNSUP-M-1-14");

    expect(outcome.steps.map((step) => step.fault?.kind)).to.deep.equal([undefined, "operation-not-supported", "operation-not-supported", undefined]);
    expect(faultOf(outcome, 1)?.message).to.equal('the server returned Result Reason Operation Not Supported for ReKey: "Rekey operation is not supported by the server."');
    expect(own.result.stdout).to.contain("step 3 (Check): operation not supported at ResponseMessage/BatchItem/ResultReason");
  });

  it("revokes and destroys the Active key of a stopped vector", async () => {
    const own = await runOwnVectors();
    const cleanup = vector(own.report, "CLEAN-M-1-14").cleanup;

    expect(cleanup?.reason).to.equal("step 3 (Activate) did not complete: REPLAY_UNBOUND_PLACEHOLDER");
    expect(cleanup?.objects).to.have.length(1);
    expect(cleanup?.objects[0]).to.include({ state: "Active", revoked: true, destroyed: true });
    expect(await getResult(cleanup!.objects[0].uniqueIdentifier)).to.deep.equal([ResultStatus.OperationFailed, ResultReason.ItemNotFound]);
  });

  /** Runs the vectors of own-vectors.ts once, for the tests that need them. */
  async function runOwnVectors(): Promise<Run> {
    if (ownRun === undefined) {
      const folder = join(workDir, "own-vectors");
      mkdirSync(folder, { recursive: true });
      Object.entries(OWN_VECTORS).forEach(([file, xml]) => writeFileSync(join(folder, file), xml));
      ownRun = await run("own", ["--vectors", folder]);
    }
    return ownRun;
  }

  /** Sends Get for the object and returns the Result Status and Result Reason. */
  async function getResult(identifier: string): Promise<unknown[]> {
    const { host, port, pki } = server!;
    const connection = await KmipConnection.connect({ host, port, ca: pki.pki.ca.cert, cert: pki.pki.client.cert, key: pki.pki.client.key, responseTimeoutMs: 10_000 });
    try {
      const item = child(decode(await connection.roundTrip(requestMessage(Operation.Get, [text(Tag.UniqueIdentifier, identifier)]))), Tag.BatchItem)!;
      return [child(item, Tag.ResultStatus)?.value, child(item, Tag.ResultReason)?.value];
    } finally {
      await connection.close();
    }
  }
});
