/**
 * `kmipcheck certs fetch HOST:PORT`: reads the certificate a TLS server presents, without
 * verifying it and without a client certificate, the way HSM tools fetch a self-signed
 * certificate that the device regenerates at each boot.
 */
import { X509Certificate } from "node:crypto";
import { isIP } from "node:net";
import { connect, type ConnectionOptions, type TLSSocket } from "node:tls";
import { debuglog } from "node:util";
import { PkiError, type PkiErrorCode } from "./errors";

const debug = debuglog("kmipcheck:pki");

export const DEFAULT_FETCH_TIMEOUT_MS = 10_000;

export interface FetchOptions {
  /** Time allowed for the TCP connect and the server's certificate together, in milliseconds; default 10000. */
  timeoutMs?: number;
  /** Name sent in SNI; default `host` unless it is an IP address. */
  servername?: string;
}

export interface FetchedCertificate {
  /** The server's own (leaf) certificate in PEM. */
  pem: string;
  certificate: X509Certificate;
  /** TLS version negotiated, when the handshake completed; a server that requires a client certificate may end it first. */
  protocol?: string;
}

interface FetchAttempt {
  socket: TLSSocket;
  address: string;
  timeoutMs: number;
  certificate?: X509Certificate;
  settle(result: FetchedCertificate | PkiError): void;
}

/**
 * Connects with TLS 1.2 or 1.3, takes the server certificate and closes. The certificate is
 * read as soon as the server sends it, so a server that then rejects the missing client
 * certificate still yields it. Raises PkiError: PKI_FETCH_REFUSED, PKI_FETCH_TIMEOUT,
 * PKI_FETCH_TLS_FAILED, PKI_FETCH_FAILED or PKI_FETCH_NO_CERTIFICATE.
 */
export function fetchServerCertificate(host: string, port: number, options: FetchOptions = {}): Promise<FetchedCertificate> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  checkArguments(host, port, timeoutMs);
  const address = isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;

  return new Promise((resolve, reject) => {
    // requestOCSP makes OpenSSL raise a status callback right after the server's Certificate
    // message, before this client must answer a certificate request (Node emits "OCSPResponse").
    // tls.connect passes it on to the TLSSocket (Node 20), although @types/node leaves it out.
    const servername = options.servername ?? (isIP(host) === 0 ? host : undefined);
    const tlsOptions: ConnectionOptions & { requestOCSP: boolean } = { host, port, servername, rejectUnauthorized: false, requestOCSP: true, minVersion: "TLSv1.2" };
    const socket = connect(tlsOptions);
    const timer = setTimeout(() => attempt.settle(fetchError("PKI_FETCH_TIMEOUT", `no certificate from ${address} within ${timeoutMs} ms; check that the server is up and serves TLS on this port, or raise the timeout`, attempt)), timeoutMs);

    let settled = false;
    const attempt: FetchAttempt = {
      socket,
      address,
      timeoutMs,
      settle(result) {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.removeAllListeners("error");
        socket.on("error", () => {});
        socket.destroy();
        if (result instanceof PkiError) reject(result);
        else resolve(result);
      },
    };
    listen(attempt);
  });
}

function listen(attempt: FetchAttempt): void {
  const { socket } = attempt;
  const capture = () => {
    attempt.certificate ??= socket.getPeerX509Certificate();
  };

  socket.on("OCSPResponse", capture);
  socket.on("secureConnect", () => {
    capture();
    finish(attempt, socket.getProtocol() ?? undefined);
  });
  socket.on("error", (error: NodeJS.ErrnoException) => onError(attempt, error));
  socket.on("close", () => finish(attempt, undefined));
}

function finish(attempt: FetchAttempt, protocol: string | undefined): void {
  if (attempt.certificate === undefined) {
    attempt.settle(fetchError("PKI_FETCH_NO_CERTIFICATE", `${attempt.address} closed the connection without presenting a certificate; check that this port serves TLS`, attempt));
    return;
  }

  const result: FetchedCertificate = { pem: attempt.certificate.toString(), certificate: attempt.certificate };
  if (protocol !== undefined) result.protocol = protocol;
  attempt.settle(result);
}

function onError(attempt: FetchAttempt, error: NodeJS.ErrnoException): void {
  if (attempt.certificate !== undefined) {
    // The server sent its certificate, then ended the handshake, usually for want of a client certificate.
    debug("%s ended the handshake after its certificate: %s", attempt.address, error.code ?? error.message);
    finish(attempt, undefined);
    return;
  }

  attempt.settle(describeFailure(attempt, error));
}

function describeFailure(attempt: FetchAttempt, error: NodeJS.ErrnoException): PkiError {
  const { address } = attempt;
  switch (error.code) {
    case "ECONNREFUSED":
      return fetchError("PKI_FETCH_REFUSED", `connection to ${address} refused; check the host and port, and that the server is running`, attempt, error);
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return fetchError("PKI_FETCH_FAILED", `host of ${address} not found; check the host name`, attempt, error);
    case "ECONNRESET":
      return fetchError("PKI_FETCH_FAILED", `${address} reset the connection before sending a certificate; check that this port serves TLS 1.2 or 1.3`, attempt, error);
  }

  if (error.code?.startsWith("ERR_SSL_") === true) {
    const reason = (error as { reason?: string }).reason ?? error.message;
    return fetchError("PKI_FETCH_TLS_FAILED", `TLS handshake with ${address} failed before the server sent a certificate (${reason}); check that this port serves TLS 1.2 or 1.3`, attempt, error);
  }
  return fetchError("PKI_FETCH_FAILED", `failed to connect to ${address}: ${error.message}`, attempt, error);
}

function fetchError(code: PkiErrorCode, message: string, attempt: FetchAttempt, cause?: unknown): PkiError {
  return new PkiError(code, message, { cause, context: { address: attempt.address, timeoutMs: attempt.timeoutMs, errorCode: (cause as NodeJS.ErrnoException | undefined)?.code } });
}

function checkArguments(host: string, port: number, timeoutMs: number): void {
  if (typeof host !== "string" || host.trim() === "") {
    throw new PkiError("PKI_INVALID_OPTIONS", `invalid host ${JSON.stringify(host)}: give a host name or IP address`);
  }

  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new PkiError("PKI_INVALID_OPTIONS", `invalid port ${port}: expected an integer from 1 to 65535`);
  }

  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new PkiError("PKI_INVALID_OPTIONS", `invalid timeout ${timeoutMs}: expected a positive number of milliseconds`);
  }
}
