/**
 * `kmipcheck proxy`: sits between a KMIP client and a server, forwards every message unchanged, and
 * reports the client's findings and the server's, as `kmipcheck serve` does for the client alone.
 */
import { parseArgs } from "node:util";
import { LintSession, type LintSummary } from "../lint";
import { DEFAULT_PROXY_RESPONSE_TIMEOUT_MS, startProxy, type KmipProxy } from "../proxy";
import { resolveConnectOptions, TransportError, type ConnectOptions } from "../transport";
import type { Io } from "./run-command";
import { createPkiFolder, parseWholeNumber, readPemFile, SESSION_HELP, SESSION_OPTIONS, waitForStopSignal } from "./session-options";
import { parseHostPort } from "./target";
import { EXIT_FAILED, EXIT_PASSED, UsageError, withUsageErrors } from "./usage";

export const PROXY_HELP = `Usage: kmipcheck proxy --listen HOST:PORT --upstream HOST:PORT
                       --client-cert FILE --client-key FILE [--ca FILE] [--server-name NAME]
                       [--cert FILE --key FILE] [--client-ca FILE] [--timeout-ms N]
                       [--findings FILE] [--capture FILE] [--clock-skew SECONDS] [--pki-dir DIR]

Accepts KMIP clients over mutual TLS on --listen and opens, for each client connection, one
mutual-TLS connection to the server at --upstream with the proxy's own client certificate. Every
message is forwarded unchanged. Each request is checked as kmipcheck serve checks it, and each
response against the server's rules (Time Stamp, Batch Count, echoed Unique Batch Item ID, Result
Reason, protocol version). Runs until Ctrl-C, then prints the number of findings of each rule.

Towards the server:
  --upstream HOST:PORT  the KMIP server (HOST alone means port 5696)
  --client-cert FILE    PEM client certificate the proxy presents to the server (required)
  --client-key FILE     PEM private key of --client-cert (required)
  --ca FILE             PEM CA certificate(s) that sign the server certificate (default the
                        system's trusted CAs)
  --server-name NAME    name to check the server certificate against (default the upstream HOST)
  --timeout-ms N        time allowed to connect to the server and for each response, in
                        milliseconds (default ${DEFAULT_PROXY_RESPONSE_TIMEOUT_MS})
Towards the clients:
  --listen HOST:PORT    address to listen on (required; port 0 picks a free port)
  --cert FILE           PEM certificate the proxy presents to clients (with --key; default the
                        server certificate of a test PKI, see --pki-dir)
  --key FILE            PEM private key of --cert
  --client-ca FILE      PEM CA certificate that signs the client certificates to accept (default
                        the test PKI's CA)
${SESSION_HELP}
  -h, --help            show this help

Exit codes: 0 stopped with no failing finding; 1 a client or the server broke a rule; 2 invalid
command line.
`;

const OPTIONS = {
  listen: { type: "string" },
  upstream: { type: "string" },
  "client-cert": { type: "string" },
  "client-key": { type: "string" },
  ca: { type: "string" },
  "server-name": { type: "string" },
  "timeout-ms": { type: "string" },
  cert: { type: "string" },
  key: { type: "string" },
  "client-ca": { type: "string" },
  ...SESSION_OPTIONS,
  help: { type: "boolean", short: "h", default: false },
} as const;

type ProxyValues = ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS }>>["values"];

export async function proxyCommand(args: string[], io: Io): Promise<number> {
  const { values } = withUsageErrors("proxy", () => parseArgs({ args, options: OPTIONS, allowPositionals: false, strict: true }));
  if (values.help) {
    io.stdout.write(PROXY_HELP);
    return EXIT_PASSED;
  }

  const { listen, upstream, timeoutMs } = await checkedAddresses(values);
  const listening = await listeningIdentity(values, listen.host, io);
  const clockSkewSeconds = values["clock-skew"] === undefined ? undefined : parseWholeNumber("--clock-skew", values["clock-skew"], 0, 86_400);
  const session = new LintSession({ mode: "proxy", checkResponses: true, output: io.stdout, findingsFile: values.findings, captureFile: values.capture, clockSkewSeconds });

  const proxy = await startProxy({ ...listen, ...listening, upstream, responseTimeoutMs: timeoutMs, onExchange: (exchange) => session.record(exchange) });
  io.stdout.write(`kmipcheck proxy: listening on ${proxy.host}:${proxy.port}, forwarding to ${upstream.host}:${upstream.port}; Ctrl-C stops\n`);

  const signal = await waitForStopSignal();
  io.stdout.write(`kmipcheck proxy: ${signal} received, stopping\n`);
  await stopProxy(proxy, session);
  return session.findings.some((finding) => finding.severity === "fail") ? EXIT_FAILED : EXIT_PASSED;
}

async function stopProxy(proxy: KmipProxy, session: LintSession): Promise<LintSummary> {
  await proxy.close();
  return session.close();
}

async function checkedAddresses(values: ProxyValues): Promise<{ listen: { host: string; port: number }; upstream: ConnectOptions; timeoutMs: number | undefined }> {
  if (values.listen === undefined || values.upstream === undefined) {
    throw new UsageError("proxy needs --listen HOST:PORT and --upstream HOST:PORT; run `kmipcheck proxy --help`");
  }
  if (values["client-cert"] === undefined || values["client-key"] === undefined) {
    throw new UsageError("proxy needs --client-cert FILE and --client-key FILE, the credentials it presents to the server");
  }

  const listen = parseListen(values.listen);
  const { host, port } = parseHostPort(values.upstream);
  const timeoutMs = values["timeout-ms"] === undefined ? undefined : parseWholeNumber("--timeout-ms", values["timeout-ms"], 1, 3_600_000);
  const upstream: ConnectOptions = {
    host, port,
    cert: await readPemFile("--client-cert", values["client-cert"]),
    key: await readPemFile("--client-key", values["client-key"]),
    ca: values.ca === undefined ? undefined : await readPemFile("--ca", values.ca),
    servername: values["server-name"],
    connectTimeoutMs: timeoutMs,
  };
  checkUpstreamCredentials(upstream);
  return { listen, upstream, timeoutMs };
}

/** Parses --listen HOST:PORT, where port 0 is allowed (any free port). */
function parseListen(text: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d+)$/.exec(text);
  if (match === null || Number(match[3]) > 65535) {
    throw new UsageError(`invalid --listen ${text}: give HOST:PORT with a port from 0 to 65535 (0 picks a free port)`);
  }
  return { host: match[1] ?? match[2], port: Number(match[3]) };
}

/** Parses the client credentials now, so that a wrong file is a usage error before the proxy listens. */
function checkUpstreamCredentials(upstream: ConnectOptions): void {
  try {
    resolveConnectOptions(upstream);
  } catch (error) {
    if (error instanceof TransportError) {
      throw new UsageError(`invalid credentials towards the server: ${error.message}`);
    }
    throw error;
  }
}

async function listeningIdentity(values: ProxyValues, host: string, io: Io): Promise<{ cert: string; key: string; clientCa: string }> {
  if ((values.cert === undefined) !== (values.key === undefined)) {
    throw new UsageError("give --cert FILE and --key FILE together, or neither for the test PKI's server certificate");
  }
  if (values.cert !== undefined && values.key !== undefined && values["client-ca"] !== undefined) {
    return { cert: await readPemFile("--cert", values.cert), key: await readPemFile("--key", values.key), clientCa: await readPemFile("--client-ca", values["client-ca"]) };
  }

  const { pki } = createPkiFolder(values["pki-dir"], host, io);
  return {
    cert: values.cert === undefined ? pki.server.cert : await readPemFile("--cert", values.cert),
    key: values.key === undefined ? pki.server.key : await readPemFile("--key", values.key),
    clientCa: values["client-ca"] === undefined ? pki.ca.cert : await readPemFile("--client-ca", values["client-ca"]),
  };
}
