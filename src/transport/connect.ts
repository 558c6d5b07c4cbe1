import type { KmipChannel } from "./channel";
import { KmipConnection } from "./connection";
import { HttpsKmipConnection, type HttpsOptions } from "./https-connection";
import type { ConnectOptions } from "./options";

/** Opens a KMIP over HTTPS connection when `https` is given, else a TTLV over TLS connection. */
export function connectKmip(options: ConnectOptions, https?: HttpsOptions): Promise<KmipChannel> {
  return https === undefined ? KmipConnection.connect(options) : HttpsKmipConnection.connect(options, https);
}
