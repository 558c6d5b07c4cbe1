import { createPrivateKey, X509Certificate } from "node:crypto";
import { isIP } from "node:net";
import { ConnectionOptions } from "node:tls";
import { TransportError } from "./errors";

export type TlsVersion = "TLSv1.2" | "TLSv1.3";

export interface ConnectOptions {
  host: string;
  /** TCP port; default 5696, the port IANA assigned to KMIP over TLS. */
  port?: number;
  /** PEM of the CA(s) that sign the server certificate; replaces Node's default root CAs. */
  ca?: string | Buffer;
  /** PEM of the exact certificate the server must present; the CA chain is not checked then. */
  pinnedServerCertificate?: string;
  /** PEM of the client certificate (and any intermediate CAs after it). */
  cert: string | Buffer;
  /** PEM of the client private key. */
  key: string | Buffer;
  /** Lowest TLS version offered; default TLSv1.2. */
  minVersion?: TlsVersion;
  /** Highest TLS version offered; default TLSv1.3. */
  maxVersion?: TlsVersion;
  /**
   * OpenSSL cipher list; default Node's. TLS 1.3 suites named in it replace Node's TLS 1.3
   * defaults, and a list of TLS 1.2 ciphers only leaves those defaults on (Node 20).
   */
  ciphers?: string;
  /** Name sent in SNI and matched against the server certificate; default `host` unless it is an IP address. */
  servername?: string;
  /** Time allowed for the TCP connect and TLS handshake together, in milliseconds; default 10000. */
  connectTimeoutMs?: number;
  /** Time allowed for each whole response message, in milliseconds; default 30000. */
  responseTimeoutMs?: number;
  /** Largest response message accepted, in bytes including the 8-byte header; default that of FrameAssembler. */
  maxMessageSize?: number;
}

/** ConnectOptions after defaults and checks, with the pinned certificate parsed. */
export interface ResolvedOptions extends ConnectOptions {
  port: number;
  minVersion: TlsVersion;
  maxVersion: TlsVersion;
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  pinned?: X509Certificate;
}

export const KMIP_TLS_PORT = 5696;
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_RESPONSE_TIMEOUT_MS = 30_000;

const TLS_VERSIONS: readonly TlsVersion[] = ["TLSv1.2", "TLSv1.3"];

/** Applies defaults and checks every option; raises TRANSPORT_INVALID_OPTIONS naming the bad value. */
export function resolveConnectOptions(options: ConnectOptions): ResolvedOptions {
  const resolved: ResolvedOptions = {
    ...options,
    port: options.port ?? KMIP_TLS_PORT,
    minVersion: options.minVersion ?? "TLSv1.2",
    maxVersion: options.maxVersion ?? "TLSv1.3",
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    responseTimeoutMs: options.responseTimeoutMs ?? DEFAULT_RESPONSE_TIMEOUT_MS,
  };

  checkAddress(resolved);
  checkVersions(resolved);
  checkTimeout("connectTimeoutMs", resolved.connectTimeoutMs, resolved);
  checkTimeout("responseTimeoutMs", resolved.responseTimeoutMs, resolved);
  checkCredentials(resolved);

  if (options.pinnedServerCertificate !== undefined) {
    resolved.pinned = parsePinnedCertificate(options.pinnedServerCertificate, resolved);
  }
  return resolved;
}

/** Builds the node:tls options: mutual TLS, verification by CA unless a certificate is pinned. */
export function toTlsOptions(options: ResolvedOptions): ConnectionOptions {
  const tlsOptions: ConnectionOptions = {
    host: options.host,
    port: options.port,
    cert: options.cert,
    key: options.key,
    minVersion: options.minVersion,
    maxVersion: options.maxVersion,

    // A pinned certificate is compared byte for byte after the handshake (checkPeerCertificate in
    // handshake.ts), so the chain check, which would reject a self-signed certificate, is turned off.
    rejectUnauthorized: options.pinned === undefined,
  };

  if (options.ca !== undefined) tlsOptions.ca = options.ca;
  if (options.ciphers !== undefined) tlsOptions.ciphers = options.ciphers;

  // Without servername, Node sends no SNI for an IP address host (RFC 6066 §3 forbids IP addresses
  // in SNI) and checks that address against the certificate's IP address SANs.
  if (options.servername !== undefined) tlsOptions.servername = options.servername;
  return tlsOptions;
}

/** Returns "host:port", with brackets around an IPv6 address. */
export function formatAddress(host: string, port: number): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}

function checkAddress(options: ResolvedOptions): void {
  if (typeof options.host !== "string" || options.host.trim() === "") {
    throw invalid(`invalid host ${JSON.stringify(options.host)}: give a host name or IP address`, options);
  }

  if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) {
    throw invalid(`invalid port ${options.port} for ${options.host}: expected an integer from 1 to 65535 (KMIP uses ${KMIP_TLS_PORT})`, options);
  }
}

function checkVersions(options: ResolvedOptions): void {
  for (const version of [options.minVersion, options.maxVersion]) {
    if (!TLS_VERSIONS.includes(version)) {
      throw invalid(`invalid TLS version ${JSON.stringify(version)}: expected ${TLS_VERSIONS.join(" or ")}`, options);
    }
  }

  if (TLS_VERSIONS.indexOf(options.minVersion) > TLS_VERSIONS.indexOf(options.maxVersion)) {
    throw invalid(`minimum TLS version ${options.minVersion} is above maximum ${options.maxVersion}`, options);
  }
}

function checkTimeout(name: string, value: number, options: ResolvedOptions): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw invalid(`invalid ${name} ${value}: expected a positive number of milliseconds`, options);
  }
}

function checkCredentials(options: ResolvedOptions): void {
  if (options.cert === undefined || options.cert.length === 0) {
    throw invalid("missing client certificate: mutual TLS needs a client certificate in PEM", options);
  }

  if (options.key === undefined || options.key.length === 0) {
    throw invalid("missing client private key: mutual TLS needs the client key in PEM", options);
  }

  // node:tls would raise a bare OpenSSL error for these only when connecting, so they are checked here.
  const certificate = parsePem("cert", "client certificate", () => new X509Certificate(options.cert), options);
  const key = parsePem("key", "client private key", () => createPrivateKey(options.key), options);
  if (!certificate.checkPrivateKey(key)) {
    throw invalid(`the client private key does not match the client certificate (subject ${certificate.subject.split("\n").join(", ")}): give the key the certificate was issued for`, options, undefined, "key");
  }

  if (options.ca !== undefined) {
    parsePem("ca", "CA certificate", () => new X509Certificate(options.ca as string | Buffer), options);
  }
}

/** Runs a node:crypto PEM parser and turns its error into TRANSPORT_INVALID_OPTIONS naming the option. */
function parsePem<T>(option: string, what: string, parse: () => T, options: ResolvedOptions): T {
  try {
    return parse();
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw invalid(`invalid ${what}: expected PEM that node:crypto can read (${reason})`, options, cause, option);
  }
}

function parsePinnedCertificate(pem: string, options: ResolvedOptions): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch (cause) {
    throw invalid(`invalid pinned server certificate: expected one certificate in PEM ("BEGIN CERTIFICATE")`, options, cause, "pinnedServerCertificate");
  }
}

/** `option` names the ConnectOptions field at fault (`cert`, `key`, `ca`), so callers can name its source. */
function invalid(message: string, options: ResolvedOptions, cause?: unknown, option?: string): TransportError {
  const context = { host: options.host, port: options.port, option };
  return new TransportError("TRANSPORT_INVALID_OPTIONS", message, { cause, context });
}
