/**
 * `kmipcheck run` against hostile servers, as a user runs it, with Node.js set to crash on any
 * unhandled rejection: each run of three vectors must end with exit code 1, the three report
 * files, an error or fail verdict for every vector, and no crash. Each vector opens its own
 * connection, so a broken connection does not decide the verdicts of the vectors after it.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect } from "chai";
import { Operation } from "../../src/kmip";
import { createTestPki, writePki, type PkiFiles } from "../../src/pki";
import { REPO_ROOT } from "../cli/spawn";
import { Behaviour, HostileServer, onRequests, responseTo, startHostileServer, VECTOR_XML } from "./servers";

const BIN = resolve(REPO_ROOT, "bin/kmipcheck.js");
const RUN_DEADLINE_MS = 20_000;
const VECTOR_NAMES = ["HOSTILE-M-1-14", "HOSTILE-M-2-14", "HOSTILE-M-3-14"];
const REPORT_FILES = ["report.json", "junit.xml", "report.html"];

interface HostileReport {
  verdict: string;
  vectors: Array<{ name: string; verdict: string; steps: Array<{ verdict: string; error?: { code: string }; fault?: { kind: string } }> }>;
}

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runStrict(args: string[]): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ["--unhandled-rejections=strict", BIN, ...args], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`kmipcheck ${args.join(" ")} did not finish within ${RUN_DEADLINE_MS} ms`));
    }, RUN_DEADLINE_MS);

    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString() });
    });
  });
}

describe("kmipcheck run against hostile servers", function () {
  this.timeout(RUN_DEADLINE_MS + 10_000);
  let directory: string;
  let pkiFiles: PkiFiles;
  const pki = createTestPki();
  let server: HostileServer | undefined;

  before(() => {
    directory = mkdtempSync(join(tmpdir(), "kmipcheck-hostile-"));
    pkiFiles = writePki(join(directory, "pki"), pki);
    const vectors = join(directory, "vectors");
    mkdirSync(vectors);
    VECTOR_NAMES.forEach((name) => writeFileSync(join(vectors, `${name}.xml`), VECTOR_XML));
  });

  after(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** Runs the three vectors against a server with this behaviour; `connections` counts the TLS connections it accepted. */
  async function runAgainst(name: string, behaviour: Behaviour, extra: string[] = []): Promise<{ run: CliRun; report: HostileReport; connections: number }> {
    let connections = 0;
    server = await startHostileServer(pki, (socket, tcp) => {
      connections += 1;
      behaviour(socket, tcp);
    });
    const reportDir = join(directory, "reports", name);
    const run = await runStrict([
      "run", "--target", `127.0.0.1:${server.port}`, "--vectors", join(directory, "vectors"),
      "--client-cert", pkiFiles.clientCert, "--client-key", pkiFiles.clientKey, "--ca", pkiFiles.caCert, "--report-dir", reportDir, ...extra,
    ]);

    const [runId] = existsSync(reportDir) ? readdirSync(reportDir) : [];
    if (runId === undefined) {
      throw new Error(`kmipcheck run wrote no report (exit code ${run.code}):\n${run.stdout}\n${run.stderr}`);
    }
    REPORT_FILES.forEach((file) => expect(existsSync(join(reportDir, runId, file)), `${file} written`).to.equal(true));
    const report = JSON.parse(readFileSync(join(reportDir, runId, "report.json"), "utf8"));
    return { run, report, connections };
  }

  /** Expects every vector to err at its first step with this code, each on its own connection. */
  function expectEveryVectorErred(report: HostileReport, connections: number, code: string): void {
    expect(report.vectors.map((vector) => vector.name)).to.deep.equal(VECTOR_NAMES);
    expect(report.vectors.map((vector) => vector.verdict)).to.deep.equal(["error", "error", "error"]);
    expect(report.vectors.map((vector) => vector.steps[0].error?.code)).to.deep.equal([code, code, code]);
    expect(report.vectors.map((vector) => vector.steps[1].error?.code)).to.deep.equal(["REPLAY_NOT_RUN", "REPLAY_NOT_RUN", "REPLAY_NOT_RUN"]);
    expect(connections, "one connection per vector").to.equal(VECTOR_NAMES.length);
  }

  function expectCleanExit(run: CliRun): void {
    expect(run.code, run.stderr).to.equal(1);
    expect(run.stderr).to.not.match(/Unhandled|at .+\(.+:\d+:\d+\)/);
  }

  it("reports garbage bytes as error", async () => {
    const { run, report, connections } = await runAgainst("garbage", (socket) => onRequests(socket, () => socket.write(Buffer.from("ff00ff00deadbeef", "hex"))));

    expectCleanExit(run);
    expect(report.verdict).to.equal("error");
    expectEveryVectorErred(report, connections, "TRANSPORT_FRAMING");
    expect(report.vectors[0].steps[0].fault?.kind).to.equal("encoding");
  });

  it("reports a Length of 0xFFFFFFFF as error", async () => {
    const { run, report, connections } = await runAgainst("huge-length", (socket) => onRequests(socket, () => socket.write(Buffer.from("42007b01ffffffff", "hex"))));

    expectCleanExit(run);
    expectEveryVectorErred(report, connections, "TRANSPORT_FRAMING");
  });

  it("reports a reset mid-message as error", async () => {
    const { run, report, connections } = await runAgainst("reset", (socket, tcp) =>
      onRequests(socket, (request) => socket.write(responseTo(request).subarray(0, 24), () => setTimeout(() => tcp.resetAndDestroy(), 50))),
    );

    expectCleanExit(run);
    expectEveryVectorErred(report, connections, "TRANSPORT_CLOSED");
    expect(report.vectors[0].steps[0].fault?.kind).to.equal("transport");
  });

  it("reports a stalled response as error", async () => {
    const { run, report, connections } = await runAgainst("stall", () => undefined, ["--response-timeout", "300"]);

    expectCleanExit(run);
    expectEveryVectorErred(report, connections, "TRANSPORT_RESPONSE_TIMEOUT");
    expect(run.stdout).to.contain("(DiscoverVersions): transport: TRANSPORT_RESPONSE_TIMEOUT: no complete response");
  });

  it("stops a stalled vector at --vector-timeout", async () => {
    const { run, report, connections } = await runAgainst("vector-timeout", () => undefined, ["--vector-timeout", "300"]);

    expectCleanExit(run);
    expectEveryVectorErred(report, connections, "REPLAY_VECTOR_TIMEOUT");
  });

  it("reports a response for another operation as fail", async () => {
    const { run, report } = await runAgainst("other-operation", (socket) => onRequests(socket, (request) => socket.write(responseTo(request, { operation: Operation.Query }))));

    expectCleanExit(run);
    expect(report.vectors.map((vector) => vector.verdict)).to.deep.equal(["fail", "fail", "fail"]);
    expect(report.vectors[0].steps.map((step) => step.verdict)).to.deep.equal(["fail", "fail"]);
    expect(report.vectors[0].steps[0].fault?.kind).to.equal("wrong-content");
  });
});
