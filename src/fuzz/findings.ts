/**
 * Finding files: each fault the fuzzer finds is saved as JSON with the messages that led to it
 * (hex), the seed and the iteration, so `replayFinding` can send them again. The main message is
 * also saved as a .hex file, which `kmipcheck decode FILE` reads.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fromHex, toHex } from "../ttlv/hex";
import type { Framing } from "./byte-mutators";
import { FuzzError } from "./errors";
import type { FuzzCase } from "./mutate";

export type FindingKind = "crash" | "hang" | "malformed";

export const FINDING_FORMAT = "kmipcheck-fuzz-finding/1";

/** One message of a finding, in the order it was sent. */
export interface FindingMessage {
  iteration: number;
  seedSource: string;
  mutators: string[];
  description: string;
  framing: Framing;
  hex: string;
}

export interface Finding {
  format: typeof FINDING_FORMAT;
  kind: FindingKind;
  seed: string;
  /** Iteration of the message the finding is charged to: the last one sent before it showed. */
  iteration: number;
  /** Target address, e.g. `127.0.0.1:5696`. */
  target: string;
  detail: string;
  /**
   * The messages sent since the last probe the target passed, oldest first; the last is the one
   * the finding is charged to. A hang or a malformed response has just that one.
   */
  messages: FindingMessage[];
  /** Hex of a malformed response, when one arrived. */
  responseHex?: string;
  foundAt: string;
}

export function findingMessage(fuzzCase: FuzzCase): FindingMessage {
  const { iteration, seedSource, mutators, description, framing } = fuzzCase;
  return { iteration, seedSource, mutators, description, framing, hex: toHex(fuzzCase.bytes) };
}

/**
 * Writes the finding as `<kind>-<iteration>.json` and its last message as `<kind>-<iteration>.hex`
 * in the folder, and returns the JSON path. Synchronous, so it also works from an
 * uncaughtException handler before the process exits.
 */
export function saveFinding(folder: string, finding: Finding): string {
  mkdirSync(folder, { recursive: true });
  const base = join(folder, `${finding.kind}-${String(finding.iteration).padStart(7, "0")}`);
  writeFileSync(`${base}.json`, `${JSON.stringify(finding, null, 2)}\n`);

  const last = finding.messages[finding.messages.length - 1];
  if (last !== undefined) writeFileSync(`${base}.hex`, `${last.hex}\n`);
  return `${base}.json`;
}

/** Reads a finding file; raises FUZZ_BAD_FINDING_FILE naming the file and what is wrong. */
export async function loadFinding(path: string): Promise<Finding> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code === "ENOENT" ? "does not exist" : `cannot be read (${(cause as Error).message})`;
    throw badFile(path, reason, cause);
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw badFile(path, `is not valid JSON (${(cause as Error).message})`, cause);
  }

  const finding = parsed as Partial<Finding>;
  if (finding.format !== FINDING_FORMAT) {
    throw badFile(path, `has format ${JSON.stringify(finding.format)}, expected ${FINDING_FORMAT}`);
  }
  if (!Array.isArray(finding.messages) || finding.messages.length === 0) {
    throw badFile(path, "lists no messages");
  }

  finding.messages.forEach((message, index) => {
    try {
      fromHex(message.hex);
    } catch (cause) {
      throw badFile(path, `message ${index + 1} is not hex`, cause);
    }
  });
  return finding as Finding;
}

function badFile(path: string, problem: string, cause?: unknown): FuzzError {
  return new FuzzError("FUZZ_BAD_FINDING_FILE", `finding file ${path} ${problem}; give a .json file that kmipcheck fuzz wrote`, { cause, context: { path } });
}
