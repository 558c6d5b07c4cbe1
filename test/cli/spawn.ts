/** Runs the built kmipcheck command as a user would, and collects its output. */
import { spawn } from "node:child_process";
import { resolve } from "node:path";

/** Repository root: compiled tests run from dist/test/cli, three levels below it. */
export const REPO_ROOT = resolve(__dirname, "../../..");
const BIN = resolve(REPO_ROOT, "bin/kmipcheck.js");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { input?: string | Buffer; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, stdio: ["pipe", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`kmipcheck ${args.join(" ")} did not finish within ${options.timeoutMs ?? 60_000} ms`));
    }, options.timeoutMs ?? 60_000);

    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString() });
    });
    child.stdin.end(options.input ?? "");
  });
}
