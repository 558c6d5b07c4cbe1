import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Name and version from package.json, which sits two levels above src/cli (and dist/src/cli). */
function readTool(): { name: string; version: string } {
  for (const candidate of [join(__dirname, "..", "..", "package.json"), join(__dirname, "..", "..", "..", "package.json")]) {
    try {
      const { name, version } = JSON.parse(readFileSync(candidate, "utf8")) as { name: string; version: string };
      if (name === "kmipcheck") {
        return { name, version };
      }
    } catch {
      // Not at this level; try the next one.
    }
  }

  return { name: "kmipcheck", version: "unknown" };
}

export const TOOL = readTool();
