/**
 * `kmipcheck serve`: the bundled server as a standalone KMIP server that checks the client's side
 * of every request and reports findings, like a strict HSM that explains its rejections.
 */
import { parseArgs } from "node:util";
import { DEFAULT_KMIP_PORT, startBundledServer, type BundledServer } from "../../bundled-server";
import { LintSession, type LintSummary } from "../lint";
import type { Io } from "./run-command";
import type { UserTable } from "../../bundled-server/authentication";
import type { LimitOptions } from "../../bundled-server/limits";
import { parseServerLimits, readUsersFile, SERVER_LIMIT_HELP, SERVER_LIMIT_OPTIONS } from "./serve-limits";
import { createPkiFolder, parseWholeNumber, readPemFile, SESSION_HELP, SESSION_OPTIONS, waitForStopSignal } from "./session-options";
import { EXIT_FAILED, EXIT_PASSED, UsageError, withUsageErrors } from "./usage";

export const SERVE_HELP = `Usage: kmipcheck serve [--host HOST] [--port PORT] [--cert FILE --key FILE] [--ca FILE]
                       [--findings FILE] [--capture FILE] [--clock-skew SECONDS] [--pki-dir DIR]
                       [--users FILE] [--max-connections N] [--idle-timeout MS]
                       [--message-timeout MS] [--handshake-timeout MS]
                       [--max-message-size BYTES] [--max-nesting-depth N]

Runs the bundled KMIP 1.4 server (mutual TLS) until Ctrl-C. Every request is checked against the
client's rules of the KMIP 1.4 specification (Batch Count, Unique Batch Item ID, Batch Error
Continuation Option, Time Stamp, tags, field order, attribute names and types, TTLV encoding,
protocol version), and each finding is printed with the client's certificate subject, the path in
the request, the rule's section and what a conformant client sends. Stopping prints the number of
findings of each rule.

Without --ca, serve writes a test PKI (ca.pem, server.pem, client.pem and keys) into --pki-dir or a
new temporary folder, serves with its server certificate and accepts clients signed by its CA.

Options:
  --host HOST           address to listen on (default 127.0.0.1)
  --port PORT           TCP port (default ${DEFAULT_KMIP_PORT}; 0 picks a free port)
  --cert FILE           PEM server certificate (with --key; default the test PKI's, or a fresh
                        self-signed certificate when --ca is given)
  --key FILE            PEM private key of --cert
  --ca FILE             PEM CA certificate that signs the client certificates to accept
${SESSION_HELP}
${SERVER_LIMIT_HELP}
  -h, --help            show this help

Exit codes: 0 stopped with no failing finding; 1 some request broke a rule; 2 invalid command line.
`;

const OPTIONS = {
  host: { type: "string", default: "127.0.0.1" },
  port: { type: "string" },
  cert: { type: "string" },
  key: { type: "string" },
  ca: { type: "string" },
  ...SESSION_OPTIONS,
  ...SERVER_LIMIT_OPTIONS,
  help: { type: "boolean", short: "h", default: false },
} as const;

export interface ServeSessionOptions {
  host: string;
  port: number;
  /** PEM of the CA that signs client certificates. */
  clientCa: string;
  cert?: string;
  key?: string;
  findingsFile?: string;
  captureFile?: string;
  clockSkewSeconds?: number;
  /** Resource limits of the server; each absent one keeps its default. */
  limits?: LimitOptions;
  /** Users bound to client certificates, by certificate subject Common Name. */
  users?: UserTable;
  output: NodeJS.WritableStream;
}

export interface ServeSession {
  server: BundledServer;
  session: LintSession;
  /** Stops the server, then writes the files and prints the summary. */
  stop(): Promise<LintSummary>;
}

/** Starts the bundled server with a lint session that checks every exchange. */
export async function startServeSession(options: ServeSessionOptions): Promise<ServeSession> {
  const session = new LintSession({ mode: "serve", checkResponses: false, output: options.output, findingsFile: options.findingsFile, captureFile: options.captureFile, clockSkewSeconds: options.clockSkewSeconds });
  const server = await startBundledServer({
    host: options.host, port: options.port, clientCa: options.clientCa, cert: options.cert, key: options.key, ...options.limits, users: options.users,
    onExchange: (exchange) => session.record({ request: exchange.request, response: exchange.response, client: exchange.client.subject, receivedAt: exchange.receivedAt }),
  });

  const stop = async (): Promise<LintSummary> => {
    await server.close();
    return session.close();
  };
  return { server, session, stop };
}

export async function serveCommand(args: string[], io: Io): Promise<number> {
  const { values } = withUsageErrors("serve", () => parseArgs({ args, options: OPTIONS, allowPositionals: false, strict: true }));
  if (values.help) {
    io.stdout.write(SERVE_HELP);
    return EXIT_PASSED;
  }

  const options = await serveOptions(values, io);
  const serving = await startServeSession(options);
  io.stdout.write(`kmipcheck serve: listening on ${serving.server.host}:${serving.server.port}; Ctrl-C stops\n`);

  const signal = await waitForStopSignal();
  io.stdout.write(`kmipcheck serve: ${signal} received, stopping\n`);
  await serving.stop();
  return serving.session.findings.some((finding) => finding.severity === "fail") ? EXIT_FAILED : EXIT_PASSED;
}

type ServeValues = ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS }>>["values"];

async function serveOptions(values: ServeValues, io: Io): Promise<ServeSessionOptions> {
  if ((values.cert === undefined) !== (values.key === undefined)) {
    throw new UsageError("give --cert FILE and --key FILE together, or neither");
  }
  const port = values.port === undefined ? DEFAULT_KMIP_PORT : parseWholeNumber("--port", values.port, 0, 65535);
  const clockSkewSeconds = values["clock-skew"] === undefined ? undefined : parseWholeNumber("--clock-skew", values["clock-skew"], 0, 86_400);
  const cert = values.cert === undefined ? undefined : await readPemFile("--cert", values.cert);
  const key = values.key === undefined ? undefined : await readPemFile("--key", values.key);

  const limits = parseServerLimits(values);
  const users = values.users === undefined ? undefined : await readUsersFile(values.users);
  const common = { host: values.host, port, findingsFile: values.findings, captureFile: values.capture, clockSkewSeconds, limits, users, output: io.stdout };
  if (values.ca !== undefined) {
    return { ...common, clientCa: await readPemFile("--ca", values.ca), cert, key };
  }

  const { pki } = createPkiFolder(values["pki-dir"], values.host, io);
  return { ...common, clientCa: pki.ca.cert, cert: cert ?? pki.server.cert, key: key ?? pki.server.key };
}
