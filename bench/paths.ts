/** Locations the benchmark reads from and writes to. */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/** The nearest folder above this file that contains package.json, whether run from bench/ or dist/bench/. */
export const REPOSITORY_ROOT = findRepositoryRoot(__dirname);

function findRepositoryRoot(start: string): string {
  let folder = start;
  while (!existsSync(join(folder, "package.json"))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`no package.json above ${start}: run the benchmark from the kmipcheck repository`);
    folder = parent;
  }
  return folder;
}
