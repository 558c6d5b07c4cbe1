/** Paths inside the kmipcheck project, found the same way from the sources and from dist/. */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/** Returns the project root: the nearest folder above this file that has a package.json. */
export function projectRoot(): string {
  let folder = __dirname;
  while (!existsSync(join(folder, "package.json"))) {
    const parent = dirname(folder);
    if (parent === folder) {
      throw new Error(`no package.json above ${__dirname}; run the suites from a kmipcheck checkout or package`);
    }
    folder = parent;
  }
  return folder;
}

export function projectPath(...segments: string[]): string {
  return join(projectRoot(), ...segments);
}
