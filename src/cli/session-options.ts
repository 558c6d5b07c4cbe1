/**
 * Options and helpers shared by `kmipcheck serve` and `kmipcheck proxy`: the finding and capture options, a test PKI
 * folder for the listening side, PEM files read as usage errors, and the wait for Ctrl-C.
 */
import { mkdtempSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isIP } from "node:net";
import { initPkiDirectory, type InitPkiResult } from "../pki/init";
import type { Io } from "./run-command";
import { UsageError } from "./usage";

/** Options of both commands that configure the lint session. */
export const SESSION_OPTIONS = {
  findings: { type: "string" },
  capture: { type: "string" },
  "clock-skew": { type: "string" },
  "pki-dir": { type: "string" },
} as const;

export const SESSION_HELP = `  --findings FILE       write every finding and the summary as JSON to FILE when stopped
  --capture FILE        write the session as a vector file (KMIP XML) to FILE when stopped, with
                        Unique Identifiers as $UNIQUE_IDENTIFIER_n and dates as $NOW+-N; replay it
                        with kmipcheck run --vectors DIR
  --clock-skew SECONDS  how far a client's Time Stamp may be ahead of this clock before it is a
                        finding (default 60)
  --pki-dir DIR         where to write the test PKI made when no CA is given (default a new
                        folder kmipcheck-pki-* in the system temporary folder)`;

/** Parses a whole number option from `min` to `max`. */
export function parseWholeNumber(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new UsageError(`invalid ${flag} ${text}: expected a whole number from ${min} to ${max}`);
  }
  return value;
}

/** Reads a PEM file named by a flag; a missing or non-PEM file is a usage error. */
export async function readPemFile(flag: string, path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new UsageError(`cannot read ${flag} ${path}: ${reason}; give the path of a PEM file`);
  }

  if (!text.includes("-----BEGIN ")) {
    throw new UsageError(`${flag} ${path} is not PEM (no -----BEGIN line); give a PEM file`);
  }
  return text;
}

/**
 * Writes a test PKI (CA, server certificate for `host` and localhost, client certificate) into
 * `dir`, or into a new temporary folder, and prints where the client's files are.
 */
export function createPkiFolder(dir: string | undefined, host: string, io: Io): InitPkiResult {
  const folder = dir ?? mkdtempSync(join(tmpdir(), "kmipcheck-pki-"));
  const ips = isIP(host) === 0 ? [] : [host];
  const names = isIP(host) === 0 ? [host, "localhost"] : ["localhost"];
  const result = initPkiDirectory(folder, { serverIps: ips, serverNames: names });

  const { files } = result;
  io.stdout.write(`test PKI in ${folder}: clients connect with certificate ${files.clientCert}, key ${files.clientKey} and CA ${files.caCert}\n`);
  return result;
}

/** Resolves with the signal when the process gets SIGINT (Ctrl-C) or SIGTERM. */
export function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(signal);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
