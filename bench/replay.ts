/**
 * Replay benchmark: wall time of the whole official KMIP 1.4 vector set against the bundled server
 * (started in this process), one vector after another on one connection each, and the part of it
 * the server spent generating keys (BundledServer.stats()).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { startBundledServer } from "../bundled-server";
import { runVectors, selectVectors } from "../src/replay";
import { createBenchPki } from "./bench-pki";
import { BenchSettings, notMeasured, PartResult } from "./figures";
import { REPOSITORY_ROOT } from "./paths";

const PART = "replay";
const OFFICIAL_VECTORS = join(REPOSITORY_ROOT, "..", "shared", "oasis-kmip-1.4");

export async function runReplayBenchmark(_settings: BenchSettings): Promise<PartResult> {
  const folders = ["mandatory", "optional"].map((name) => join(OFFICIAL_VECTORS, name));
  const missing = folders.find((folder) => !existsSync(folder));
  if (missing !== undefined) return notMeasured(PART, "official vector replay", `${missing} is missing`);

  const pki = createBenchPki();
  const server = await startBundledServer({ host: "127.0.0.1", port: 0, httpsPort: 0, clientCa: pki.connection.ca as string, cert: pki.server.cert, key: pki.server.key });

  try {
    const vectors = await selectVectors(folders, []);
    const before = server.stats();
    const start = performance.now();
    const outcomes = await runVectors(vectors, { connection: { ...pki.connection, port: server.port }, https: { port: server.httpsPort ?? 0 } });
    const wallMs = performance.now() - start;
    const after = server.stats();

    const keyGenerationMs = after.keyGenerationMs - before.keyGenerationMs;
    const keyGenerations = after.keyGenerations - before.keyGenerations;
    const passed = outcomes.filter((outcome) => outcome.verdict === "pass").length;
    const result: PartResult = { figures: [], ratios: {}, notes: [] };
    result.figures.push(
      { part: PART, label: `official vector set, ${vectors.length} files: wall time`, value: wallMs, unit: "ms" },
      { part: PART, label: `key generation inside the server (${keyGenerations} keys)`, value: keyGenerationMs, unit: "ms" },
      { part: PART, label: "requests the server processed", value: after.requests - before.requests, unit: "requests" },
    );
    if (keyGenerationMs > 0) result.ratios.replay_wall_vs_keygen = wallMs / keyGenerationMs;
    result.notes.push(`replay: ${passed} of ${vectors.length} vector files passed against the bundled server`);
    return result;
  } finally {
    await server.close();
  }
}

