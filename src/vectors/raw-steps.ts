/**
 * Raw-step vectors (`*.steps.json`): requests as hex bytes, for the negative cases that the XML
 * form cannot express (a truncated message, a wrong Length, bad padding), and expected outcomes
 * that may include the server closing the connection. The format is documented in
 * vectors/README.md.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { fromHex } from "../ttlv";
import { VectorError } from "./errors";
import type { TemplateNode } from "./types";
import { parseTtlvXml } from "./vector-file";

export const RAW_STEPS_EXTENSION = ".steps.json";

/** Outcome a step accepts: the server closes the connection, or a response that matches the template. */
export type ExpectedOutcome = { close: true } | { response: TemplateNode };

export interface RawStep {
  index: number;
  /** Line of the step's request field in the file. */
  line: number;
  /** Description of what the step sends, shown in reports. */
  comment: string;
  /** The request: exact bytes, or a template whose placeholders are bound like those of XML vectors. */
  request: { bytes: Buffer } | { template: TemplateNode };
  /** Accepted outcomes; the step passes when any one of them happens. */
  expected: ExpectedOutcome[];
  /** Open a new connection before this step. A step after a closed connection always gets a new one. */
  newConnection: boolean;
}

export interface RawStepsVector {
  path: string;
  /** File name without `.steps.json`. */
  name: string;
  description: string;
  steps: RawStep[];
}

export function isRawStepsFile(path: string): boolean {
  return path.toLowerCase().endsWith(RAW_STEPS_EXTENSION);
}

export async function loadRawStepsFile(path: string): Promise<RawStepsVector> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new VectorError("VECTOR_FILE_UNREADABLE", `cannot read the raw-step vector (${(error as Error).message})`, { file: path, cause: error });
  }
  return parseRawSteps(text, path);
}

/** Parses the JSON text of a raw-step vector; raises VectorError naming the step and field at fault. */
export function parseRawSteps(text: string, path: string): RawStepsVector {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new VectorError("VECTOR_JSON_MALFORMED", `the raw-step vector is not valid JSON (${(error as Error).message})`, { file: path, cause: error });
  }

  const root = asObject(document, path, "the document");
  const steps = root.steps;
  if (!Array.isArray(steps) || steps.length === 0) {
    throw bad(path, "steps", "a non-empty array of steps", describe(steps));
  }

  const requestLines = [...text.matchAll(/"request(?:Xml)?"\s*:/g)].map((match) => text.slice(0, match.index).split("\n").length);
  return {
    path,
    name: basename(path).slice(0, -RAW_STEPS_EXTENSION.length),
    description: typeof root.description === "string" ? root.description : "",
    steps: steps.map((step, index) => parseStep(step, index, path, requestLines[index] ?? 1)),
  };
}

function parseStep(value: unknown, index: number, path: string, line: number): RawStep {
  const where = `steps[${index}]`;
  const step = asObject(value, path, where);

  return {
    index,
    line,
    comment: typeof step.comment === "string" ? step.comment : "",
    request: parseRequest(step, where, path),
    expected: parseExpected(step.expected, `${where}.expected`, path),
    newConnection: step.newConnection === true,
  };
}

function parseRequest(step: Record<string, unknown>, where: string, path: string): RawStep["request"] {
  // An array of strings lets a file put each TTLV item on its own line.
  const hexLines = Array.isArray(step.request) && step.request.every((line) => typeof line === "string") ? step.request.join(" ") : step.request;
  if (typeof hexLines === "string") {
    const bytes = fromHexOrFail(hexLines, `${where}.request`, path);
    return { bytes };
  }

  if (typeof step.requestXml === "string") {
    return { template: onlyMessage(step.requestXml, `${where}.requestXml`, path) };
  }

  throw bad(path, where, "a request (hex text, or an array of hex lines) or a requestXml (one RequestMessage in the XML form)", "neither");
}

function parseExpected(value: unknown, where: string, path: string): ExpectedOutcome[] {
  const entries = Array.isArray(value) ? value : [value];
  if (entries.length === 0) {
    throw bad(path, where, `"close", a ResponseMessage in the XML form, or an array of them`, "an empty array");
  }

  return entries.map((entry, index) => {
    if (entry === "close") {
      return { close: true } as const;
    }
    if (typeof entry === "string") {
      return { response: onlyMessage(entry, Array.isArray(value) ? `${where}[${index}]` : where, path) };
    }
    throw bad(path, where, `"close" or a ResponseMessage in the XML form`, describe(entry));
  });
}

function onlyMessage(xml: string, where: string, path: string): TemplateNode {
  const messages = parseTtlvXml(xml, `${path} ${where}`);
  if (messages.length !== 1) {
    throw bad(path, where, "exactly one message element", `${messages.length} messages`);
  }
  return messages[0];
}

function fromHexOrFail(text: string, where: string, path: string): Buffer {
  try {
    const bytes = fromHex(text);
    if (bytes.length === 0) {
      throw new Error("no hex digits");
    }
    return bytes;
  } catch (error) {
    throw new VectorError("VECTOR_BAD_HEX", `${where} is not hex text (${(error as Error).message})`, { file: path, path: where, expected: "hex digits, optionally spaced", cause: error });
  }
}

function asObject(value: unknown, path: string, where: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw bad(path, where, "a JSON object", describe(value));
  }
  return value as Record<string, unknown>;
}

function bad(path: string, where: string, expected: string, actual: string): VectorError {
  return new VectorError("VECTOR_BAD_VALUE", `${where} must be ${expected}, got ${actual}`, { file: path, path: where, expected, value: actual });
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : typeof value;
}
