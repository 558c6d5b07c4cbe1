/**
 * `kmipcheck certs init DIR`: a test CA, a server certificate and a client certificate written as
 * PEM files that both the bundled server and PyKMIP's server accept.
 */
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { PkiError } from "./errors";
import { createTestPki, type TestPki, type TestPkiOptions } from "./index";

/** Options of initPkiDirectory: those of createTestPki, plus `force` to replace existing files. */
export interface InitPkiOptions extends TestPkiOptions {
  /** Replace files that already exist; default false, which raises PKI_FILES_EXIST instead. */
  force?: boolean;
}

/** Paths of the six files initPkiDirectory writes: the directory joined with each file name. */
export interface PkiDirectoryFiles {
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

export interface InitPkiResult {
  files: PkiDirectoryFiles;
  pki: TestPki;
}

/** File names in the directory, in the order they are written. */
export const PKI_FILE_NAMES: Readonly<Record<keyof PkiDirectoryFiles, string>> = {
  caCert: "ca.pem",
  caKey: "ca.key",
  serverCert: "server.pem",
  serverKey: "server.key",
  clientCert: "client.pem",
  clientKey: "client.key",
};

/**
 * Creates a test PKI (see createTestPki) and writes ca.pem, ca.key, server.pem, server.key,
 * client.pem and client.key into `dir`, creating it if needed. Private keys get mode 0600. The
 * client certificate's common name is `clientName`, which PyKMIP's server takes as the user
 * name, and its extended key usage is clientAuth, which PyKMIP's server requires.
 */
export function initPkiDirectory(dir: string, options: InitPkiOptions = {}): InitPkiResult {
  const files = pkiDirectoryFiles(dir);
  if (options.force !== true) {
    rejectExisting(dir, files);
  }

  const pki = createPki(options);
  writeFiles(dir, files, pki, options.force === true);
  return { files, pki };
}

/** Returns the paths initPkiDirectory writes in `dir`. */
export function pkiDirectoryFiles(dir: string): PkiDirectoryFiles {
  const entries = Object.entries(PKI_FILE_NAMES).map(([key, name]) => [key, join(dir, name)]);
  return Object.fromEntries(entries) as PkiDirectoryFiles;
}

function rejectExisting(dir: string, files: PkiDirectoryFiles): void {
  const existing = Object.values(files).filter((path) => existsSync(path));
  if (existing.length > 0) {
    const names = existing.map((path) => basename(path)).join(", ");
    throw new PkiError("PKI_FILES_EXIST", `${dir} already contains ${names}; choose an empty directory, or force overwriting to replace them`, { context: { dir, existing } });
  }
}

function createPki(options: TestPkiOptions): TestPki {
  try {
    return createTestPki({ serverNames: options.serverNames, serverIps: options.serverIps, clientName: options.clientName, days: options.days });
  } catch (cause) {
    // createTestPki raises TypeError or RangeError for an empty name, an invalid IP address or a bad validity.
    if (cause instanceof TypeError || cause instanceof RangeError) {
      throw new PkiError("PKI_INVALID_OPTIONS", cause.message, { cause });
    }
    throw cause;
  }
}

function writeFiles(dir: string, files: PkiDirectoryFiles, pki: TestPki, force: boolean): void {
  const contents: Record<keyof PkiDirectoryFiles, string> = {
    caCert: pki.ca.cert,
    caKey: pki.ca.key,
    serverCert: pki.server.cert,
    serverKey: pki.server.key,
    clientCert: pki.client.cert,
    clientKey: pki.client.key,
  };

  try {
    mkdirSync(dir, { recursive: true });
    for (const key of Object.keys(PKI_FILE_NAMES) as (keyof PkiDirectoryFiles)[]) {
      const mode = key.endsWith("Key") ? 0o600 : 0o644;

      // "wx" fails if the file appeared since the check, so a concurrent writer is never overwritten.
      writeFileSync(files[key], contents[key], { mode, flag: force ? "w" : "wx" });

      // The mode option applies only to a new file, so set it on a replaced one too.
      chmodSync(files[key], mode);
    }
  } catch (cause) {
    throw new PkiError("PKI_WRITE_FAILED", `failed to write the test PKI into ${dir}: ${(cause as Error).message}`, { cause, context: { dir } });
  }
}
