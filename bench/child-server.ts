/** Starts bench/server-child.js in a child process and stops it again. */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";

const START_TIMEOUT_MS = 20_000;

export interface ChildServer {
  port: number;
  /** Process id of the child, for its CPU time. */
  pid: number | undefined;
  close(): Promise<void>;
}

/** Runs the compiled child (dist/bench/server-child.js next to this file) with `mode` and the PKI folder. */
export async function startChildServer(mode: "bundled" | "echo", pkiFolder: string): Promise<ChildServer> {
  const script = join(__dirname, "server-child.js");
  const child = spawn(process.execPath, [script, mode, pkiFolder], { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${mode} server did not start within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    createInterface({ input: child.stdout }).once("line", (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${mode} server exited with code ${code}: ${stderr.trim()}`));
    });
  });

  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    port,
    pid: child.pid,
    close: async () => {
      child.stdin.end();
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
