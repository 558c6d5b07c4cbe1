/** TLS client for KMIP: mutual authentication, one request at a time per connection. */
export { KmipConnection } from "./connection";
export { TransportError, TransportErrorCode } from "./errors";
export {
  ConnectOptions,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_RESPONSE_TIMEOUT_MS,
  KMIP_TLS_PORT,
  resolveConnectOptions,
  TlsVersion,
} from "./options";
