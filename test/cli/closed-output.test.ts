/**
 * `kmipcheck run | head -1`: the reader of standard output goes away after the first line, and
 * the command must end without an EPIPE stack trace and still write its report.
 */
import { expect } from "chai";
import { spawn } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { requireOfficialVectorDir } from "../vectors/official-dir";
import { REPO_ROOT } from "./spawn";

const BIN = resolve(REPO_ROOT, "bin/kmipcheck.js");

/** Runs kmipcheck, closes its standard output after the first chunk, and returns the exit code and standard error. */
function runAndCloseOutput(args: string[], timeoutMs: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`kmipcheck ${args.join(" ")} did not end within ${timeoutMs} ms; stderr:\n${stderr}`));
    }, timeoutMs);

    child.stdout.once("data", () => child.stdout.destroy());
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stderr });
    });
  });
}

describe("kmipcheck with a closed standard output", function () {
  this.timeout(120_000);
  let vectorDir: string;
  let reportDir: string;

  before(async function () {
    vectorDir = requireOfficialVectorDir(this);
    reportDir = await mkdtemp(join(tmpdir(), "kmipcheck-closed-output-"));
  });

  after(async () => {
    if (reportDir !== undefined) {
      await rm(reportDir, { recursive: true, force: true });
    }
  });

  it("ends quietly and writes the report", async () => {
    const args = ["run", "--vectors", join(vectorDir, "mandatory"), "--profile", "symmetric-key-lifecycle", "--report-dir", reportDir];
    const { code, stderr } = await runAndCloseOutput(args, 100_000);

    expect(stderr).to.not.contain("EPIPE");
    expect(stderr).to.not.match(/\n\s+at /);
    expect(code, stderr).to.equal(0);
    const [runId] = await readdir(reportDir);
    expect(await readdir(join(reportDir, runId))).to.include.members(["report.json", "junit.xml", "report.html"]);
  });
});
