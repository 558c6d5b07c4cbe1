/**
 * `kmipcheck decode HEX|FILE|-`: lenient decode of one TTLV message, printed in the XML form.
 */
import { readFile, stat } from "node:fs/promises";
import { parseArgs } from "node:util";
import { tagName } from "../kmip";
import { decodeLenient, fromHex, type TtlvViolation } from "../ttlv";
import { templateToXml } from "../vectors";
import { DECODE_HELP } from "./help";
import type { Io } from "./run-command";
import { EXIT_FAILED, EXIT_PASSED, UsageError, withUsageErrors } from "./usage";

const OPTIONS = { help: { type: "boolean" as const, short: "h", default: false } };

/** Text made only of hex digits and the separators fromHex ignores. */
const HEX_TEXT = /^(0x)?[0-9a-f\s|]+$/i;

export async function decodeCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = withUsageErrors("decode", () => parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true }));
  if (values.help) {
    io.stdout.write(DECODE_HELP);
    return EXIT_PASSED;
  }

  if (positionals.length !== 1) {
    throw new UsageError(`decode takes one argument (HEX, FILE or -), got ${positionals.length}; run \`kmipcheck decode --help\``);
  }

  const bytes = await readInput(positionals[0], io);
  const { node, violations } = decodeLenient(bytes, { namer: tagName });
  if (node !== undefined) {
    io.stdout.write(templateToXml(node));
  }

  violations.forEach((violation) => io.stderr.write(`${describeViolation(violation)}\n`));
  return violations.some((violation) => violation.severity === "fail") ? EXIT_FAILED : EXIT_PASSED;
}

async function readInput(argument: string, io: Io): Promise<Buffer> {
  if (argument === "-") {
    return bytesOf(await readAll(io.stdin), "standard input");
  }

  const info = await stat(argument).catch(() => undefined);
  if (info?.isFile()) {
    return bytesOf(await readFile(argument), argument);
  }

  if (!HEX_TEXT.test(argument)) {
    throw new UsageError(`${argument} is neither a file nor hex text; give hex digits, a file of hex or TTLV bytes, or - for standard input`);
  }
  return parseHex(argument, "the argument");
}

/** File and standard input contents are hex text if they look like it, else raw TTLV bytes. */
function bytesOf(content: Buffer, source: string): Buffer {
  const text = content.toString("latin1");
  if (content.length === 0) {
    throw new UsageError(`${source} is empty; give hex text or TTLV bytes`);
  }

  return HEX_TEXT.test(text) ? parseHex(text, source) : content;
}

function parseHex(text: string, source: string): Buffer {
  let bytes: Buffer;
  try {
    bytes = fromHex(text);
  } catch (error) {
    const reason = (error as Error).message.replace(/^Invalid hex text: /, "");
    throw new UsageError(`${source} is not valid hex text: ${reason}`);
  }

  if (bytes.length === 0) {
    throw new UsageError(`${source} has no hex digits, only separators; give the hex text of a TTLV message`);
  }
  return bytes;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/** The violation's message already names the item, its path and its offset, so it is printed once, after the code. */
function describeViolation(violation: TtlvViolation): string {
  return `${violation.severity === "fail" ? "violation" : "warning"}: ${violation.code}: ${violation.message}`;
}
