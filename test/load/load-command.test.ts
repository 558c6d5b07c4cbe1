import { expect } from "chai";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { loadCommand } from "../../src/cli/load-command";
import type { Io } from "../../src/cli/run-command";
import { LOAD_RESULT_FORMAT, type LoadResult } from "../../src/load";

interface Captured {
  io: Io;
  stdout: () => string;
}

function capture(): Captured {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
  return { io: { stdout, stderr: new PassThrough(), stdin: new PassThrough() }, stdout: () => Buffer.concat(chunks).toString() };
}

function writeResult(folder: string, name: string, requestsPerSecond: number): string {
  const latency = { count: 100, minMs: 0.1, meanMs: 0.3, p50Ms: 0.3, p90Ms: 0.5, p99Ms: 1, maxMs: 2 };
  const result: LoadResult = {
    format: LOAD_RESULT_FORMAT, target: "bundled", mix: "query", mixDescription: "Query", connections: 1, durationSeconds: 1, elapsedSeconds: 1,
    startedAt: "2026-01-01T00:00:00.000Z", tls: { protocol: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384" }, requests: requestsPerSecond,
    iterations: requestsPerSecond, requestsPerSecond, latency, operations: { Query: latency }, errors: { total: 0, byReason: {} }, lostConnections: 0,
  };
  const path = join(folder, name);
  writeFileSync(path, JSON.stringify(result));
  return path;
}

describe("kmipcheck load command", function () {
  this.timeout(30_000);
  const folder = mkdtempSync(join(tmpdir(), "kmipcheck-load-test-"));

  it("exits 1 when B is slower", async () => {
    const output = capture();
    const code = await loadCommand(["--compare", writeResult(folder, "a.json", 4000), writeResult(folder, "b.json", 2000)], output.io);
    expect(code).to.equal(1);
    expect(output.stdout()).to.contain("REGRESSION");
  });

  it("exits 0 for equal runs", async () => {
    const output = capture();
    const code = await loadCommand(["--compare", writeResult(folder, "a.json", 4000), writeResult(folder, "c.json", 4000)], output.io);
    expect(code).to.equal(0);
    expect(output.stdout()).to.contain("no regression");
  });

  it("honours --threshold", async () => {
    const code = await loadCommand(["--compare", "--threshold", "60", writeResult(folder, "a.json", 4000), writeResult(folder, "b.json", 2000)], capture().io);
    expect(code).to.equal(0);
  });

  it("rejects --compare with one file", async () => {
    const error = await loadCommand(["--compare", "a.json"], capture().io).catch((caught: Error) => caught);
    expect((error as Error).message).to.contain("--compare takes two result files");
  });

  it("rejects an invalid connection count", async () => {
    const error = await loadCommand(["--connections", "0"], capture().io).catch((caught: Error) => caught);
    expect((error as Error).message).to.contain("invalid --connections 0");
  });

  it("rejects a remote target without --allow-remote", async () => {
    // The check runs before any connection, so these files only need to look like PEM.
    const pem = join(folder, "placeholder.pem");
    writeFileSync(pem, "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
    const args = ["--target", "192.0.2.1:5696", "--client-cert", pem, "--client-key", pem];

    const error = await loadCommand(args, capture().io).catch((caught: Error) => caught);
    expect((error as Error).message).to.contain("--target 192.0.2.1 is not this machine; pass --allow-remote");
  });

  it("writes a result file for a bundled run", async () => {
    const output = capture();
    const file = join(folder, "run.json");
    const code = await loadCommand(["--duration", "1", "--output", file], output.io);

    expect(code).to.equal(0);
    expect(output.stdout()).to.match(/throughput +\d+\.\d requests\/s/);
    expect(JSON.parse(readFileSync(file, "utf8")).format).to.equal(LOAD_RESULT_FORMAT);
  });

  it("--compare flags the slowResponses fault", async () => {
    const fast = join(folder, "fast.json");
    const slow = join(folder, "slow.json");
    expect(await loadCommand(["--duration", "1", "--output", fast], capture().io)).to.equal(0);
    expect(await loadCommand(["--duration", "1", "--fault", "slowResponses", "--output", slow], capture().io)).to.equal(0);

    const output = capture();
    const code = await loadCommand(["--compare", fast, slow], output.io);
    expect(code).to.equal(1);
    expect(output.stdout()).to.match(/throughput.*REGRESSION/);
  });
});
