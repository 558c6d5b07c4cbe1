/**
 * Line-level helpers for reading the plain-text export of the KMIP 1.4 specification
 * (kmip-spec-v1.4-os.txt). In that export a table row is a line starting with "| " whose cells are
 * separated by " | ", a heading is a section number at the start of a line whose title may wrap
 * onto the next lines, and paragraphs are separated by blank lines. Lines end in CRLF.
 */

/** One line of the specification, with its 1-based line number for error messages. */
export interface SpecLine {
  number: number;
  text: string;
}

/** Splits the specification text into lines without carriage returns. */
export function splitLines(text: string): SpecLine[] {
  return text
    .replace(/\r/g, "")
    .split("\n")
    .map((line, index) => ({ number: index + 1, text: line }));
}

/** Returns the trimmed cells of a table row, or undefined when the line is not a table row. */
export function tableCells(line: SpecLine): string[] | undefined {
  if (!line.text.startsWith("|")) {
    return undefined;
  }
  return line.text
    .slice(1)
    .split("|")
    .map((cell) => cell.replace(/\s+/g, " ").trim());
}

/**
 * Finds the index of the last line that matches the pattern. The table of contents at the start
 * of the export repeats every heading, so the body's heading is the last occurrence.
 */
export function lastIndexOf(lines: SpecLine[], pattern: RegExp, before = lines.length): number {
  for (let index = before - 1; index >= 0; index--) {
    if (pattern.test(lines[index].text)) {
      return index;
    }
  }
  throw new Error(`Specification text has no line matching ${pattern} before line ${before + 1}`);
}

/** Finds the index of the first line at or after `from` that matches the pattern. */
export function indexOfFrom(lines: SpecLine[], pattern: RegExp, from: number): number {
  for (let index = from; index < lines.length; index++) {
    if (pattern.test(lines[index].text)) {
      return index;
    }
  }
  throw new Error(`Specification text has no line matching ${pattern} after line ${from + 1}`);
}

/** Joins the paragraph that starts at `start` (up to the next blank line) into one line. */
export function paragraphAt(lines: SpecLine[], start: number): string {
  const parts: string[] = [];
  for (let index = start; index < lines.length && lines[index].text.trim() !== ""; index++) {
    parts.push(lines[index].text.trim());
  }
  return parts.join(" ").replace(/\s+/g, " ");
}

/** A numbered section of the body: its number ("9.1.3.2.5"), its title and its lines. */
export interface SpecSection {
  number: string;
  title: string;
  lines: SpecLine[];
}

/**
 * Cuts lines into sections at every line that starts with a heading number matched by
 * `headingPattern` (group 1 is the number). The title is the rest of the heading paragraph,
 * because titles in the export often wrap onto the next line ("9.1.3.2.19 Revocation Reason" /
 * "Code Enumeration").
 */
export function splitSections(lines: SpecLine[], headingPattern: RegExp): SpecSection[] {
  const sections: SpecSection[] = [];
  let current: SpecSection | undefined;

  for (let index = 0; index < lines.length; index++) {
    const match = headingPattern.exec(lines[index].text);
    if (match) {
      const heading = paragraphAt(lines, index);
      current = { number: match[1], title: heading.slice(match[1].length).trim(), lines: [] };
      sections.push(current);
    } else if (current) {
      current.lines.push(lines[index]);
    }
  }
  return sections;
}

/** A table caption such as "Table 289: Credential Type Enumeration". */
export interface TableCaption {
  number: number;
  title: string;
}

/**
 * Finds the first table caption at or after `from`. Captions wrap in the export ("Table" / "289:
 * Credential Type Enumeration", or "Table 308:" / "Link Type Enumeration"), so the caption is
 * read as a paragraph. Returns undefined when no caption follows before the section ends.
 */
export function captionAfter(lines: SpecLine[], from: number): TableCaption | undefined {
  for (let index = from; index < lines.length; index++) {
    if (!/^Table\b/.test(lines[index].text.trim())) {
      continue;
    }
    const match = /^Table\s*(\d+):?\s*(.*)$/.exec(paragraphAt(lines, index));
    if (match) {
      return { number: Number(match[1]), title: match[2].trim() };
    }
  }
  return undefined;
}

/** Formats a caption as cited in the data file, e.g. "Table 289: Credential Type Enumeration". */
export function formatCaption(caption: TableCaption): string {
  return caption.title === "" ? `Table ${caption.number}` : `Table ${caption.number}: ${caption.title}`;
}
