import { TlsOptions } from "node:tls";
import { expect } from "chai";
import { TestPki } from "../../src/pki";
import { ConnectOptions, TransportError, TransportErrorCode } from "../../src/transport";

/** Options of a TLS server that requires a client certificate signed by the PKI's CA. */
export function mutualTlsServerOptions(pki: TestPki, extra: TlsOptions = {}): TlsOptions {
  return { cert: pki.server.cert, key: pki.server.key, ca: pki.ca.cert, requestCert: true, rejectUnauthorized: true, ...extra };
}

/** Client options that trust the PKI's CA and present its client certificate. */
export function clientOptions(pki: TestPki, port: number, extra: Partial<ConnectOptions> = {}): ConnectOptions {
  return { host: "127.0.0.1", port, ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key, connectTimeoutMs: 5_000, responseTimeoutMs: 5_000, ...extra };
}

/** Awaits the promise, expects it to reject with a TransportError of the given code, and returns the error. */
export async function expectTransportError(promise: Promise<unknown>, code: TransportErrorCode): Promise<TransportError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }

  expect(caught, "the promise should have rejected").to.be.instanceOf(TransportError);
  const error = caught as TransportError;
  expect(error.code, error.message).to.equal(code);
  return error;
}
