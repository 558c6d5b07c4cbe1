/**
 * Runs PyKMIP's client (Debian python3-pykmip, PyKMIP 0.10, under /usr/bin/python3) through
 * test/helpers/pykmip-client-session.py with a generated client configuration, and returns what
 * each step returned.
 */
import { execFile, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** Python that has PyKMIP; PYKMIP_PYTHON replaces the Debian path. */
export const PYKMIP_PYTHON = process.env.PYKMIP_PYTHON ?? "/usr/bin/python3";

/** The script lives in the source tree; compiled tests run from dist/test/helpers. */
const SESSION_SCRIPT = resolve(__dirname, "../../../test/helpers/pykmip-client-session.py");
const SESSION_TIMEOUT_MS = 60_000;

export interface ClientFiles {
  clientCert: string;
  clientKey: string;
  caCert: string;
}

export interface PyKmipStepResult {
  step: string;
  ok: boolean;
  result?: Record<string, unknown>;
  error?: string;
  trace?: string;
}

export interface BatchItemResult {
  operation: string | null;
  resultStatus: string | null;
  resultReason: string | null;
  resultMessage: string | null;
}

/** Tells whether the Python interpreter can import PyKMIP's client. */
export function isPyKmipClientInstalled(): boolean {
  const probe = spawnSync(PYKMIP_PYTHON, ["-c", "import kmip.pie.client"], { timeout: 30_000 });
  return probe.status === 0;
}

/** Skips the calling suite without PyKMIP's client, except under CI=true, where it fails. */
export function requirePyKmipClient(context: Mocha.Context): void {
  if (isPyKmipClientInstalled()) {
    return;
  }

  const message = `${PYKMIP_PYTHON} cannot import kmip.pie.client: install Debian's python3-pykmip (apt-get install -y python3-pykmip) or set PYKMIP_PYTHON`;
  if (process.env.CI === "true") {
    throw new Error(message);
  }
  context.skip();
}

/** Writes a PyKMIP client configuration ([client] section) for a server on 127.0.0.1 and returns its path. */
export function writeClientConfig(dir: string, port: number, files: ClientFiles): string {
  const lines = [
    "[client]",
    "host=127.0.0.1",
    `port=${port}`,
    `certfile=${files.clientCert}`,
    `keyfile=${files.clientKey}`,
    `ca_certs=${files.caCert}`,
    "cert_reqs=CERT_REQUIRED",
    "ssl_version=PROTOCOL_TLSv1_2",
    "do_handshake_on_connect=True",
    "suppress_ragged_eofs=True",
  ];
  const path = join(dir, `pykmip-client-${port}.conf`);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

/** Runs the steps over one PyKMIP client connection; rejects when the script fails outright. */
export function runPyKmipSession(configPath: string, steps: string[]): Promise<PyKmipStepResult[]> {
  return new Promise((resolvePromise, reject) => {
    execFile(PYKMIP_PYTHON, [SESSION_SCRIPT, configPath, ...steps], { timeout: SESSION_TIMEOUT_MS }, (error, stdout, stderr) => {
      const line = stdout.trim().split("\n").pop() ?? "";
      try {
        resolvePromise((JSON.parse(line) as { steps: PyKmipStepResult[] }).steps);
      } catch {
        reject(new Error(`the PyKMIP client session failed (${error?.message ?? "no JSON output"}):\n${stdout}\n${stderr}`));
      }
    });
  });
}

/** Returns the result of the named step, failing with its trace when it raised. */
export function stepResult(results: PyKmipStepResult[], step: string): Record<string, unknown> {
  const found = results.find((result) => result.step === step);
  if (found === undefined) {
    throw new Error(`the session has no step ${step}`);
  }
  if (!found.ok) {
    throw new Error(`PyKMIP step ${step} raised ${found.error}\n${found.trace}`);
  }
  return found.result ?? {};
}
