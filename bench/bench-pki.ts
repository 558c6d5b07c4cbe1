/** One test PKI per benchmark run, written to a temporary folder for the child servers and PyKMIP. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestPki, writePki, type PkiFiles } from "../src/pki";
import type { ConnectOptions } from "../src/transport";

export interface BenchPki {
  folder: string;
  files: PkiFiles;
  /** Client credentials for 127.0.0.1; the caller sets the port. */
  connection: ConnectOptions;
  /** The server certificate and key, for a server started in this process. */
  server: { cert: string; key: string };
}

let shared: BenchPki | undefined;

/** Returns the run's PKI, creating it on the first call. */
export function createBenchPki(): BenchPki {
  if (shared !== undefined) return shared;

  const folder = mkdtempSync(join(tmpdir(), "kmipcheck-bench-"));
  const pki = createTestPki({ serverIps: ["127.0.0.1"] });
  const files = writePki(join(folder, "pki"), pki);
  shared = { folder: join(folder, "pki"), files, connection: { host: "127.0.0.1", ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key }, server: pki.server };
  return shared;
}
