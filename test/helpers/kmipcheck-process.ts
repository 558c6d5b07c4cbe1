/**
 * Starts a long-running kmipcheck command (serve, proxy) as a user would, waits for its
 * "listening on HOST:PORT" line, and stops it with SIGINT as Ctrl-C would.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";

const REPO_ROOT = resolve(__dirname, "../../..");
const BIN = resolve(REPO_ROOT, "bin/kmipcheck.js");
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;

export interface RunningCommand {
  port: number;
  /** Standard output so far. */
  stdout(): string;
  stderr(): string;
  /** Sends SIGINT and resolves with the exit code once the process ends (SIGKILL after 15 s). */
  stop(): Promise<number | null>;
}

export function startCommand(args: string[]): Promise<RunningCommand> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.once("exit", (code) => resolveExit(code)));

  return new Promise((resolvePromise, reject) => {
    let listening = false;
    const timer = setTimeout(() => fail(`did not print "listening on" within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    const fail = (reason: string): void => {
      if (listening) {
        return;
      }
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`kmipcheck ${args.join(" ")} ${reason}\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    };

    const onData = (): void => {
      const match = /listening on [^\s]+:(\d+)/.exec(stdout);
      if (match === null) {
        return;
      }
      listening = true;
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      resolvePromise({ port: Number(match[1]), stdout: () => stdout, stderr: () => stderr, stop: () => stop(child, exited) });
    };
    child.stdout?.on("data", onData);
    void exited.then((code) => fail(`exited with code ${code} before listening`));
  });
}

async function stop(child: ChildProcess, exited: Promise<number | null>): Promise<number | null> {
  if (child.exitCode !== null) {
    return child.exitCode;
  }
  child.kill("SIGINT");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
  const code = await exited;
  clearTimeout(timer);
  return code;
}
