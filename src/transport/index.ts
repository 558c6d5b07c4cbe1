/** KMIP clients: TTLV over mutual TLS, and KMIP over HTTPS; one request at a time per connection. */
export type { KmipChannel } from "./channel";
export { connectKmip } from "./connect";
export { KmipConnection } from "./connection";
export { TransportError, TransportErrorCode } from "./errors";
export { TTLV_BODY, type HttpBodyEncoding } from "./http-body";
export { DEFAULT_KMIP_HTTPS_PATH, HttpsKmipConnection, type HttpsOptions } from "./https-connection";
export {
  ConnectOptions,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_RESPONSE_TIMEOUT_MS,
  KMIP_TLS_PORT,
  resolveConnectOptions,
  TlsVersion,
} from "./options";
