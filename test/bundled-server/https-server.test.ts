/** KMIP over HTTPS: the listener's HTTP rules and the TTLV, XML and JSON message encodings. */
import { request as httpsRequest } from "node:https";
import { expect } from "chai";
import { Operation, QueryFunction, Tag, tagName } from "../../src/kmip";
import { decode, encode, enumeration, integer, structure, text } from "../../src/ttlv";
import { TtlvNode } from "../../src/ttlv/types";
import { parseTtlvJson, parseTtlvXml, templateToJson, templateToXml, toTtlv } from "../../src/vectors";
import { HttpsListener, listenHttps } from "../../bundled-server/https-server";
import { encodingOfContentType, requestToTtlv, responseFromTtlv } from "../../bundled-server/message-encodings";
import { requestMessage, testPki } from "./helpers";

interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Sends one HTTPS request with the test client certificate unless `credentials` replaces it. */
function send(port: number, options: { method?: string; path?: string; contentType?: string; body?: Buffer; credentials?: { cert?: string; key?: string } }): Promise<HttpResult> {
  const pki = testPki();
  const credentials = options.credentials ?? pki.client;
  const body = options.body ?? Buffer.alloc(0);
  const headers: Record<string, string | number> = { "Content-Length": body.length, "Cache-Control": "no-cache" };
  if (options.contentType !== undefined) {
    headers["Content-Type"] = options.contentType;
  }

  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      { host: "127.0.0.1", port, method: options.method ?? "POST", path: options.path ?? "/kmip", ca: pki.ca.cert, cert: credentials.cert, key: credentials.key, headers, timeout: 5000 },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      },
    );
    request.on("timeout", () => request.destroy(new Error("no HTTPS response within 5000 ms")));
    request.on("error", reject);
    request.end(body);
  });
}

const queryRequest = (): TtlvNode => requestMessage([{ operation: Operation.Query, payload: [enumeration(Tag.QueryFunction, QueryFunction.QueryOperations)] }]);

/** Stands in for the request processor: returns, for every request, a Response Message naming the request's Batch Count. */
async function echoBatchCount(message: Buffer): Promise<Buffer> {
  const request = decode(message, { namer: tagName });
  const header = (request.value as TtlvNode[])[0];
  const batchCount = (header.value as TtlvNode[]).find((field) => field.tag === Tag.BatchCount)!;
  return encode(structure(Tag.ResponseMessage, [structure(Tag.ResponseHeader, [integer(Tag.BatchCount, batchCount.value as number)]), structure(Tag.BatchItem, [text(Tag.ResultMessage, "seen")])]));
}

describe("KMIP message encodings", () => {
  it("maps Content-Type values to encodings", () => {
    expect(encodingOfContentType("application/octet-stream")).to.equal("ttlv");
    expect(encodingOfContentType("text/xml; charset=utf-8")).to.equal("xml");
    expect(encodingOfContentType("Application/JSON")).to.equal("json");
    expect(encodingOfContentType("text/plain")).to.equal(undefined);
    expect(encodingOfContentType(undefined)).to.equal(undefined);
  });

  it("converts XML and JSON requests to the same TTLV", () => {
    const ttlv = encode(queryRequest());
    const xml = Buffer.from(templateToXml(queryRequest()));
    const json = Buffer.from(JSON.stringify(templateToJson(queryRequest())));

    expect(requestToTtlv(xml, "xml")).to.deep.equal(ttlv);
    expect(requestToTtlv(json, "json")).to.deep.equal(ttlv);
    expect(requestToTtlv(ttlv, "ttlv")).to.equal(ttlv);
  });

  it("writes responses in the request's encoding", () => {
    const response = encode(structure(Tag.ResponseMessage, [structure(Tag.ResponseHeader, [integer(Tag.BatchCount, 0)])]));
    const fromXml = encode(toTtlv(parseTtlvXml(responseFromTtlv(response, "xml").toString("utf8"))[0]));
    const fromJson = encode(toTtlv(parseTtlvJson(responseFromTtlv(response, "json").toString("utf8"))[0]));

    expect(fromXml).to.deep.equal(response);
    expect(fromJson).to.deep.equal(response);
  });

  const malformed: Array<[string, string, "xml" | "json"]> = [
    ["unclosed XML", "<RequestMessage>", "xml"],
    ["two XML messages", "<KMIP><RequestMessage></RequestMessage><RequestMessage></RequestMessage></KMIP>", "xml"],
    ["a placeholder", '<RequestMessage><RequestHeader><BatchCount type="Integer" value="$COUNT"/></RequestHeader></RequestMessage>', "xml"],
    ["JSON that does not parse", "{\"tag\":", "json"],
    ["JSON with an unknown tag", '{"tag":"NoSuchTag","value":[]}', "json"],
  ];
  for (const [name, body, encoding] of malformed) {
    it(`rejects ${name}`, () => {
      expect(() => requestToTtlv(Buffer.from(body), encoding)).to.throw(/body/);
    });
  }
});

describe("KMIP over HTTPS listener", () => {
  let listener: HttpsListener;

  before(async () => {
    const pki = testPki();
    const options = { host: "127.0.0.1", port: 0, cert: pki.server.cert, key: pki.server.key, clientCa: pki.ca.cert, maxMessageSize: 4096, requestTimeoutMs: 5000, idleTimeoutMs: 5000 };
    listener = await listenHttps(options, echoBatchCount, () => undefined);
  });

  after(() => listener.close());

  const encodings: Array<[string, string, (node: TtlvNode) => Buffer]> = [
    ["TTLV", "application/octet-stream", (node) => encode(node)],
    ["XML", "text/xml", (node) => Buffer.from(templateToXml(node))],
    ["JSON", "application/json", (node) => Buffer.from(JSON.stringify(templateToJson(node)))],
  ];
  for (const [name, contentType, write] of encodings) {
    it(`answers ${name} in ${name}`, async () => {
      const result = await send(listener.port, { contentType, body: write(queryRequest()) });

      expect(result.status).to.equal(200);
      expect(result.headers["content-type"]).to.equal(contentType);
      expect(result.headers["cache-control"]).to.equal("no-cache");
      expect(Number(result.headers["content-length"])).to.equal(result.body.length);
      const response = contentType === "application/octet-stream" ? decode(result.body) : toTtlv(requestFromText(contentType, result.body));
      expect(response.tag).to.equal(Tag.ResponseMessage);
    });
  }

  const refusals: Array<[string, Parameters<typeof send>[1], number]> = [
    ["another path", { path: "/other", contentType: "application/octet-stream" }, 404],
    ["GET", { method: "GET", contentType: "application/octet-stream" }, 405],
    ["text/plain", { contentType: "text/plain", body: Buffer.from("hello") }, 415],
    ["an oversize body", { contentType: "application/octet-stream", body: Buffer.alloc(5000) }, 413],
    ["malformed XML", { contentType: "text/xml", body: Buffer.from("<RequestMessage>") }, 400],
  ];
  for (const [name, options, status] of refusals) {
    it(`answers ${name} with ${status}`, async () => {
      const result = await send(listener.port, options);
      expect(result.status).to.equal(status);
      expect(result.body.toString("utf8")).to.match(/\S/);
    });
  }

  it("rejects a client without certificate", async () => {
    let failed = false;
    try {
      await send(listener.port, { contentType: "application/octet-stream", body: encode(queryRequest()), credentials: {} });
    } catch {
      failed = true;
    }
    expect(failed).to.equal(true);
  });
});

function requestFromText(contentType: string, body: Buffer): ReturnType<typeof parseTtlvXml>[number] {
  const textBody = body.toString("utf8");
  return contentType === "text/xml" ? parseTtlvXml(textBody)[0] : parseTtlvJson(textBody)[0];
}
