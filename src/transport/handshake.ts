import { X509Certificate } from "node:crypto";
import { connect, TLSSocket } from "node:tls";
import { debuglog } from "node:util";
import { describeTlsFailure, errorCode, TransportError } from "./errors";
import { formatAddress, ResolvedOptions, toTlsOptions } from "./options";

const debug = debuglog("kmipcheck:transport");

/** A socket after a successful handshake and the certificate the server presented in it. */
export interface SecureChannel {
  socket: TLSSocket;
  peerCertificate: X509Certificate;
}

/**
 * Opens a TCP connection and completes the TLS handshake within options.connectTimeoutMs.
 * Raises TransportError: CONNECT_REFUSED, CONNECT_FAILED (other TCP errors), CONNECT_TIMEOUT or
 * TLS_FAILED (handshake error, untrusted certificate, pinned certificate mismatch).
 */
export function openTlsSocket(options: ResolvedOptions): Promise<SecureChannel> {
  return new Promise((resolve, reject) => {
    const address = formatAddress(options.host, options.port);
    debug("connecting to %s (%s..%s)", address, options.minVersion, options.maxVersion);

    const socket = connect(toTlsOptions(options));
    let tcpConnected = false;

    const onConnect = (): void => {
      tcpConnected = true;
      debug("TCP connected to %s, TLS handshake started", address);
    };
    const onError = (error: Error): void => fail(tcpConnected ? tlsError(options, error) : tcpError(options, error));
    const onClose = (): void => fail(closedDuringHandshakeError(options, tcpConnected));
    const onSecureConnect = (): void => {
      // Read the certificate now: getPeerX509Certificate() of Node 20.20 returns undefined a few
      // milliseconds after the handshake (seen with TLS 1.2 and 1.3).
      const peerCertificate = socket.getPeerX509Certificate();
      const peerError = checkPeerCertificate(peerCertificate, options);
      if (peerError !== undefined) {
        fail(peerError);
        return;
      }

      stopListening();
      debug("TLS connected to %s: %s %s", address, socket.getProtocol(), socket.getCipher().name);
      resolve({ socket, peerCertificate: peerCertificate as X509Certificate });
    };

    const stopListening = (): void => {
      clearTimeout(timer);
      socket.off("connect", onConnect).off("error", onError).off("close", onClose).off("secureConnect", onSecureConnect);
    };
    const fail = (error: TransportError): void => {
      stopListening();
      socket.on("error", () => undefined); // errors after the failure add nothing to the one reported
      socket.destroy();
      debug("connect to %s failed: %s", address, error.message);
      reject(error);
    };

    const timer = setTimeout(() => fail(connectTimeoutError(options, tcpConnected)), options.connectTimeoutMs);
    socket.on("connect", onConnect).on("error", onError).on("close", onClose).on("secureConnect", onSecureConnect);
  });
}

/** Returns an error if the server presented no certificate, or not exactly the pinned one (same DER bytes). */
export function checkPeerCertificate(presented: X509Certificate | undefined, options: ResolvedOptions): TransportError | undefined {
  const pinned = options.pinned;
  if (presented !== undefined && (pinned === undefined || presented.raw.equals(pinned.raw))) {
    return undefined;
  }

  const address = formatAddress(options.host, options.port);
  const context = { host: options.host, port: options.port, pinnedFingerprint: pinned?.fingerprint256, presentedFingerprint: presented?.fingerprint256 };
  if (presented === undefined) {
    return new TransportError("TRANSPORT_TLS_FAILED", `TLS handshake with ${address} failed: the server presented no certificate`, { context });
  }

  const message =
    `TLS handshake with ${address} failed: the server certificate does not match the pinned certificate ` +
    `(pinned SHA-256 ${pinned?.fingerprint256}, server presented SHA-256 ${presented.fingerprint256}, subject ${oneLine(presented.subject)}): ` +
    "check that the pinned certificate is the one this server uses now, since some servers make a new one at each start";
  return new TransportError("TRANSPORT_TLS_FAILED", message, { context });
}

function connectTimeoutError(options: ResolvedOptions, tcpConnected: boolean): TransportError {
  const address = formatAddress(options.host, options.port);
  const phase = tcpConnected ? "TCP connected but the TLS handshake did not finish" : "no TCP connection";
  const message =
    `connect to ${address} timed out after ${options.connectTimeoutMs} ms (${phase}): ` +
    "check that the KMIP server is reachable and serves TLS on this port, or raise --connect-timeout MS for a slow network";
  const context = { host: options.host, port: options.port, timeoutMs: options.connectTimeoutMs, tcpConnected };
  return new TransportError("TRANSPORT_CONNECT_TIMEOUT", message, { context });
}

function tcpError(options: ResolvedOptions, cause: Error): TransportError {
  const address = formatAddress(options.host, options.port);
  const code = errorCode(cause);
  const context = { host: options.host, port: options.port, systemCode: code };

  if (code === "ECONNREFUSED") {
    const message = `connect to ${address} failed: connection refused: check that the KMIP server is running and listening on this port`;
    return new TransportError("TRANSPORT_CONNECT_REFUSED", message, { cause, context });
  }

  const message = `connect to ${address} failed: ${cause.message}: check the host name and the network path to the server`;
  return new TransportError("TRANSPORT_CONNECT_FAILED", message, { cause, context });
}

/** Wraps an error raised during the handshake, or later as a TLS alert, as TRANSPORT_TLS_FAILED. */
export function tlsError(options: ResolvedOptions, cause: Error, phase = "TLS handshake"): TransportError {
  const address = formatAddress(options.host, options.port);
  const { reason, advice } = describeTlsFailure(cause);
  const tlsCode = errorCode(cause);

  const message = `${phase} with ${address} failed: ${reason}${tlsCode ? ` (${tlsCode})` : ""}: ${advice}`;
  const context = { host: options.host, port: options.port, tlsCode, reason };
  return new TransportError("TRANSPORT_TLS_FAILED", message, { cause, context });
}

function closedDuringHandshakeError(options: ResolvedOptions, tcpConnected: boolean): TransportError {
  const address = formatAddress(options.host, options.port);
  const message = tcpConnected
    ? `TLS handshake with ${address} failed: the server closed the connection during the handshake: ` +
      "it may have rejected the client certificate, the TLS version or the cipher suites"
    : `connect to ${address} failed: the connection closed before TCP was established`;
  const code = tcpConnected ? "TRANSPORT_TLS_FAILED" : "TRANSPORT_CONNECT_FAILED";
  return new TransportError(code, message, { context: { host: options.host, port: options.port } });
}

function oneLine(distinguishedName: string): string {
  return distinguishedName.split("\n").join(", ");
}
