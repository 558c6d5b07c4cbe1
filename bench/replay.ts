/**
 * Replay benchmark: wall time of the whole official KMIP 1.4 vector set against the bundled server
 * (started in this process), one vector after another on one connection each.
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
  const server = await startBundledServer({ host: "127.0.0.1", port: 0, clientCa: pki.connection.ca as string, cert: pki.server.cert, key: pki.server.key });

  try {
    const vectors = await selectVectors(folders, []);
    const start = performance.now();
    const outcomes = await runVectors(vectors, { connection: { ...pki.connection, port: server.port } });
    const seconds = (performance.now() - start) / 1000;

    const passed = outcomes.filter((outcome) => outcome.verdict === "pass").length;
    const result = notMeasured(PART, "replay wall time / key generation time", "the bundled server does not report the time its key generations take");
    result.figures.unshift({ part: PART, label: `official vector set, ${vectors.length} files: wall time`, value: seconds * 1000, unit: "ms" });
    result.notes.push(`replay: ${passed} of ${vectors.length} vector files passed against the bundled server`);
    return result;
  } finally {
    await server.close();
  }
}

