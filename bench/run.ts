/**
 * `npm run bench`: runs every benchmark part, prints a table of all figures and writes
 * reports/bench/<run>/results.json with the ratios. `--quick` runs each timed loop briefly, only to
 * prove that the script works (CI); its figures are not meaningful.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { runCodecBenchmark } from "./codec";
import { BenchSettings, Figure, notMeasured, PartResult } from "./figures";
import { REPOSITORY_ROOT } from "./paths";
import { runReplayBenchmark } from "./replay";
import { runServerBenchmark } from "./server";
import { formatTable } from "./table";
import { runTlsFloorBenchmark } from "./tls-floor";

interface BenchPart {
  name: string;
  run: (settings: BenchSettings) => Promise<PartResult>;
}

const PARTS: BenchPart[] = [
  { name: "codec", run: runCodecBenchmark },
  { name: "tls-floor", run: runTlsFloorBenchmark },
  { name: "server", run: runServerBenchmark },
  { name: "replay", run: runReplayBenchmark },
];

const USAGE = "usage: npm run bench [-- --quick] [--only PART,...]   (parts: codec, tls-floor, server, replay)";

interface BenchArguments {
  quick: boolean;
  only?: Set<string>;
}

function parseArguments(argv: string[]): BenchArguments {
  const parsed: BenchArguments = { quick: false };

  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === "--quick") parsed.quick = true;
    else if (argument === "--only" && index + 1 < argv.length) parsed.only = new Set(argv[++index].split(","));
    else throw new Error(`unknown argument ${JSON.stringify(argument)}\n${USAGE}`);
  }

  const unknown = [...(parsed.only ?? [])].filter((name) => !PARTS.some((part) => part.name === name));
  if (unknown.length > 0) throw new Error(`unknown part ${unknown.join(", ")}\n${USAGE}`);
  return parsed;
}

async function runParts(settings: BenchSettings, only: Set<string> | undefined): Promise<PartResult[]> {
  const results: PartResult[] = [];

  for (const part of PARTS) {
    if (only !== undefined && !only.has(part.name)) continue;
    process.stderr.write(`bench: running ${part.name}...\n`);

    try {
      results.push(await part.run(settings));
    } catch (error) {
      results.push(notMeasured(part.name, part.name, `failed: ${(error as Error).message}`));
    }
  }
  return results;
}

function machine(): Record<string, string | number> {
  const processors = cpus();
  return {
    cpuModel: processors[0]?.model ?? "unknown",
    cpus: processors.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

function writeResults(runId: string, settings: BenchSettings, figures: Figure[], ratios: Record<string, number>, notes: string[]): string {
  const folder = join(REPOSITORY_ROOT, "reports", "bench", runId);
  mkdirSync(folder, { recursive: true });

  const file = join(folder, "results.json");
  const measured = figures.filter((figure) => figure.value !== undefined);
  const missing = figures.filter((figure) => figure.value === undefined).map((figure) => `${figure.label}: ${figure.note}`);
  const body = { run: runId, quick: settings.quick, machine: machine(), ratios, figures: measured, notMeasured: missing, notes };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  return file;
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  const settings: BenchSettings = { quick: options.quick, budgetSeconds: options.quick ? 0.05 : 1 };
  const runId = new Date().toISOString().replace(/[:.]/g, "-");

  const results = await runParts(settings, options.only);
  const figures = results.flatMap((result) => result.figures);
  const ratios = Object.assign({}, ...results.map((result) => result.ratios)) as Record<string, number>;
  const notes = results.flatMap((result) => result.notes);

  console.log(formatTable(figures, ratios, notes));
  const file = writeResults(runId, settings, figures, ratios, notes);
  console.log(`\nresults: ${file}`);
}

main().catch((error: unknown) => {
  console.error(`bench: ${(error as Error).message}`);
  process.exitCode = 2;
});
