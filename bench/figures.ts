/** Result model of a benchmark run: figures for the console table and ratios for results.json. */

export interface Figure {
  part: string;
  label: string;
  /** Undefined when the figure could not be measured; `note` then gives the reason. */
  value?: number;
  unit: string;
  note?: string;
}

export interface PartResult {
  figures: Figure[];
  /** Named ratios of two figures of this run, e.g. codec_decode_vs_pykmip. */
  ratios: Record<string, number>;
  /** Findings worth reading next to the figures, such as an encoding difference. */
  notes: string[];
}

export interface BenchSettings {
  quick: boolean;
  /** Seconds each timed loop runs for. */
  budgetSeconds: number;
}

export function notMeasured(part: string, label: string, reason: string): PartResult {
  return { figures: [{ part, label, unit: "", note: `not measured: ${reason}` }], ratios: {}, notes: [] };
}

/** Geometric mean, the usual way to average ratios so that no one message dominates. */
export function geometricMean(values: number[]): number {
  const logSum = values.reduce((sum, value) => sum + Math.log(value), 0);
  return Math.exp(logSum / values.length);
}
