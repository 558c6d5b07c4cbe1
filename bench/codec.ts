/**
 * Codec benchmark: encode and decode throughput of kmipcheck's TTLV codec and of PyKMIP's
 * (bench/pykmip_codec.py) on the same three messages, after checking that both encode them to the
 * same bytes.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { tagName } from "../src/kmip";
import { decode, decodeLenient, encode } from "../src/ttlv";
import {
  buildCodecMessage,
  CODEC_MESSAGE_LABELS,
  CODEC_MESSAGE_NAMES,
  CodecMessageName,
  CodecMessageValues,
  createCodecMessageValues,
} from "./codec-messages";
import { BenchSettings, Figure, geometricMean, notMeasured, PartResult } from "./figures";
import { perSecond, TimedLoop, timeLoop } from "./timing";
import { firstDifference } from "./ttlv-diff";
import { REPOSITORY_ROOT } from "./paths";

export const PYTHON = "/usr/bin/python3";
const PART = "codec";
const PYKMIP_SCRIPT = join(REPOSITORY_ROOT, "bench", "pykmip_codec.py");

interface PyKmipMessageResult {
  hex: string;
  /** Bytes PyKMIP writes after decoding `hex`, when they differ from it. */
  reencodedHex: string | null;
  encode: TimedLoop;
  decode: TimedLoop;
}

interface PyKmipOutput {
  pykmip: string;
  python: string;
  messages: Record<CodecMessageName, PyKmipMessageResult>;
}

interface Throughput {
  encode: number;
  decode: number;
}

export async function runCodecBenchmark(settings: BenchSettings): Promise<PartResult> {
  const values = createCodecMessageValues();

  let pykmip: PyKmipOutput;
  try {
    pykmip = runPyKmip(values, settings);
  } catch (error) {
    return notMeasured(PART, "PyKMIP codec", `${PYTHON} ${PYKMIP_SCRIPT} failed: ${(error as Error).message}`);
  }

  const result: PartResult = { figures: [], ratios: {}, notes: [`PyKMIP ${pykmip.pykmip} on Python ${pykmip.python}`] };
  const encodeRatios: number[] = [];
  const decodeRatios: number[] = [];

  for (const name of CODEC_MESSAGE_NAMES) {
    const theirs = pykmip.messages[name];
    const bytes = checkSameBytes(name, values, theirs, result.notes);
    const ours = timeKmipcheck(bytes, name, values, settings);
    const pythonRates = { encode: perSecond(theirs.encode), decode: perSecond(theirs.decode) };

    result.figures.push(...messageFigures(name, bytes.length, ours, pythonRates));
    encodeRatios.push(ours.encode / pythonRates.encode);
    decodeRatios.push(ours.decode / pythonRates.decode);
    result.ratios[`codec_encode_vs_pykmip_${name}`] = ours.encode / pythonRates.encode;
    result.ratios[`codec_decode_vs_pykmip_${name}`] = ours.decode / pythonRates.decode;
  }

  result.ratios.codec_encode_vs_pykmip = geometricMean(encodeRatios);
  result.ratios.codec_decode_vs_pykmip = geometricMean(decodeRatios);
  return result;
}

function runPyKmip(values: CodecMessageValues, settings: BenchSettings): PyKmipOutput {
  const spec = { seconds: settings.budgetSeconds, min_iterations: 3, messages: CODEC_MESSAGE_NAMES, values };
  const timeoutMs = (settings.budgetSeconds * CODEC_MESSAGE_NAMES.length * 2 + 30) * 1000;
  const output = execFileSync(PYTHON, [PYKMIP_SCRIPT], { input: JSON.stringify(spec), timeout: timeoutMs, encoding: "utf8" });
  return JSON.parse(output) as PyKmipOutput;
}

/**
 * Compares kmipcheck's encoding of the message with PyKMIP's and notes any difference by path.
 * Returns kmipcheck's bytes, which both sides then decode.
 */
function checkSameBytes(name: CodecMessageName, values: CodecMessageValues, theirs: PyKmipMessageResult, notes: string[]): Buffer {
  const ours = encode(buildCodecMessage(name, values));
  const difference = firstDifference(ours, Buffer.from(theirs.hex, "hex"));

  if (difference === undefined) {
    notes.push(`${name}: kmipcheck and PyKMIP encode the same ${ours.length} bytes`);
  } else {
    notes.push(
      `${name}: encodings differ at byte ${difference.offset} in ${difference.path}: ` +
        `kmipcheck ${difference.expected}, PyKMIP ${difference.actual}`,
    );
  }

  noteReencoding(name, theirs, notes);
  return ours;
}

/** Notes where PyKMIP's re-encoding of its own decoded message breaks §9.1, as kmipcheck's lenient decoder names it. */
function noteReencoding(name: CodecMessageName, theirs: PyKmipMessageResult, notes: string[]): void {
  if (theirs.reencodedHex === null) return;

  const { violations } = decodeLenient(Buffer.from(theirs.reencodedHex, "hex"), { namer: tagName });
  const first = violations[0];
  const finding = first === undefined ? "no TTLV violation, but different bytes" : `${violations.length} violation(s), first: ${first.message}`;
  notes.push(`${name}: PyKMIP writes its own decoded message back differently: ${finding}`);
}

function timeKmipcheck(bytes: Buffer, name: CodecMessageName, values: CodecMessageValues, settings: BenchSettings): Throughput {
  const tree = buildCodecMessage(name, values);
  const encodeLoop = timeLoop(() => encode(tree), settings.budgetSeconds, 1000);
  const decodeLoop = timeLoop(() => decode(bytes), settings.budgetSeconds, 1000);
  return { encode: perSecond(encodeLoop), decode: perSecond(decodeLoop) };
}

function messageFigures(name: CodecMessageName, size: number, ours: Throughput, theirs: Throughput): Figure[] {
  const label = `${CODEC_MESSAGE_LABELS[name]} (${size} B)`;
  const megabytes = (rate: number): number => (rate * size) / 1e6;
  const figures: Figure[] = [];

  for (const [side, rates] of [["kmipcheck", ours], ["PyKMIP", theirs]] as const) {
    for (const direction of ["encode", "decode"] as const) {
      const rate = rates[direction];
      figures.push({ part: PART, label: `${label}: ${side} ${direction}`, value: rate, unit: "msg/s", note: `${megabytes(rate).toFixed(2)} MB/s` });
    }
  }
  return figures;
}
