/**
 * The three message encodings of KMIP over HTTPS (KMIP Additional Message Encodings 1.0 §2.4 and
 * §2.5), chosen by the HTTP Content-Type: TTLV ("application/octet-stream"), XML ("text/xml",
 * §3) and JSON ("application/json", §4). XML and JSON requests are converted to TTLV for the
 * request processor, and its TTLV response back to the request's encoding.
 *
 * NOTE: Maximum Response Size (§6.3 of the KMIP spec) is checked against the TTLV encoding of the
 * response, whatever encoding carries it.
 */
import { tagName } from "../src/kmip";
import { decode, encode } from "../src/ttlv";
import { parseTtlvJson, parseTtlvXml, templateToJson, templateToXml, toTtlv, type TemplateNode } from "../src/vectors";
import { KmipcheckError } from "../src/errors";

export type MessageEncoding = "ttlv" | "xml" | "json";

/** Content-Type of each encoding, as §2.4 and §2.5 require of clients and servers. */
export const CONTENT_TYPES: Readonly<Record<MessageEncoding, string>> = {
  ttlv: "application/octet-stream",
  xml: "text/xml",
  json: "application/json",
};

/** A body that is not one well-formed KMIP message in its declared encoding. */
export class MessageEncodingError extends KmipcheckError {
  constructor(message: string, cause?: unknown) {
    super("BUNDLED_SERVER_MESSAGE_ENCODING", message, { cause });
  }
}

/** Returns the encoding a Content-Type header names (parameters such as charset ignored), or undefined. */
export function encodingOfContentType(contentType: string | undefined): MessageEncoding | undefined {
  const mediaType = (contentType ?? "").split(";")[0].trim().toLowerCase();
  const found = (Object.keys(CONTENT_TYPES) as MessageEncoding[]).find((encoding) => CONTENT_TYPES[encoding] === mediaType);
  return found;
}

/** Converts a request body to a TTLV message. TTLV bodies pass unchanged; the request processor checks them. */
export function requestToTtlv(body: Buffer, encoding: MessageEncoding): Buffer {
  if (encoding === "ttlv") {
    return body;
  }

  const text = body.toString("utf8");
  let nodes: TemplateNode[];
  try {
    nodes = encoding === "xml" ? parseTtlvXml(text, "request body") : parseTtlvJson(text, "request body");
  } catch (error) {
    throw new MessageEncodingError(`the ${encoding.toUpperCase()} body is not a KMIP message: ${error instanceof Error ? error.message : String(error)}`, error);
  }
  if (nodes.length !== 1) {
    throw new MessageEncodingError(`the ${encoding.toUpperCase()} body contains ${nodes.length} KMIP messages; send exactly one Request Message`);
  }

  try {
    return encode(toTtlv(nodes[0]));
  } catch (error) {
    throw new MessageEncodingError(`the ${encoding.toUpperCase()} body cannot be encoded as TTLV: ${error instanceof Error ? error.message : String(error)}`, error);
  }
}

/** Converts the processor's TTLV response to the encoding of the request. */
export function responseFromTtlv(response: Buffer, encoding: MessageEncoding): Buffer {
  if (encoding === "ttlv") {
    return response;
  }

  const node = decode(response, { namer: tagName });
  const text = encoding === "xml" ? templateToXml(node) : JSON.stringify(templateToJson(node));
  return Buffer.from(text, "utf8");
}
