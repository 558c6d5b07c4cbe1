import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { ConfigError, type ConfigErrorCode } from "../../src/config";

/** A temporary directory removed by `remove()`. */
export interface TempDir {
  path: string;
  write(name: string, content: string | object): string;
  remove(): void;
}

export function makeTempDir(prefix = "kmipcheck-config-"): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    write(name, content) {
      const file = join(path, name);
      writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
      return file;
    },
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}

/** Runs `action`, expects a ConfigError with `code`, and returns it. */
export async function expectConfigError(action: () => unknown, code: ConfigErrorCode): Promise<ConfigError> {
  let caught: unknown;
  try {
    await action();
  } catch (error) {
    caught = error;
  }

  expect(caught, "expected a ConfigError").to.be.instanceOf(ConfigError);
  const error = caught as ConfigError;
  expect(error.code, error.message).to.equal(code);
  return error;
}
