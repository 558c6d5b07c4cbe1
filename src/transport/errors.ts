import { KmipcheckError } from "../errors";

export type TransportErrorCode =
  | "TRANSPORT_INVALID_OPTIONS"
  | "TRANSPORT_CONNECT_REFUSED"
  | "TRANSPORT_CONNECT_FAILED"
  | "TRANSPORT_CONNECT_TIMEOUT"
  | "TRANSPORT_TLS_FAILED"
  | "TRANSPORT_RESPONSE_TIMEOUT"
  | "TRANSPORT_CLOSED"
  | "TRANSPORT_FRAMING"
  | "TRANSPORT_BUSY"
  | "TRANSPORT_HTTP_STATUS"
  | "TRANSPORT_HTTP_RESPONSE";

/**
 * Failure of the TLS connection to a KMIP server. `context` always has `host` and `port`, plus
 * `timeoutMs`, `bytesReceived`, `tlsCode` or `reason` where they apply. KMIP over HTTPS adds
 * TRANSPORT_HTTP_STATUS (a status other than 200) and TRANSPORT_HTTP_RESPONSE (headers that break
 * KMIP Additional Message Encodings §2.5), with `path` and `status` in the context.
 */
export class TransportError extends KmipcheckError {
  declare readonly code: TransportErrorCode;

  constructor(code: TransportErrorCode, message: string, options: { cause?: unknown; context?: Record<string, unknown> } = {}) {
    super(code, message, options);
  }
}

/** OpenSSL reason and a hint on what to check, for a TLS or certificate error raised by node:tls. */
export interface TlsFailureDescription {
  reason: string;
  advice: string;
}

const CLIENT_CERTIFICATE_REJECTED =
  "the server did not accept the client certificate: check that --client-cert is signed by a CA the server trusts and is valid for client authentication";

/** Hints keyed by the `code` node:tls sets: OpenSSL alert codes or X.509 verification codes. */
const ADVICE_BY_CODE: Record<string, string> = {
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: "the server requires a client certificate: pass --client-cert and --client-key",
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: CLIENT_CERTIFICATE_REJECTED,
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: CLIENT_CERTIFICATE_REJECTED,
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN: CLIENT_CERTIFICATE_REJECTED,
  ERR_SSL_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE: CLIENT_CERTIFICATE_REJECTED,
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED: "the server rejected the client certificate as expired: issue a new one",
  ERR_SSL_TLSV1_ALERT_ACCESS_DENIED: "the server denied access to this client certificate: check the user it maps to",
  ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION: "client and server share no TLS version: check the TLS versions the server accepts and --tls-min-version / --tls-max-version",
  ERR_SSL_UNSUPPORTED_PROTOCOL: "client and server share no TLS version: check the TLS versions the server accepts and --tls-min-version / --tls-max-version",
  ERR_SSL_NO_PROTOCOLS_AVAILABLE: "no TLS version is enabled: check that --tls-min-version is not above --tls-max-version",
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE: "the server aborted the handshake: check --ciphers, the TLS versions (--tls-min-version, --tls-max-version) and the client certificate",
  ERR_SSL_NO_CIPHERS_AVAILABLE: "no cipher suite is enabled: check --ciphers",
  ERR_SSL_WRONG_VERSION_NUMBER: "the server did not reply with TLS: check that this port serves KMIP over TLS",
  ERR_SSL_PACKET_LENGTH_TOO_LONG: "the server did not reply with TLS: check that this port serves KMIP over TLS",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the server certificate is not signed by the given CA: check --ca, or pin the server certificate",
  UNABLE_TO_GET_ISSUER_CERT: "the server certificate is not signed by the given CA: check --ca, or pin the server certificate",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "the server certificate is not signed by the given CA: check --ca, or pin the server certificate",
  SELF_SIGNED_CERT_IN_CHAIN: "the server certificate chains to a CA that is not trusted: check --ca, or pin the server certificate",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the server certificate is self-signed and not trusted: pin it or pass it as --ca",
  CERT_SIGNATURE_FAILURE: "the server certificate signature is invalid: check --ca",
  CERT_HAS_EXPIRED: "the server certificate has expired: renew it, or check the clocks of client and server",
  CERT_NOT_YET_VALID: "the server certificate is not valid yet: check the clocks of client and server",
  ERR_TLS_CERT_ALTNAME_INVALID: "the server certificate does not name this host: connect to a name or address in its subjectAltName, or give that name with --server-name NAME",
  ECONNRESET: "the server reset the connection: it may have rejected the client certificate, the TLS version or the cipher suites",
};

const DEFAULT_ADVICE = "check the TLS settings (CA, client certificate and key, TLS versions, cipher suites) of client and server";

/** Describes a TLS error for a person: the OpenSSL reason and what to check. */
export function describeTlsFailure(error: Error & { code?: string; reason?: string }): TlsFailureDescription {
  const reason = error.reason ?? error.message;
  const advice = (error.code !== undefined ? ADVICE_BY_CODE[error.code] : undefined) ?? DEFAULT_ADVICE;
  return { reason, advice };
}

/** Returns the `code` of a Node.js system or TLS error, if it has one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}
