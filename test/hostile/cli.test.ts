/**
 * `kmipcheck run` against hostile servers, as a user runs it, with Node.js set to crash on any
 * unhandled rejection: each run must end with exit code 1, a report.json that gives the vector an
 * error or fail verdict, and no crash.
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
    writeFileSync(join(vectors, "HOSTILE-M-1-14.xml"), VECTOR_XML);
  });

  after(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function runAgainst(name: string, behaviour: Behaviour): Promise<{ run: CliRun; report: { verdict: string; vectors: Array<{ verdict: string; steps: Array<{ verdict: string; error?: { code: string } }> }> } }> {
    server = await startHostileServer(pki, behaviour);
    const reportDir = join(directory, "reports", name);
    const run = await runStrict([
      "run", "--target", `127.0.0.1:${server.port}`, "--vectors", join(directory, "vectors"),
      "--client-cert", pkiFiles.clientCert, "--client-key", pkiFiles.clientKey, "--ca", pkiFiles.caCert, "--report-dir", reportDir,
    ]);

    if (!existsSync(reportDir)) {
      throw new Error(`kmipcheck run wrote no report (exit code ${run.code}):\n${run.stdout}\n${run.stderr}`);
    }
    const [runId] = readdirSync(reportDir);
    const report = JSON.parse(readFileSync(join(reportDir, runId, "report.json"), "utf8"));
    return { run, report };
  }

  function expectCleanExit(run: CliRun): void {
    expect(run.code, run.stderr).to.equal(1);
    expect(run.stderr).to.not.match(/Unhandled|at .+\(.+:\d+:\d+\)/);
  }

  it("reports garbage bytes as error", async () => {
    const { run, report } = await runAgainst("garbage", (socket) => onRequests(socket, () => socket.write(Buffer.from("ff00ff00deadbeef", "hex"))));

    expectCleanExit(run);
    expect(report.verdict).to.equal("error");
    expect(report.vectors[0].steps[0].error?.code).to.equal("TRANSPORT_FRAMING");
  });

  it("reports a Length of 0xFFFFFFFF as error", async () => {
    const { run, report } = await runAgainst("huge-length", (socket) => onRequests(socket, () => socket.write(Buffer.from("42007b01ffffffff", "hex"))));

    expectCleanExit(run);
    expect(report.vectors[0].verdict).to.equal("error");
    expect(report.vectors[0].steps[0].error?.code).to.equal("TRANSPORT_FRAMING");
  });

  it("reports a reset mid-message as error", async () => {
    const { run, report } = await runAgainst("reset", (socket, tcp) =>
      onRequests(socket, (request) => socket.write(responseTo(request).subarray(0, 24), () => setTimeout(() => tcp.resetAndDestroy(), 50))),
    );

    expectCleanExit(run);
    expect(report.vectors[0].verdict).to.equal("error");
    expect(report.vectors[0].steps[0].error?.code).to.equal("TRANSPORT_CLOSED");
  });

  it("reports a response for another operation as fail", async () => {
    const { run, report } = await runAgainst("other-operation", (socket) => onRequests(socket, (request) => socket.write(responseTo(request, { operation: Operation.Query }))));

    expectCleanExit(run);
    expect(report.vectors[0].verdict).to.equal("fail");
    expect(report.vectors[0].steps.map((step) => step.verdict)).to.deep.equal(["fail", "fail"]);
  });
});
