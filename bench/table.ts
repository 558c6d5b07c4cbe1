/** Console table of a benchmark run: every figure, then the ratios and the notes. */
import type { Figure } from "./figures";

export function formatValue(figure: Figure): string {
  if (figure.value === undefined) return "";
  const value = figure.value;
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString("en-US");
  return value.toPrecision(3);
}

export function formatTable(figures: Figure[], ratios: Record<string, number>, notes: string[]): string {
  const rows = figures.map((figure) => [figure.part, figure.label, formatValue(figure), figure.unit, figure.note ?? ""]);
  const lines = alignColumns([["part", "figure", "value", "unit", "note"], ...rows], new Set([2]));

  lines.push("", "ratios (each of two figures of this run):");
  for (const [name, ratio] of Object.entries(ratios)) lines.push(`  ${name.padEnd(48)} ${ratio.toFixed(3)}`);

  if (notes.length > 0) lines.push("", "notes:", ...notes.map((note) => `  - ${note}`));
  return lines.join("\n");
}

/** Pads each column to its widest cell; columns in `rightAligned` are padded on the left. */
function alignColumns(rows: string[][], rightAligned: Set<number>): string[] {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));

  return rows.map((row) =>
    row
      .map((cell, column) => (rightAligned.has(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join("  ")
      .trimEnd(),
  );
}
