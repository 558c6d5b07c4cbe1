/**
 * Locates the official OASIS KMIP 1.4 vectors, which live beside the repository in
 * ../shared/oasis-kmip-1.4 and are never copied into it.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";

const RELATIVE = "../shared/oasis-kmip-1.4";

/** Returns the vector folder, or undefined when it is missing. Tries the repository root above this file, then the working directory. */
export function findOfficialVectorDir(): string | undefined {
  // Compiled tests run from dist/test/vectors, three levels below the repository root.
  const candidates = [resolve(__dirname, "../../..", RELATIVE), resolve(process.cwd(), RELATIVE)];
  return candidates.find((candidate) => existsSync(resolve(candidate, "mandatory")));
}

/**
 * Returns the vector folder for a mocha `before` hook. A missing folder fails the suite under
 * CI=true and skips it elsewhere.
 */
export function requireOfficialVectorDir(context: Pick<Mocha.Context, "skip">, locate: () => string | undefined = findOfficialVectorDir): string {
  const dir = locate();
  if (dir !== undefined) {
    return dir;
  }

  if (process.env.CI === "true") {
    throw new Error(`the official KMIP 1.4 vectors are missing: expected ${RELATIVE} (with mandatory/ and optional/) beside the repository root`);
  }
  context.skip();
}
