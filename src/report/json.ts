/**
 * report.json: the whole run report as one JSON document, written once when the run ends.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Reporter, RunReport } from "./model";

export const JSON_REPORT_FILE = "report.json";

export class JsonReporter implements Reporter {
  constructor(private readonly directory: string) {}

  get path(): string {
    return join(this.directory, JSON_REPORT_FILE);
  }

  async runFinished(report: RunReport): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    await writeFile(this.path, `${JSON.stringify(report, jsonValue, 2)}\n`);
  }
}

/** Writes bigints as decimal strings and buffers as hex, which JSON cannot hold as they are. */
function jsonValue(this: unknown, _key: string, value: unknown): unknown {
  if (typeof value === "bigint") {
    return value.toString();
  }

  if (value !== null && typeof value === "object" && (value as { type?: unknown }).type === "Buffer" && Array.isArray((value as { data?: unknown }).data)) {
    return Buffer.from((value as { data: number[] }).data).toString("hex");
  }

  return value;
}
