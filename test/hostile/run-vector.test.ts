/**
 * runVector against hostile servers over real TLS on 127.0.0.1: each broken behaviour must end in
 * an error or fail verdict within the timeouts, with no unhandled rejection and bounded memory.
 */
import { randomBytes } from "node:crypto";
import { expect } from "chai";
import { Operation } from "../../src/kmip";
import { createTestPki, type TestPki } from "../../src/pki";
import { runVector, type TargetOptions, type VectorOutcome } from "../../src/replay";
import { Behaviour, HostileServer, hostileVector, onRequests, responseTo, startHostileServer, startSilentTcpServer } from "./servers";

const CONNECT_TIMEOUT_MS = 1000;
const RESPONSE_TIMEOUT_MS = 1000;
/** Two steps, each allowed a connect or response timeout, plus time for TLS and the close. */
const VERDICT_DEADLINE_MS = 2 * RESPONSE_TIMEOUT_MS + CONNECT_TIMEOUT_MS + 3000;
/** More than any response the harness should hold, far less than what the servers claim or send. */
const MEMORY_BOUND_BYTES = 32 * 1024 * 1024;

describe("harness against hostile servers", function () {
  this.timeout(30_000);
  let pki: TestPki;
  let server: HostileServer | undefined;
  const unhandled: unknown[] = [];
  const recordUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };

  before(() => {
    pki = createTestPki();
    process.on("unhandledRejection", recordUnhandled);
  });

  after(() => {
    process.off("unhandledRejection", recordUnhandled);
  });

  afterEach(async () => {
    await server?.close();
    server = undefined;
    // Let late socket events run, so a rejection they cause is seen here.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unhandled, "unhandled rejections").to.deep.equal([]);
  });

  function target(port: number): TargetOptions {
    const connection = { host: "127.0.0.1", port, ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key, connectTimeoutMs: CONNECT_TIMEOUT_MS, responseTimeoutMs: RESPONSE_TIMEOUT_MS };
    return { connection };
  }

  /** Runs the vector against a hostile server and checks the time and memory it took. */
  async function runAgainst(behaviour: Behaviour): Promise<VectorOutcome> {
    server = await startHostileServer(pki, behaviour);
    return timedRun(server.port);
  }

  async function timedRun(port: number): Promise<VectorOutcome> {
    const memoryBefore = process.memoryUsage().arrayBuffers;
    const started = Date.now();
    const outcome = await runVector(hostileVector(), target(port));

    expect(Date.now() - started, "run time in ms").to.be.below(VERDICT_DEADLINE_MS);
    expect(process.memoryUsage().arrayBuffers - memoryBefore, "memory growth in bytes").to.be.below(MEMORY_BOUND_BYTES);
    expect(outcome.steps, "one outcome per step").to.have.length(2);
    return outcome;
  }

  it("passes against a correct server", async () => {
    const outcome = await runAgainst((socket) => onRequests(socket, (request) => socket.write(responseTo(request))));

    expect(outcome.steps.map((step) => step.verdict)).to.deep.equal(["pass", "pass"]);
  });

  it("errors on garbage bytes", async () => {
    const outcome = await runAgainst((socket) => onRequests(socket, () => socket.write(Buffer.concat([Buffer.from([0xff]), randomBytes(255)]))));

    expect(outcome.verdict).to.equal("error");
    expect(outcome.steps[0].error?.code).to.equal("TRANSPORT_FRAMING");
    expect(outcome.steps[1].error?.code).to.equal("REPLAY_NOT_RUN");
  });

  it("judges garbage inside a valid frame", async () => {
    const outcome = await runAgainst((socket) =>
      onRequests(socket, () => {
        const body = randomBytes(64);
        const header = Buffer.from("42007b0100000040", "hex");
        socket.write(Buffer.concat([header, body]));
      }),
    );

    expect(outcome.steps.map((step) => step.verdict)).to.not.include("pass");
    expect(["fail", "error"]).to.include(outcome.verdict);
  });

  it("errors on a Length of 0xFFFFFFFF", async () => {
    const outcome = await runAgainst((socket) =>
      onRequests(socket, () => {
        socket.write(Buffer.from("42007b01ffffffff", "hex"));
        socket.write(Buffer.alloc(1024 * 1024));
      }),
    );

    expect(outcome.verdict).to.equal("error");
    expect(outcome.steps[0].error?.code).to.equal("TRANSPORT_FRAMING");
    expect(outcome.steps[0].error?.message).to.include("4294967303 bytes");
  });

  it("errors on a response that never completes", async () => {
    const outcome = await runAgainst((socket) =>
      onRequests(socket, (request) => {
        const response = responseTo(request);
        socket.write(response.subarray(0, response.length - 8));
      }),
    );

    expect(outcome.verdict).to.equal("error");
    expect(outcome.steps[0].error?.code).to.equal("TRANSPORT_RESPONSE_TIMEOUT");
    expect(outcome.steps[1].error?.code).to.equal("REPLAY_NOT_RUN");
  });

  it("errors on an endless stream", async () => {
    let streamed = 0;
    const outcome = await runAgainst((socket) =>
      onRequests(socket, () => {
        // Claims a message just under the harness's 1 MiB limit, then keeps sending past it.
        socket.write(Buffer.from("42007b01000ffff0", "hex"));
        const chunk = Buffer.alloc(64 * 1024, 0x42);
        const flood = (): void => {
          let flowing = true;
          while (!socket.destroyed && flowing) {
            flowing = socket.write(chunk);
            streamed += chunk.length;
          }
          if (!socket.destroyed) socket.once("drain", flood);
        };
        flood();
      }),
    );

    expect(outcome.verdict).to.equal("error");
    expect(outcome.steps.map((step) => step.verdict)).to.not.include("pass");
    expect(streamed, "bytes the server streamed").to.be.above(1024 * 1024);
  });

  it("fails a response for another operation", async () => {
    const outcome = await runAgainst((socket) => onRequests(socket, (request) => socket.write(responseTo(request, { operation: Operation.Query }))));

    expect(outcome.steps.map((step) => step.verdict)).to.deep.equal(["fail", "fail"]);
    expect(JSON.stringify(outcome.steps[0].diffs)).to.include("Operation");
  });

  it("fails a wrong Unique Batch Item ID", async () => {
    const outcome = await runAgainst((socket) => onRequests(socket, (request) => socket.write(responseTo(request, { uniqueBatchItemId: Buffer.from("ff", "hex") }))));

    expect(outcome.steps.map((step) => step.verdict)).to.deep.equal(["fail", "fail"]);
    expect(JSON.stringify(outcome.steps[0].diffs)).to.include("UniqueBatchItemID");
  });

  it("errors on an extra response", async () => {
    const outcome = await runAgainst((socket) => onRequests(socket, (request) => socket.write(Buffer.concat([responseTo(request), responseTo(request)]))));

    expect(outcome.steps[0].verdict).to.equal("pass");
    expect(outcome.steps[1].verdict).to.equal("error");
    expect(outcome.steps[1].error?.code).to.equal("TRANSPORT_FRAMING");
  });

  it("errors on data before any request", async () => {
    const outcome = await runAgainst((socket) => {
      socket.write(Buffer.from("42007b0100000000", "hex"));
      onRequests(socket, (request) => socket.write(responseTo(request)));
    });

    // The early message may arrive before the first request is sent (unsolicited data, an error) or
    // after it (taken as the first response, a fail). Either way no step passes.
    expect(outcome.steps.map((step) => step.verdict)).to.not.include("pass");
    expect(["fail", "error"]).to.include(outcome.verdict);
  });

  it("judges a deeply nested response", async () => {
    // 100,000 Structures, each the only item of the one before: 800,000 bytes.
    const depth = 100_000;
    const nested = Buffer.alloc(8 * depth);
    for (let level = 0; level < depth; level += 1) {
      nested.write("42007b01", level * 8, "hex");
      nested.writeUInt32BE(8 * (depth - level - 1), level * 8 + 4);
    }
    const outcome = await runAgainst((socket) => onRequests(socket, () => socket.write(nested)));

    expect(outcome.steps.map((step) => step.verdict)).to.not.include("pass");
    expect(outcome.steps[0].error?.code).to.not.equal("INTERNAL");
  });

  it("judges a response with 30,000 batch items", async () => {
    const outcome = await runAgainst((socket) =>
      onRequests(socket, (request) => {
        const good = responseTo(request);
        const items = Buffer.alloc(8 * 30_000);
        for (let index = 0; index < 30_000; index += 1) items.write("42000f0100000000", index * 8, "hex");
        const body = Buffer.concat([good.subarray(8), items]);
        const header = Buffer.from("42007b0100000000", "hex");
        header.writeUInt32BE(body.length, 4);
        socket.write(Buffer.concat([header, body]));
      }),
    );

    expect(outcome.steps.map((step) => step.verdict)).to.deep.equal(["fail", "fail"]);
  });

  it("errors on a TCP reset mid-message", async () => {
    const outcome = await runAgainst((socket, tcp) =>
      onRequests(socket, (request) => {
        const response = responseTo(request);
        socket.write(response.subarray(0, 24), () => setTimeout(() => tcp.resetAndDestroy(), 50));
      }),
    );

    expect(outcome.verdict).to.equal("error");
    expect(outcome.steps[0].error?.code).to.equal("TRANSPORT_CLOSED");
  });

  it("errors on a close after the handshake", async () => {
    const outcome = await runAgainst((socket) => socket.end());

    expect(outcome.verdict).to.equal("error");
    expect(outcome.steps[0].error?.code).to.equal("TRANSPORT_CLOSED");
  });

  it("errors on a server that sends nothing", async () => {
    const outcome = await runAgainst(() => undefined);

    expect(outcome.verdict).to.equal("error");
    expect(outcome.steps.map((step) => step.error?.code)).to.deep.equal(["TRANSPORT_RESPONSE_TIMEOUT", "REPLAY_NOT_RUN"]);
  });

  it("errors on a server that never starts TLS", async () => {
    server = await startSilentTcpServer();
    const outcome = await timedRun(server.port);

    expect(outcome.verdict).to.equal("error");
    expect(outcome.error?.code).to.equal("TRANSPORT_CONNECT_TIMEOUT");
  });
});
