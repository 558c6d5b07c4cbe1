/**
 * `kmipcheck certs init DIR` and `kmipcheck certs fetch HOST[:PORT]`: make a test PKI for a
 * server under test, or save the certificate a server presents so that it can be pinned.
 */
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { DEFAULT_CLIENT_NAME, DEFAULT_SERVER_IPS, DEFAULT_SERVER_NAMES, DEFAULT_VALIDITY_DAYS } from "../pki";
import { DEFAULT_FETCH_TIMEOUT_MS, fetchServerCertificate, type FetchedCertificate } from "../pki/fetch";
import { initPkiDirectory, type PkiDirectoryFiles } from "../pki/init";
import type { Io } from "./run-command";
import { EXIT_PASSED, UsageError, withUsageErrors } from "./usage";

const KMIP_PORT = 5696;
const MAX_VALIDITY_DAYS = 36_500;

export const CERTS_HELP = `Usage: kmipcheck certs init DIR [--server-name NAME]... [--server-ip IP]... [--client-name NAME]
                            [--days N] [--force]
       kmipcheck certs fetch HOST[:PORT] [--out FILE] [--timeout-ms N] [--server-name NAME] [--force]

init writes a test CA (ca.pem, ca.key), a server certificate (server.pem, server.key) for the
given names and addresses, and a client certificate (client.pem, client.key) with extended key
usage clientAuth, into DIR. Install ca.pem and the server files on the server under test, then run
kmipcheck with --client-cert DIR/client.pem --client-key DIR/client.key --ca DIR/ca.pem.

fetch connects without verifying the server and without a client certificate, and saves the
certificate the server presents, for --server-cert (a pinned certificate). Without --out it prints
the PEM on standard output.

Options of init:
  --server-name NAME   DNS name for the server certificate's subjectAltName; repeat for several
                       (default ${DEFAULT_SERVER_NAMES.join(", ")})
  --server-ip IP       IP address for the server certificate's subjectAltName; repeat for several
                       (default ${DEFAULT_SERVER_IPS.join(", ")})
  --client-name NAME   common name of the client certificate, which servers such as PyKMIP take as
                       the user name (default ${DEFAULT_CLIENT_NAME})
  --days N             validity of every certificate in days (default ${DEFAULT_VALIDITY_DAYS})
  --force              replace files that already exist in DIR

Options of fetch:
  --out FILE           write the PEM certificate to FILE
  --timeout-ms N       time allowed to connect and receive the certificate, in milliseconds
                       (default ${DEFAULT_FETCH_TIMEOUT_MS})
  --server-name NAME   name sent in SNI (default HOST unless it is an IP address)
  --force              replace FILE if it exists
  -h, --help           show this help
`;

const INIT_OPTIONS = {
  "server-name": { type: "string", multiple: true },
  "server-ip": { type: "string", multiple: true },
  "client-name": { type: "string" },
  days: { type: "string" },
  force: { type: "boolean", default: false },
} as const;

const FETCH_OPTIONS = {
  out: { type: "string" },
  "timeout-ms": { type: "string" },
  "server-name": { type: "string" },
  force: { type: "boolean", default: false },
} as const;

export async function certsCommand(args: string[], io: Io): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand === undefined || subcommand === "--help" || subcommand === "-h" || rest.includes("--help") || rest.includes("-h")) {
    io.stdout.write(CERTS_HELP);
    return EXIT_PASSED;
  }

  switch (subcommand) {
    case "init":
      return certsInit(rest, io);
    case "fetch":
      return certsFetch(rest, io);
    default:
      throw new UsageError(`unknown certs command ${subcommand}; use init or fetch (kmipcheck certs --help)`);
  }
}

function certsInit(args: string[], io: Io): number {
  const { values, positionals } = withUsageErrors("certs", () => parseArgs({ args, options: INIT_OPTIONS, allowPositionals: true, strict: true }));
  const dir = onePositional("init", "DIR", positionals);
  const days = values.days === undefined ? undefined : parseInteger("--days", values.days, 1, MAX_VALIDITY_DAYS);

  const { files } = initPkiDirectory(dir, { serverNames: values["server-name"], serverIps: values["server-ip"], clientName: values["client-name"], days, force: values.force });
  io.stdout.write(describeInit(files));
  return EXIT_PASSED;
}

async function certsFetch(args: string[], io: Io): Promise<number> {
  const { values, positionals } = withUsageErrors("certs", () => parseArgs({ args, options: FETCH_OPTIONS, allowPositionals: true, strict: true }));
  const { host, port } = parseAddress(onePositional("fetch", "HOST[:PORT]", positionals));
  const timeoutMs = values["timeout-ms"] === undefined ? undefined : parseInteger("--timeout-ms", values["timeout-ms"], 1, 3_600_000);
  const out = values.out;
  if (out !== undefined && existsSync(out) && !values.force) {
    throw new UsageError(`${out} already exists; give another --out FILE, or --force to replace it`);
  }

  const fetched = await fetchServerCertificate(host, port, { timeoutMs, servername: values["server-name"] });
  if (out === undefined) {
    io.stdout.write(fetched.pem);
    io.stderr.write(describeCertificate(fetched));
    return EXIT_PASSED;
  }

  await writeFile(out, fetched.pem);
  io.stdout.write(`wrote ${out}\n${describeCertificate(fetched)}`);
  return EXIT_PASSED;
}

function onePositional(subcommand: string, name: string, positionals: string[]): string {
  if (positionals.length !== 1) {
    throw new UsageError(`certs ${subcommand} takes one argument (${name}), got ${positionals.length}; run \`kmipcheck certs --help\``);
  }
  return positionals[0];
}

/** Parses HOST, HOST:PORT or [IPv6]:PORT; the port defaults to 5696. */
export function parseAddress(text: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+))(?::(\d+))?$/.exec(text);
  const port = match?.[3] === undefined ? KMIP_PORT : Number(match[3]);

  if (match === null || port < 1 || port > 65535) {
    throw new UsageError(`invalid address ${text}: give HOST, HOST:PORT or [IPv6]:PORT with a port from 1 to 65535`);
  }
  return { host: match[1] ?? match[2], port };
}

function parseInteger(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new UsageError(`invalid ${flag} ${text}: expected an integer from ${min} to ${max}`);
  }
  return value;
}

function describeInit(files: PkiDirectoryFiles): string {
  return [
    `CA certificate:     ${files.caCert} (key ${files.caKey})`,
    `server certificate: ${files.serverCert} (key ${files.serverKey})`,
    `client certificate: ${files.clientCert} (key ${files.clientKey})`,
    `connect with: --client-cert ${files.clientCert} --client-key ${files.clientKey} --ca ${files.caCert}`,
    "",
  ].join("\n");
}

function describeCertificate({ certificate }: FetchedCertificate): string {
  return [
    `subject:     ${certificate.subject.replace(/\n/g, ", ")}`,
    `issuer:      ${certificate.issuer.replace(/\n/g, ", ")}`,
    `valid:       ${certificate.validFrom} to ${certificate.validTo}`,
    `SHA-256:     ${certificate.fingerprint256}`,
    "",
  ].join("\n");
}
