/**
 * Verdicts must not depend on chance: the clean bundled server replays every vector ten times in
 * a row on one server, and each vector gets the same verdict every time. kmipcheck's own vectors
 * and every official vector but CS-RNG-O-4 must pass every time.
 */
import { expect } from "chai";
import { join } from "node:path";
import { runVectors, selectVectors, type Verdict } from "../../src/replay";
import { requireOfficialVectorDir } from "../vectors/official-dir";
import { MALFORMED_VECTORS, POSITIVE_VECTORS, startServer, type FaultyServer } from "./helpers";

const RUNS = 10;

describe("verdict stability on the clean server", function () {
  this.timeout(180_000);

  let server: FaultyServer;
  let officialDir: string;

  before(async function () {
    officialDir = requireOfficialVectorDir(this);
    server = await startServer();
  });

  after(async () => {
    await server?.close();
  });

  it(`same verdicts over ${RUNS} runs`, async () => {
    const folders = [join(officialDir, "mandatory"), join(officialDir, "optional"), POSITIVE_VECTORS, MALFORMED_VECTORS];
    const vectors = await selectVectors(folders, []);
    const verdicts = new Map<string, Verdict[]>();

    for (let run = 0; run < RUNS; run += 1) {
      // A run gets fresh run state (created objects, IVs seen), as one `kmipcheck run` does.
      for (const outcome of await runVectors(vectors, { connection: server.connection, https: server.https })) {
        verdicts.set(outcome.path, [...(verdicts.get(outcome.path) ?? []), outcome.verdict]);
      }
    }

    const unstable = [...verdicts].filter(([, list]) => new Set(list).size > 1).map(([path, list]) => `${path}: ${list.join(" ")}`);
    expect(unstable, "vectors whose verdict changed between runs").to.deep.equal([]);

    // CS-RNG-O-4 expects RNG Seed refused where CS-RNG-O-1..3 expect it accepted: one policy fails one side.
    const official = [...verdicts].filter(([path]) => path.startsWith(officialDir) && !path.endsWith("CS-RNG-O-4-14.xml"));
    expect(official.length, "official vectors replayed").to.equal(74);
    expect(official.filter(([, list]) => list.some((verdict) => verdict !== "pass")).map(([path]) => path), "official vectors that did not pass").to.deep.equal([]);

    const own = [...verdicts].filter(([path]) => path.startsWith(POSITIVE_VECTORS) || path.startsWith(MALFORMED_VECTORS));
    expect(own.length, "own vectors replayed").to.be.greaterThan(5);
    expect(own.filter(([, list]) => list.some((verdict) => verdict !== "pass")).map(([path]) => path), "own vectors that did not pass").to.deep.equal([]);

    expect(verdicts.size, "every vector replayed").to.equal(vectors.length);
  });
});
