/** KMIP over HTTPS: the listener's HTTP rules and the TTLV, XML and JSON message encodings. */
import { request as httpsRequest } from "node:https";
import { expect } from "chai";
import { CryptographicAlgorithm, CryptographicUsageMask, Operation, QueryFunction, ResultReason, ResultStatus, Tag, tagName } from "../../src/kmip";
import { child, children, decode, encode, enumeration, integer, structure, text } from "../../src/ttlv";
import { StructureNode, TtlvNode } from "../../src/ttlv/types";
import { parseTtlvJson, parseTtlvXml, templateToJson, templateToXml, toTtlv } from "../../src/vectors";
import { BundledServer, startBundledServer } from "../../bundled-server";
import { HttpsListener, listenHttps } from "../../bundled-server/https-server";
import { encodingOfContentType, requestToTtlv, responseFromTtlv } from "../../bundled-server/message-encodings";
import { createPayload, requestMessage, single, startTestServer, TestClient, testPki } from "./helpers";

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

describe("bundled server over HTTPS", () => {
  let server: BundledServer;

  before(async () => {
    server = await startTestServer({ httpsPort: 0 });
  });

  after(() => server.close());

  async function roundTrip(contentType: string, message: TtlvNode): Promise<StructureNode> {
    const body = contentType === "text/xml" ? Buffer.from(templateToXml(message)) : contentType === "application/json" ? Buffer.from(JSON.stringify(templateToJson(message))) : encode(message);
    const result = await send(server.httpsPort!, { contentType, body });
    expect(result.status).to.equal(200);
    const response = contentType === "application/octet-stream" ? decode(result.body, { namer: tagName }) : toTtlv(requestFromText(contentType, result.body));
    return response as StructureNode;
  }

  it("creates a key over XML and gets it over JSON", async () => {
    const key = { algorithm: CryptographicAlgorithm.AES, length: 192, usageMask: CryptographicUsageMask.Encrypt };
    const created = await roundTrip("text/xml", requestMessage([{ operation: Operation.Create, payload: createPayload(key) }]));
    const identifier = child(child(child(created, Tag.BatchItem)!, Tag.ResponsePayload)!, Tag.UniqueIdentifier)!.value as string;

    const fetched = await roundTrip("application/json", requestMessage([{ operation: Operation.Get, payload: [text(Tag.UniqueIdentifier, identifier)] }]));
    const item = child(fetched, Tag.BatchItem)!;
    expect(child(item, Tag.ResultStatus)?.value).to.equal(ResultStatus.Success);
    const keyBlock = child(child(child(item, Tag.ResponsePayload)!, Tag.SymmetricKey)!, Tag.KeyBlock)!;
    expect((child(child(keyBlock, Tag.KeyValue)!, Tag.KeyMaterial)!.value as Buffer).length).to.equal(24);
  });

  it("shares objects with the TTLV listener", async () => {
    const created = await roundTrip("application/octet-stream", requestMessage([{ operation: Operation.Create, payload: createPayload({ algorithm: CryptographicAlgorithm.AES, length: 128, usageMask: CryptographicUsageMask.Decrypt }) }]));
    const identifier = child(child(child(created, Tag.BatchItem)!, Tag.ResponsePayload)!, Tag.UniqueIdentifier)!.value as string;

    const client = await TestClient.connect(server);
    try {
      const item = await single(client, Operation.GetAttributes, [text(Tag.UniqueIdentifier, identifier)]);
      expect(child(item, Tag.ResultStatus)?.value).to.equal(ResultStatus.Success);
    } finally {
      client.close();
    }
  });

  it("applies Maximum Response Size in XML", async () => {
    const query = requestMessage([{ operation: Operation.Query, payload: [enumeration(Tag.QueryFunction, QueryFunction.QueryOperations)] }], { extra: [integer(Tag.MaximumResponseSize, 128)] });
    const response = await roundTrip("text/xml", query);
    const item = children(response, Tag.BatchItem)[0];
    expect(child(item, Tag.ResultReason)?.value).to.equal(ResultReason.ResponseTooLarge);
  });

  it("rejects invalid HTTPS options", async () => {
    const pki = testPki();
    const base = { host: "127.0.0.1", port: 0, clientCa: pki.ca.cert, cert: pki.server.cert, key: pki.server.key };
    for (const bad of [{ httpsPort: -1 }, { httpsPath: "kmip" }, { rngSeedLimit: -3 }]) {
      let failed = false;
      try {
        const started = await startBundledServer({ ...base, ...bad });
        await started.close();
      } catch {
        failed = true;
      }
      expect(failed, JSON.stringify(bad)).to.equal(true);
    }
  });
});
