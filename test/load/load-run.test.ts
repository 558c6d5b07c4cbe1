import { expect } from "chai";
import { setTimeout as sleep } from "node:timers/promises";
import { KmipResultError, startBundledServer, type BundledServer, type OperationHandler } from "../../bundled-server";
import { createRouteTable } from "../../bundled-server/operations";
import { Operation, ResultReason, Tag } from "../../src/kmip";
import { compareLoadResults, runLoad, type LoadOptions, type LoadProgress } from "../../src/load";
import { LoadRecorder } from "../../src/load/recorder";
import { LoadSession } from "../../src/load/session";
import { createTestPki, type TestPki } from "../../src/pki";
import { KmipConnection, type ConnectOptions } from "../../src/transport";
import { children } from "../../src/ttlv";
import { ItemType } from "../../src/ttlv/types";

const QUERY_DELAY_MS = 25;

async function startServer(pki: TestPki, extraRoutes: ReadonlyArray<readonly [number, OperationHandler]> = []): Promise<BundledServer> {
  return startBundledServer({ host: "127.0.0.1", port: 0, clientCa: pki.ca.cert, cert: pki.server.cert, key: pki.server.key, extraRoutes });
}

function connectOptions(pki: TestPki, server: BundledServer): ConnectOptions {
  return { host: server.host, port: server.port, ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key };
}

/** The bundled server's own Query handler, run after an added delay. */
function delayedQuery(): OperationHandler {
  const query = createRouteTable().handler(Operation.Query);
  if (query === undefined) throw new Error("the bundled server has no Query handler");

  return async (payload, context) => {
    await sleep(QUERY_DELAY_MS);
    return query(payload, context);
  };
}

/** Unique Identifiers that Locate with no attributes returns: every object not destroyed. */
async function liveObjects(options: ConnectOptions): Promise<number> {
  const connection = await KmipConnection.connect(options);
  try {
    const payload = await new LoadSession(connection, new LoadRecorder(), { responseTimeoutMs: 5000 }).request("Locate", Operation.Locate, []);
    return payload === undefined ? 0 : children(payload, Tag.UniqueIdentifier).length;
  } finally {
    await connection.close();
  }
}

describe("load run against the bundled server", function () {
  this.timeout(30_000);
  const pki = createTestPki({ serverIps: ["127.0.0.1"] });

  it("runs the query mix for 2 s", async () => {
    const server = await startServer(pki);
    const progress: LoadProgress[] = [];

    try {
      const options: LoadOptions = { connection: connectOptions(pki, server), target: "bundled", mix: "query", connections: 2, durationSeconds: 2, onProgress: (entry) => progress.push(entry) };
      const result = await runLoad(options);

      expect(result.requests).to.be.greaterThan(50);
      expect(result.errors.total).to.equal(0);
      expect(result.elapsedSeconds).to.be.within(2, 4);
      expect(result.requestsPerSecond).to.be.closeTo(result.requests / result.elapsedSeconds, 1e-6);
      expect(result.latency.p50Ms).to.be.greaterThan(0);
      expect(result.latency.p50Ms).to.be.at.most(result.latency.p90Ms);
      expect(result.latency.p90Ms).to.be.at.most(result.latency.p99Ms);
      expect(result.latency.p99Ms).to.be.at.most(result.latency.maxMs);
      expect(Object.keys(result.operations)).to.deep.equal(["Query"]);
      expect(progress.length, "progress calls").to.be.at.least(1);
    } finally {
      await server.close();
    }
  });

  it("destroys every key the symmetric mix creates", async () => {
    const server = await startServer(pki);
    try {
      const connection = connectOptions(pki, server);
      const result = await runLoad({ connection, target: "bundled", mix: "symmetric", connections: 2, durationSeconds: 1 });

      expect(result.errors.total).to.equal(0);
      expect(result.iterations).to.be.greaterThan(0);
      expect(Object.keys(result.operations)).to.deep.equal(["Create", "Destroy", "GetAttributes"]);
      expect(result.operations.Create.count).to.equal(result.operations.Destroy.count);
      expect(await liveObjects(connection)).to.equal(0);
    } finally {
      await server.close();
    }
  });

  for (const mix of ["encrypt", "sign"]) {
    it(`runs the ${mix} mix and cleans up`, async () => {
      const server = await startServer(pki);
      try {
        const connection = connectOptions(pki, server);
        const result = await runLoad({ connection, target: "bundled", mix, connections: 2, durationSeconds: 0.5 });

        expect(result.errors.byReason).to.deep.equal({});
        expect(result.iterations).to.be.greaterThan(0);
        expect(await liveObjects(connection)).to.equal(0);
      } finally {
        await server.close();
      }
    });
  }

  it("keeps to a fixed rate", async () => {
    const server = await startServer(pki);
    try {
      const result = await runLoad({ connection: connectOptions(pki, server), target: "bundled", mix: "query", connections: 2, durationSeconds: 2, rate: 50 });
      // Pacing only caps the rate; a loaded CI machine may fall short of it, so the lower bound is loose.
      expect(result.requestsPerSecond).to.be.within(20, 55);
    } finally {
      await server.close();
    }
  });

  it("compare flags a server slowed by 25 ms per Query", async () => {
    const fast = await startServer(pki);
    const slow = await startServer(pki, [[Operation.Query, delayedQuery()]]);

    try {
      const a = await runLoad({ connection: connectOptions(pki, fast), target: "bundled", mix: "query", connections: 1, durationSeconds: 1 });
      const b = await runLoad({ connection: connectOptions(pki, slow), target: "bundled", mix: "query", connections: 1, durationSeconds: 1 });
      const comparison = compareLoadResults(a, b, 10);

      expect(b.latency.p50Ms).to.be.at.least(QUERY_DELAY_MS);
      expect(comparison.regressed).to.equal(true);
      expect(comparison.changes.find((change) => change.name === "throughput")?.regression).to.equal(true);
    } finally {
      await Promise.all([fast.close(), slow.close()]);
    }
  });

  it("counts a response the mix cannot use", async () => {
    // Create succeeds but returns no Unique Identifier, which the symmetric mix needs.
    const emptyCreate: OperationHandler = () => ({ tag: Tag.ResponsePayload, type: ItemType.Structure, value: [] });
    const server = await startServer(pki, [[Operation.Create, emptyCreate]]);

    try {
      const result = await runLoad({ connection: connectOptions(pki, server), target: "bundled", mix: "symmetric", connections: 1, durationSeconds: 0.5 });
      expect(result.iterations).to.equal(0);
      expect(result.errors.total).to.be.greaterThan(0);
      expect(result.errors.byReason).to.deep.equal({ LOAD_BAD_RESPONSE: result.errors.total });
    } finally {
      await server.close();
    }
  });

  it("counts a failed request once", async () => {
    const failingQuery: OperationHandler = () => {
      throw new KmipResultError(ResultReason.PermissionDenied, "denied by the test");
    };
    const server = await startServer(pki, [[Operation.Query, failingQuery]]);

    try {
      const result = await runLoad({ connection: connectOptions(pki, server), target: "bundled", mix: "query", connections: 1, durationSeconds: 0.5 });
      expect(result.requests).to.be.greaterThan(0);
      expect(result.errors.byReason).to.deep.equal({ PermissionDenied: result.requests });
    } finally {
      await server.close();
    }
  });

  it("names the mix in an unknown-mix error", async () => {
    const options: LoadOptions = { connection: { host: "127.0.0.1", port: 1, cert: "x", key: "x" }, target: "bundled", mix: "nope", connections: 1, durationSeconds: 1 };
    let caught: unknown;
    await runLoad(options).catch((error: unknown) => (caught = error));
    expect((caught as Error).message).to.match(/unknown mix "nope": expected one of query, symmetric, encrypt, sign/);
  });
});
