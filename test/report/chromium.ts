/**
 * Headless Chromium (the Debian `chromium` package) for the tests that check how report.html
 * renders. It prints the DOM after the page's script has run (--dump-dom), with the network
 * features that Chromium starts on its own turned off.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const CANDIDATES = ["chromium", "chromium-browser"];

/** Returns the Chromium command: $KMIPCHECK_CHROMIUM, else the first candidate on the PATH. */
export function findChromium(): string | undefined {
  const configured = process.env.KMIPCHECK_CHROMIUM;
  if (configured !== undefined && configured !== "") {
    return configured;
  }

  return CANDIDATES.find((command) => spawnSync("which", [command], { stdio: "ignore" }).status === 0);
}

/**
 * Returns the Chromium command for a mocha `before` hook. A missing Chromium fails the suite under
 * CI=true and skips it elsewhere.
 */
export function requireChromium(context: Pick<Mocha.Context, "skip">): string {
  const command = findChromium();
  if (command !== undefined) {
    return command;
  }

  if (process.env.CI === "true") {
    throw new Error("chromium is missing: install the Debian package (apt-get install -y chromium) or set KMIPCHECK_CHROMIUM to its path");
  }
  context.skip();
}

/** Loads the file in headless Chromium and returns the serialized DOM once the page has loaded. */
export async function dumpDom(command: string, file: string, timeoutMs = 30_000): Promise<string> {
  const profile = await mkdtemp(join(tmpdir(), "kmipcheck-chromium-"));
  const args = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", `--user-data-dir=${profile}`, "--dump-dom", pathToFileURL(file).href,
  ];

  try {
    return await runForOutput(command, args, timeoutMs);
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

function runForOutput(command: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${command} --dump-dom did not finish within ${timeoutMs} ms`));
    }, timeoutMs);

    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(new Error(`${command} exited with code ${code}: ${Buffer.concat(stderr).toString().slice(-2000)}`));
        return;
      }
      resolve(Buffer.concat(stdout).toString());
    });
  });
}
