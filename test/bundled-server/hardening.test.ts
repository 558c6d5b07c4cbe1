/** Resource limits and failure handling of the bundled server, over real TLS on 127.0.0.1. */
import { connect as tcpConnect } from "node:net";
import { connect, TLSSocket } from "node:tls";
import { expect } from "chai";
import { BundledServer, BundledServerOptions } from "../../bundled-server";
import { CryptographicAlgorithm, CryptographicUsageMask, Operation, ResultReason, ResultStatus, Tag, tagName } from "../../src/kmip";
import { decode, encode, FrameAssembler, integer, structure } from "../../src/ttlv";
import { ItemType, StructureNode, TtlvNode } from "../../src/ttlv/types";
import { batchItems, createPayload, field, requestMessage, single, startTestServer, TestClient, testPki } from "./helpers";

const KEY = { algorithm: CryptographicAlgorithm.AES, length: 128, usageMask: CryptographicUsageMask.Encrypt };
const WAIT_MS = 3000;

/** A mutual-TLS connection that collects every response message and notes when the server closes. */
class RawClient {
  readonly messages: Buffer[] = [];
  readonly closed: Promise<void>;
  private readonly assembler = new FrameAssembler({ maxMessageSize: 64 * 1024 * 1024 });

  private constructor(readonly socket: TLSSocket) {
    this.closed = new Promise((resolve) => socket.once("close", () => resolve()));
    socket.on("error", () => undefined);
    socket.on("data", (chunk: Buffer) => this.messages.push(...this.assembler.push(chunk)));
  }

  static async connect(server: BundledServer): Promise<RawClient> {
    const socket = connect({ host: server.host, port: server.port, ca: testPki().ca.cert, ...testPki().client, servername: "localhost" });
    await new Promise<void>((resolve, reject) => {
      socket.once("secureConnect", () => resolve());
      socket.once("error", reject);
    });
    return new RawClient(socket);
  }

  /** Resolves when `count` messages have arrived; rejects after WAIT_MS or when the server closes first. */
  async waitForMessages(count: number): Promise<void> {
    const started = Date.now();
    while (this.messages.length < count) {
      if (this.socket.destroyed || Date.now() - started > WAIT_MS) {
        throw new Error(`received ${this.messages.length} of ${count} responses`);
      }
      await delay(10);
    }
  }
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) {
    await delay(20);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves with the milliseconds until the promise settles; rejects when it takes more than `limitMs`. */
async function within(promise: Promise<unknown>, limitMs: number): Promise<number> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`not settled within ${limitMs} ms`)), limitMs)));
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
  return Date.now() - started;
}

function queryBytes(id = 0): Buffer {
  return encode(requestMessage([{ operation: Operation.Query, payload: [], uniqueBatchItemId: Buffer.from([id]) }], { batchCount: 1 }));
}

/** Sends `count` RNG Retrieve requests for 64 KiB each, one every 2 ms, stopping early when the connection closes. */
async function sendSteadily(client: RawClient, count: number): Promise<void> {
  const request = encode(requestMessage([{ operation: Operation.RNGRetrieve, payload: [integer(Tag.DataLength, 65536)] }]));
  for (let sent = 0; sent < count && !client.socket.destroyed; sent += 1) {
    client.socket.write(request);
    await delay(2);
  }
}

function decoded(message: Buffer): StructureNode {
  return decode(message, { namer: tagName }) as StructureNode;
}

/** Starts a server that records its log lines, runs the body, and closes the server. */
async function withServer(options: Partial<BundledServerOptions>, body: (server: BundledServer, log: string[]) => Promise<void>): Promise<void> {
  const log: string[] = [];
  const server = await startTestServer({ ...options, log: (format, ...args) => log.push([format, ...args].join(" ")) });
  try {
    await body(server, log);
  } finally {
    await server.close();
  }
}

async function expectQuerySucceeds(server: BundledServer): Promise<void> {
  const client = await TestClient.connect(server);
  try {
    expect(field(await single(client, Operation.Query, []), Tag.ResultStatus)).to.equal(ResultStatus.Success);
  } finally {
    client.close();
  }
}

function nested(depth: number): TtlvNode {
  let node: TtlvNode = structure(Tag.Attribute, []);
  for (let level = 1; level < depth; level += 1) {
    node = structure(Tag.Attribute, [node]);
  }
  return node;
}

describe("bundled server message limits", function () {
  this.timeout(20000);

  it("closes on a Length of 0xFFFFFFFF", async () => {
    await withServer({}, async (server, log) => {
      const client = await RawClient.connect(server);
      const before = process.memoryUsage().arrayBuffers;
      client.socket.write(Buffer.from("42007801ffffffff", "hex"));

      await within(client.closed, WAIT_MS);
      expect(client.messages).to.have.length(0);
      expect(process.memoryUsage().arrayBuffers - before).to.be.below(16 * 1024 * 1024);
      expect(log.join("\n")).to.include("more than the maximum of 1048576");
      await expectQuerySucceeds(server);
    });
  });

  it("closes on a message over maxMessageSize", async () => {
    await withServer({ maxMessageSize: 128 }, async (server) => {
      const create = encode(requestMessage([{ operation: Operation.Create, payload: createPayload(KEY) }]));
      expect(create.length).to.be.above(128);
      const client = await RawClient.connect(server);
      client.socket.write(create);

      await within(client.closed, WAIT_MS);
      expect(client.messages).to.have.length(0);
      await expectQuerySucceeds(server);
    });
  });

  it("rejects deep nesting with Invalid Message", async () => {
    await withServer({}, async (server) => {
      const client = await TestClient.connect(server);
      try {
        const deep = requestMessage([{ operation: Operation.Query, payload: [nested(40)] }]);
        const [item] = batchItems(await client.roundTrip(deep));

        expect(field(item, Tag.ResultReason)).to.equal(ResultReason.InvalidMessage);
        expect(field(item, Tag.ResultMessage)).to.include("nest");
        expect(field(await single(client, Operation.Query, []), Tag.ResultStatus)).to.equal(ResultStatus.Success);
      } finally {
        client.close();
      }
    });
  });

  it("applies maxNestingDepth at its boundary", async () => {
    // Create nests RequestMessage, BatchItem, RequestPayload, TemplateAttribute, Attribute: depth 5.
    for (const [depth, expected] of [[4, ResultStatus.OperationFailed], [5, ResultStatus.Success]]) {
      await withServer({ maxNestingDepth: depth }, async (server) => {
        const client = await TestClient.connect(server);
        try {
          const item = await single(client, Operation.Create, createPayload(KEY));
          expect(field(item, Tag.ResultStatus), `maxNestingDepth ${depth}`).to.equal(expected);
        } finally {
          client.close();
        }
      });
    }
  });

  it("closes after an encoding failure", async () => {
    const badPayload = (): StructureNode => structure(Tag.ResponsePayload, [{ tag: Tag.UniqueIdentifier, type: ItemType.TextString, value: 42 } as unknown as TtlvNode]) as StructureNode;
    await withServer({ extraRoutes: [[Operation.Check, badPayload]] }, async (server, log) => {
      const client = await RawClient.connect(server);
      client.socket.write(encode(requestMessage([{ operation: Operation.Check, payload: [] }])));

      await within(client.closed, WAIT_MS);
      expect(log.join("\n")).to.include("internal error");
      await expectQuerySucceeds(server);
    });
  });

  it("survives a log function that throws", async () => {
    const server = await startTestServer({ log: () => { throw new Error("log sink failed"); } });
    try {
      const client = await RawClient.connect(server);
      client.socket.write(Buffer.from("00000000", "hex"));
      await within(client.closed, WAIT_MS);
      await expectQuerySucceeds(server);
    } finally {
      await server.close();
    }
  });
});

describe("bundled server timeouts", function () {
  this.timeout(20000);

  it("closes an idle connection", async () => {
    await withServer({ idleTimeoutMs: 300 }, async (server, log) => {
      const client = await RawClient.connect(server);
      const elapsed = await within(client.closed, WAIT_MS);

      expect(elapsed).to.be.at.least(200);
      expect(log.join("\n")).to.include("idle timeout");
    });
  });

  it("closes a request that never completes", async () => {
    await withServer({ messageTimeoutMs: 400, idleTimeoutMs: 60000 }, async (server, log) => {
      const client = await RawClient.connect(server);
      const request = queryBytes();
      let sent = 0;
      // One byte every 50 ms keeps the connection busy, so only the message timeout can end it.
      const trickle = setInterval(() => sent < request.length - 1 && client.socket.write(request.subarray(sent, ++sent)), 50);
      try {
        const elapsed = await within(client.closed, WAIT_MS);
        expect(elapsed).to.be.below(2000);
      } finally {
        clearInterval(trickle);
      }
      expect(client.messages).to.have.length(0);
      expect(log.join("\n")).to.include("messageTimeoutMs");
    });
  });

  it("keeps a request split across slow chunks", async () => {
    await withServer({ messageTimeoutMs: 400, idleTimeoutMs: 60000 }, async (server) => {
      const client = await RawClient.connect(server);
      const request = queryBytes();
      for (let round = 0; round < 3; round += 1) {
        client.socket.write(request.subarray(0, 10));
        await delay(250);
        client.socket.write(request.subarray(10));
        await delay(250);
      }

      await client.waitForMessages(3);
      expect(client.socket.destroyed).to.equal(false);
      client.socket.destroy();
    });
  });

  it("drops a client that never does the handshake", async () => {
    await withServer({ handshakeTimeoutMs: 300 }, async (server, log) => {
      const socket = tcpConnect({ host: server.host, port: server.port });
      socket.on("error", () => undefined);
      const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));

      const elapsed = await within(closed, WAIT_MS);
      expect(elapsed).to.be.at.least(200);
      expect(log.join("\n")).to.include("TLS handshake failed");
    });
  });
});

describe("bundled server connection limits", function () {
  this.timeout(30000);

  it("refuses connections beyond maxConnections", async () => {
    await withServer({ maxConnections: 2 }, async (server, log) => {
      const first = await TestClient.connect(server);
      const second = await TestClient.connect(server);
      try {
        let refused: unknown;
        await TestClient.connect(server).then((third) => third.close(), (error: unknown) => (refused = error));

        expect(refused, "the third connection was accepted").to.be.instanceOf(Error);
        expect(log.join("\n")).to.include("maxConnections");
        expect(field(await single(second, Operation.Query, []), Tag.ResultStatus)).to.equal(ResultStatus.Success);
      } finally {
        first.close();
        second.close();
      }

      await delay(100);
      await expectQuerySucceeds(server);
    });
  });

  it("answers pipelined requests in order", async () => {
    await withServer({}, async (server) => {
      const client = await RawClient.connect(server);
      client.socket.write(Buffer.concat(Array.from({ length: 20 }, (_, id) => queryBytes(id))));

      await client.waitForMessages(20);
      const ids = client.messages.map((message) => (field(batchItems(decoded(message))[0], Tag.UniqueBatchItemID) as Buffer)[0]);
      expect(ids).to.deep.equal(Array.from({ length: 20 }, (_, id) => id));
      client.socket.destroy();
    });
  });

  it("closes when pipelined requests exceed maxQueuedBytes", async () => {
    await withServer({ maxQueuedBytes: 300 }, async (server, log) => {
      const client = await RawClient.connect(server);
      client.socket.write(Buffer.concat(Array.from({ length: 20 }, (_, id) => queryBytes(id))));

      await within(client.closed, WAIT_MS);
      expect(client.messages.length).to.be.below(20);
      expect(log.join("\n")).to.include("maxQueuedBytes");
    });
  });

  it("serves a reading client at a steady pace", async () => {
    await withServer({ maxQueuedBytes: 4096 }, async (server) => {
      const client = await RawClient.connect(server);
      await sendSteadily(client, 30);

      await client.waitForMessages(30);
      expect(client.socket.destroyed).to.equal(false);
      client.socket.destroy();
    });
  });

  it("closes a client that never reads its responses", async () => {
    await withServer({ maxQueuedBytes: 4096 }, async (server, log) => {
      const client = await RawClient.connect(server);
      client.socket.pause();
      // Each response carries 64 KiB, so the socket buffers fill, the server stops taking requests, and they queue.
      const sending = sendSteadily(client, 2000);

      await within(until(() => log.join("\n").includes("maxQueuedBytes")), 15000);
      // A paused socket does not see the close until it reads again.
      client.socket.resume();
      await within(client.closed, WAIT_MS);
      await sending;
    });
  });
});
