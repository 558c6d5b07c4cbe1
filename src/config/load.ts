/** Reading kmipcheck.json: JSON syntax errors with line and column, then schema validation. */
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { ConfigError } from "./errors";
import type { KmipcheckConfig } from "./types";
import { validateConfigDocument } from "./validate";

/** File name the CLI looks for in the current directory when no configuration file is given. */
export const DEFAULT_CONFIG_FILE = "kmipcheck.json";

/**
 * Reads and validates a configuration file. Raises ConfigError: CONFIG_NOT_FOUND,
 * CONFIG_UNREADABLE, CONFIG_INVALID_JSON (with line and column) or CONFIG_INVALID (every
 * problem, each naming the key path).
 */
export async function loadConfig(path: string): Promise<KmipcheckConfig> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    throw unreadable(path, cause);
  }

  return parseConfig(text, path, dirname(resolve(path)));
}

/** Parses and validates the text of a configuration file; `label` names it in messages. */
export function parseConfig(text: string, label: string, baseDir: string): KmipcheckConfig {
  const document = parseJson(text.replace(/^\uFEFF/, ""), label);
  const valid = validateConfigDocument(document, label);
  return { path: label, baseDir, defaultTarget: valid.defaultTarget, targets: valid.targets };
}

function parseJson(text: string, label: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    const reason = (cause as Error).message.replace(/ in JSON at position \d+$/, "");
    const position = /at position (\d+)/.exec((cause as Error).message);
    const where = position === null ? "" : ` at ${lineAndColumn(text, Number(position[1]))}`;
    throw new ConfigError("CONFIG_INVALID_JSON", `${label}: invalid JSON${where}: ${reason}`, { cause, context: { file: label } });
  }
}

/** Converts a zero-based character offset into "line L, column C", both one-based. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `line ${line}, column ${column}`;
}

function unreadable(path: string, cause: unknown): ConfigError {
  const code = (cause as NodeJS.ErrnoException).code;
  if (code === "ENOENT") {
    return new ConfigError("CONFIG_NOT_FOUND", `configuration file ${path} not found (looked at ${resolve(path)}); create it or give the path of an existing file`, { cause, context: { file: path } });
  }

  const reason = code === "EISDIR" ? "it is a directory" : (cause as Error).message;
  return new ConfigError("CONFIG_UNREADABLE", `cannot read configuration file ${path}: ${reason}`, { cause, context: { file: path } });
}
