/**
 * Extracts the defined values of KMIP 1.4 §9.1.3 from the specification text: the tags of
 * Table 288, the enumerations of §9.1.3.2 and the bit masks of §9.1.3.3.
 */
import type { EnumerationRecord, MaskRecord, TagRecord, ValueRecord } from "../src/kmip/data-types";
import { normalizeName } from "../src/kmip/normalize";
import {
  type SpecLine,
  type SpecSection,
  captionAfter,
  formatCaption,
  indexOfFrom,
  lastIndexOf,
  splitSections,
  tableCells,
} from "./spec-text";

/** A tag row: "| Activation Date | 420001" or "| Issuer | 42003B (deprecated as of version 1.1)". */
const TAG_ROW_VALUE = /^([0-9A-F]{6})(?:\s*\((deprecated[^)]*)\))?$/;

/**
 * An enumeration or mask row value: "00000001", "0000000E (deprecated)".
 * NOTE: the text export flattens superscripts, so Split Key Method's "Polynomial Sharing GF (2^16)"
 * reads "GF (216)" and normalizes to PolynomialSharingGF216. The data file keeps the text as written.
 */
const VALUE_CELL = /^([0-9A-F]{8})(?:\s*\((deprecated)\))?$/;

/** Returns "0x" and the digits in upper case, the form the data file uses for numbers. */
function hex(digits: string): string {
  return `0x${digits.toUpperCase()}`;
}

/**
 * Extracts every tag of Table 288 (§9.1.3.1). Rows whose value is a range, such as
 * "(Reserved) | 420120 – 42FFFF" or "Extensions | 540000 – 54FFFF", are not tags and are skipped.
 * The table's reserved range starts at 420120 although it assigns 420120-420124 (Sensitive to
 * Replace Existing), so the assigned rows win.
 */
export function extractTags(lines: SpecLine[]): { tags: TagRecord[]; source: string } {
  const end = lastIndexOf(lines, /^Table 288: Tag Values/);
  const start = lastIndexOf(lines, /^9\.1\.3\.1 Tags/, end);
  const tags: TagRecord[] = [];

  for (const line of lines.slice(start, end)) {
    const cells = tableCells(line);
    const match = cells && cells.length === 2 ? TAG_ROW_VALUE.exec(cells[1]) : null;
    if (!cells || !match) {
      continue;
    }
    const tag: TagRecord = { name: cells[0], normalized: normalizeName(cells[0]), value: hex(match[1]), deprecated: match[2] !== undefined };
    if (match[2] !== undefined) {
      tag.deprecatedNote = match[2];
    }
    tags.push(tag);
  }

  checkContiguous(tags);
  checkUniqueNames("Table 288", tags);
  return { tags, source: "KMIP 1.4 §9.1.3.1, Table 288: Tag Values" };
}

/** Table 288 assigns tags 0x420001 upwards without gaps; a gap means a row was not read. */
function checkContiguous(tags: TagRecord[]): void {
  tags.forEach((tag, index) => {
    const expected = 0x420001 + index;
    if (Number(tag.value) !== expected) {
      throw new Error(`Table 288: expected tag 0x${expected.toString(16)} at row ${index + 1}, found ${tag.value} (${tag.name})`);
    }
  });
}

/** Sections 9.1.3.2.1 to 9.1.3.2.49, each holding one enumeration table. */
function enumerationSections(lines: SpecLine[]): SpecSection[] {
  const masksStart = lastIndexOf(lines, /^9\.1\.3\.3\s*$/);
  const start = lastIndexOf(lines, /^9\.1\.3\.2\s*$/, masksStart);
  return splitSections(lines.slice(start + 1, masksStart), /^(9\.1\.3\.2\.\d+)\b/);
}

/** Sections 9.1.3.3.1 and 9.1.3.3.2, each holding one bit mask table. */
function maskSections(lines: SpecLine[]): SpecSection[] {
  const start = lastIndexOf(lines, /^9\.1\.3\.3\s*$/);
  const end = indexOfFrom(lines, /^10 Transport/, start);
  return splitSections(lines.slice(start + 1, end), /^(9\.1\.3\.3\.\d+)\b/);
}

/** The rows of a value table: the heading cell, the named values and the extension pattern. */
interface ValueTable {
  heading: string;
  values: ValueRecord[];
  extensionPattern?: string;
  /** Index in the section's lines just past the table, where its caption follows. */
  end: number;
}

/**
 * Reads the value table of a section: a heading row ("| Credential Type"), a "| Name | Value" row,
 * then one row per value and an "Extensions" row. Throws on a row it cannot read, so that a
 * wrapped or damaged row is fixed by hand instead of being dropped.
 */
function readValueTable(section: SpecSection): ValueTable {
  const table: ValueTable = { heading: "", values: [], end: 0 };
  let inValues = false;

  section.lines.forEach((line, index) => {
    const cells = tableCells(line);
    if (!cells) {
      return;
    }
    table.end = index + 1;
    if (!inValues) {
      inValues = cells[0] === "Name" && cells[1] === "Value";
      table.heading = inValues ? table.heading : cells[0];
      return;
    }
    readValueRow(section, line, cells, table);
  });

  if (table.values.length === 0 && table.extensionPattern === undefined) {
    throw new Error(`§${section.number} ${section.title}: no value table found`);
  }
  return table;
}

function readValueRow(section: SpecSection, line: SpecLine, cells: string[], table: ValueTable): void {
  if (cells[0] === "Extensions") {
    table.extensionPattern = cells[1];
    return;
  }
  const match = cells.length === 2 ? VALUE_CELL.exec(cells[1]) : null;
  if (!match) {
    throw new Error(`§${section.number} line ${line.number}: cannot read value row "${line.text}"`);
  }
  table.values.push({ name: cells[0], normalized: normalizeName(cells[0]), value: hex(match[1]), deprecated: match[2] !== undefined });
}

/** Drops the trailing word "Enumeration" from a section title ("Key Wrap Type Enumeration"). */
function enumerationName(title: string): string {
  return title.replace(/\s*Enumeration\s*$/, "").trim();
}

/** Cites the section and, where the section has one, its table caption. */
function sourceOf(section: SpecSection, end: number): string {
  const caption = captionAfter(section.lines, end);
  const where = `KMIP 1.4 §${section.number}`;
  return caption ? `${where}, ${formatCaption(caption)}` : `${where}, uncaptioned table`;
}

/** Extracts every enumeration of §9.1.3.2. */
export function extractEnumerations(lines: SpecLine[]): EnumerationRecord[] {
  return enumerationSections(lines).map((section) => {
    const table = readValueTable(section);
    const name = enumerationName(section.title);
    const record: EnumerationRecord = {
      name,
      normalized: normalizeName(name),
      section: section.number,
      source: sourceOf(section, table.end),
      extensionsAllowed: table.extensionPattern === "8XXXXXXX",
      values: table.values,
    };
    if (table.heading !== name) {
      record.tableHeading = table.heading;
    }
    checkUniqueNames(record.name, record.values);
    return record;
  });
}

/** Extracts the Cryptographic Usage Mask and Storage Status Mask of §9.1.3.3. */
export function extractMasks(lines: SpecLine[]): MaskRecord[] {
  return maskSections(lines).map((section) => {
    const table = readValueTable(section);
    if (table.extensionPattern === undefined) {
      throw new Error(`§${section.number}: the mask table has no Extensions row`);
    }
    checkUniqueNames(section.title, table.values);
    return {
      name: section.title,
      normalized: normalizeName(section.title),
      section: section.number,
      source: sourceOf(section, table.end),
      // The Extensions row marks extension bits with X, e.g. "XXX00000" for the top 12 bits.
      extensionBits: hex(table.extensionPattern.replace(/X/g, "F")),
      bits: table.values,
    };
  });
}

/** Two values with one normalized name could not both be looked up by name. */
function checkUniqueNames(owner: string, values: Array<{ normalized: string }>): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value.normalized)) {
      throw new Error(`${owner}: two values normalize to ${value.normalized}`);
    }
    seen.add(value.normalized);
  }
}
