/**
 * The transport each vector is replayed over. The three message-encoding vectors of KMIP 1.4
 * (MSGENC-HTTPS, MSGENC-JSON, MSGENC-XML) hold the same requests, and only the file name says how
 * to send them, so the choice is this documented mapping of file name prefixes:
 *
 *   MSGENC-HTTPS-  KMIP over HTTPS, TTLV bodies ("application/octet-stream")
 *   MSGENC-JSON-   KMIP over HTTPS, JSON bodies ("application/json", Additional Message Encodings §4)
 *   MSGENC-XML-    KMIP over HTTPS, XML bodies ("text/xml", Additional Message Encodings §3)
 *
 * Every other vector goes over TTLV over TLS. The server under test gets only the Content-Type, never the file name.
 */
import { tagName } from "../kmip";
import { decode, encode } from "../ttlv";
import { connectKmip, TTLV_BODY, type HttpBodyEncoding, type KmipChannel } from "../transport";
import { parseTtlvJson, parseTtlvXml, templateToJson, templateToXml, toTtlv, type TemplateNode } from "../vectors";
import { ReplayError } from "./errors";
import type { HttpsEndpoint, TargetOptions } from "./types";

/** XML bodies: each message in the XML form of the vectors. */
export const XML_BODY: HttpBodyEncoding = {
  name: "XML",
  contentType: "text/xml",
  encodeRequest: (message) => Buffer.from(templateToXml(decode(message, { namer: tagName })), "utf8"),
  decodeResponse: (body) => encode(oneMessage(parseTtlvXml(body.toString("utf8")), "XML")),
};

/** JSON bodies: each message in the JSON form of Additional Message Encodings §4. */
export const JSON_BODY: HttpBodyEncoding = {
  name: "JSON",
  contentType: "application/json",
  encodeRequest: (message) => Buffer.from(JSON.stringify(templateToJson(decode(message, { namer: tagName }))), "utf8"),
  decodeResponse: (body) => encode(oneMessage(parseTtlvJson(body.toString("utf8")), "JSON")),
};

/** Body encoding of KMIP over HTTPS by vector file name prefix; vectors with none use TTLV over TLS. */
export const HTTPS_VECTOR_PREFIXES: ReadonlyArray<{ prefix: string; encoding: HttpBodyEncoding }> = [
  { prefix: "MSGENC-HTTPS-", encoding: TTLV_BODY },
  { prefix: "MSGENC-JSON-", encoding: JSON_BODY },
  { prefix: "MSGENC-XML-", encoding: XML_BODY },
];

/** Returns the body encoding of KMIP over HTTPS for a vector, or undefined for TTLV over TLS. */
export function httpsEncodingOfVector(vectorName: string): HttpBodyEncoding | undefined {
  const upper = vectorName.toUpperCase();
  return HTTPS_VECTOR_PREFIXES.find((entry) => upper.startsWith(entry.prefix))?.encoding;
}

/** Opens the connection a vector is replayed over; raises REPLAY_NO_HTTPS_ENDPOINT when it needs HTTPS and the target has none. */
export async function connectForVector(vectorName: string, target: TargetOptions): Promise<KmipChannel> {
  const encoding = httpsEncodingOfVector(vectorName);
  if (encoding === undefined) {
    return connectKmip(target.connection);
  }

  const endpoint = requireEndpoint(vectorName, encoding, target.https);
  const connection = { ...target.connection, host: endpoint.host ?? target.connection.host };
  return connectKmip(connection, { port: endpoint.port, path: endpoint.path, encoding });
}

function requireEndpoint(vectorName: string, encoding: HttpBodyEncoding, endpoint: HttpsEndpoint | undefined): HttpsEndpoint {
  if (endpoint !== undefined) {
    return endpoint;
  }

  const message = `vector ${vectorName} is sent over KMIP over HTTPS with ${encoding.name} bodies, but the target has no HTTPS endpoint: give --https-url https://HOST:PORT/kmip`;
  throw new ReplayError("REPLAY_NO_HTTPS_ENDPOINT", message, { context: { vector: vectorName } });
}

function oneMessage(nodes: TemplateNode[], encoding: string): ReturnType<typeof toTtlv> {
  if (nodes.length !== 1) {
    throw new Error(`the ${encoding} body contains ${nodes.length} KMIP messages; expected exactly one Response Message`);
  }
  return toTtlv(nodes[0]);
}
