/**
 * Bodies and headers of KMIP over HTTPS (KMIP Additional Message Encodings 1.0 §2.4, §2.5). The
 * caller chooses the encoding of the body (TTLV, XML or JSON). The transport itself converts only
 * TTLV, so callers that need XML or JSON bodies supply the conversion.
 */
import type { IncomingHttpHeaders } from "node:http";
import { FrameAssembler } from "../ttlv/framing";

/** Conversion between TTLV messages and the request and response bodies of one message encoding. */
export interface HttpBodyEncoding {
  /** Name used in messages, e.g. "TTLV". */
  name: string;
  /** Content-Type that requests and responses of this encoding carry (§2.4, §2.5). */
  contentType: string;
  /** Converts a TTLV request message to the request body. */
  encodeRequest(message: Buffer): Buffer;
  /** Converts a response body to one TTLV response message; raises an Error on a body that is not one message. */
  decodeResponse(body: Buffer, maxMessageSize: number): Buffer;
}

/** TTLV bodies: the request message as it is; the response must be exactly one whole TTLV message. */
export const TTLV_BODY: HttpBodyEncoding = {
  name: "TTLV",
  contentType: "application/octet-stream",
  encodeRequest: (message) => message,
  decodeResponse(body, maxMessageSize) {
    const assembler = new FrameAssembler({ maxMessageSize });
    const messages = assembler.push(body);
    if (messages.length !== 1 || assembler.pendingBytes > 0) {
      throw new Error(`the body of ${body.length} bytes contains ${messages.length} whole TTLV messages and ${assembler.pendingBytes} bytes more; expected exactly one message`);
    }
    return messages[0];
  },
};

/** Returns the media type of a Content-Type header in lower case, without parameters such as charset. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}

/**
 * Returns what a successful response's headers break of §2.5 (Content-Type of the request's
 * encoding, a Content-Length equal to the body, Cache-Control "no-cache"), or undefined.
 */
export function checkResponseHeaders(headers: IncomingHttpHeaders, bodyLength: number, encoding: HttpBodyEncoding): string | undefined {
  const received = mediaType(headers["content-type"]);
  if (received !== encoding.contentType) {
    return `Content-Type is "${headers["content-type"] ?? ""}", but a response to a ${encoding.name} request must have "${encoding.contentType}"`;
  }

  const length = headers["content-length"];
  if (length === undefined || Number(length) !== bodyLength) {
    return length === undefined ? "Content-Length is missing" : `Content-Length is ${length}, but the body has ${bodyLength} bytes`;
  }

  const cacheControl = (headers["cache-control"] ?? "").toLowerCase();
  if (!cacheControl.split(",").map((directive) => directive.trim()).includes("no-cache")) {
    return `Cache-Control is "${headers["cache-control"] ?? ""}", but it must be "no-cache"`;
  }
  return undefined;
}
