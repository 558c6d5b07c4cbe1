import type { X509Certificate } from "node:crypto";

/**
 * A connection that carries KMIP request and response messages in the TTLV encoding, one
 * request at a time: KmipConnection (TTLV over TLS) and HttpsKmipConnection (KMIP over HTTPS).
 */
export interface KmipChannel {
  /** The certificate the server presented in the first TLS handshake. */
  readonly peerCertificate: X509Certificate;
  /** Negotiated TLS version of the first handshake, e.g. "TLSv1.3". */
  readonly protocol: string;
  /** Negotiated cipher suite of the first handshake, in OpenSSL's naming. */
  readonly cipher: string;
  /** "host:port" of the server, with the target URI for KMIP over HTTPS. */
  readonly address: string;
  /** Sends one TTLV request message and resolves with the TTLV response message. */
  roundTrip(request: Buffer, timeoutMs?: number): Promise<Buffer>;
  close(): Promise<void>;
}
