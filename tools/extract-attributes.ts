/**
 * Extracts the attributes of KMIP 1.4 §3 and the tag-to-enumeration links that the structure
 * tables of the whole specification state ("| Mask Generator Hashing Algorithm | Enumeration,
 * see 9.1.3.2.16").
 */
import type { AttributeRecord, EnumerationRecord, TagEnumerationRecord, TagRecord } from "../src/kmip/data-types";
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

/** Encodings column text -> ItemType key, for the plain types (§9.1.1.2, Table 286). */
const ENCODINGS: Record<string, string> = {
  "Structure": "Structure",
  "Integer": "Integer",
  "Long Integer": "LongInteger",
  "Big Integer": "BigInteger",
  "Enumeration": "Enumeration",
  "Boolean": "Boolean",
  "Text String": "TextString",
  "Byte String": "ByteString",
  "Date-Time": "DateTime",
  "Interval": "Interval",
};

/**
 * KMIP version that introduced each attribute. The 1.4 text does not state it, but Table 288 assigns
 * tags in the order the versions added them: 1.0 used 0x420001-0x4200A0, and 1.1, 1.2, 1.3 and
 * 1.4 start at Password (0x4200A1), Key Value Location (0x4200B8), Offset Items (0x4200D4) and
 * PKCS#12 Friendly Name (0x4200FB). The attribute versions this gives agree with the per-version
 * attribute tag lists of PyKMIP (kmip/core/enums.py) for all 51 attributes of §3.
 */
const VERSION_STARTS: Array<{ firstTag: number; version: string }> = [
  { firstTag: 0x4200fb, version: "1.4" },
  { firstTag: 0x4200d4, version: "1.3" },
  { firstTag: 0x4200b8, version: "1.2" },
  { firstTag: 0x4200a1, version: "1.1" },
  { firstTag: 0x420001, version: "1.0" },
];

function versionOfTag(tag: number): string {
  return VERSION_STARTS.find((start) => tag >= start.firstTag)?.version ?? "1.0";
}

/** Splits the body of §3, from the "3 Attributes" heading to the "4 Client-to-Server Operations" heading, into sections. */
function attributeSections(lines: SpecLine[]): SpecSection[] {
  const start = lastIndexOf(lines, /^3 Attributes/);
  const end = indexOfFrom(lines, /^4\s*$/, start);
  return splitSections(lines.slice(start + 1, end), /^(3\.\d+)(?:\s|$)/);
}

/** Finds the first row of the section's first "| Object | Encoding" table, and the table's end. */
function attributeRow(section: SpecSection): { cells: string[]; end: number } {
  const header = section.lines.findIndex((line) => {
    const cells = tableCells(line);
    return cells !== undefined && cells[0] === "Object" && cells[1] === "Encoding";
  });
  if (header < 0) {
    throw new Error(`§${section.number} ${section.title}: "Object | Encoding" table not found; adjust attributeRow for this section`);
  }
  const cells = tableCells(section.lines[header + 1]);
  if (!cells) {
    throw new Error(`§${section.number} ${section.title}: the attribute table has no rows after its header`);
  }
  let end = header + 1;
  while (end < section.lines.length && tableCells(section.lines[end])) {
    end++;
  }
  return { cells, end };
}

/** Finds the "Multiple instances permitted" cell of the section's rules table and its line index. */
function multiInstanceRow(section: SpecSection): { text: string; index: number } {
  const index = section.lines.findIndex((line) => tableCells(line)?.[0] === "Multiple instances permitted");
  if (index < 0) {
    throw new Error(`§${section.number} ${section.title}: "Multiple instances permitted" row not found`);
  }
  return { text: tableCells(section.lines[index])?.[1] ?? "", index };
}

/**
 * Reads the item type of an Encoding cell. "Enumeration, see 9.1.3.2.13" also names the
 * enumeration's section. Custom Attribute's "Any data type or structure" has no single type.
 */
function readEncoding(section: SpecSection, encoding: string): { type: string | null; enumSection?: string } {
  const enumeration = /^Enumeration, see (9\.1\.3\.2\.\d+)/.exec(encoding);
  if (enumeration) {
    return { type: "Enumeration", enumSection: enumeration[1] };
  }
  if (encoding in ENCODINGS) {
    return { type: ENCODINGS[encoding] };
  }
  if (encoding.startsWith("Any data type")) {
    return { type: null };
  }
  // §3.44 gives Random Number Generator the encoding "RNG Parameters (see 2.1.18)", and §2.1.18
  // defines RNG Parameters as a Structure.
  if (encoding.startsWith("RNG Parameters")) {
    return { type: "Structure" };
  }
  throw new Error(`§${section.number} ${section.title}: unknown encoding "${encoding}"; add it to readEncoding`);
}

/** Context that attribute extraction needs from the already extracted tables. */
export interface AttributeContext {
  tags: TagRecord[];
  enumerations: EnumerationRecord[];
  maskNames: string[];
}

/**
 * Extracts the attributes of §3. The attribute name is taken from the section heading, not from
 * the attribute table: the tables of §3.47 Comment and §3.49 Always Sensitive repeat the names
 * "Description" and "Sensitive" of the sections before them.
 */
export function extractAttributes(lines: SpecLine[], context: AttributeContext): AttributeRecord[] {
  return attributeSections(lines).map((section) => {
    const name = section.title;
    const row = attributeRow(section);
    const encoding = readEncoding(section, row.cells[1]);
    const multi = multiInstanceRow(section);
    const tag = context.tags.find((candidate) => candidate.name === name);
    if (!tag) {
      throw new Error(`§${section.number}: attribute "${name}" has no tag in Table 288`);
    }

    const record: AttributeRecord = {
      name,
      normalized: normalizeName(name),
      section: section.number,
      source: attributeSource(section, row.end, multi.index),
      type: encoding.type,
      multiInstance: multi.text.startsWith("Yes"),
      since: versionOfTag(Number(tag.value)),
    };
    addValueKind(record, encoding.enumSection, context);
    if (multi.text !== "Yes" && multi.text !== "No") {
      record.multiInstanceNote = multi.text;
    }
    return record;
  });
}

function addValueKind(record: AttributeRecord, enumSection: string | undefined, context: AttributeContext): void {
  if (enumSection !== undefined) {
    record.enumeration = enumerationBySection(context.enumerations, enumSection).normalized;
  }
  if (record.type === "Integer" && context.maskNames.includes(record.normalized)) {
    record.mask = record.normalized;
  }
}

function attributeSource(section: SpecSection, tableEnd: number, rulesIndex: number): string {
  const captions = [captionAfter(section.lines, tableEnd), captionAfter(section.lines, rulesIndex)];
  const cited = captions.filter((caption) => caption !== undefined).map((caption) => formatCaption(caption));
  return [`KMIP 1.4 §${section.number}`, ...cited].join(", ");
}

function enumerationBySection(enumerations: EnumerationRecord[], section: string): EnumerationRecord {
  const found = enumerations.find((enumeration) => enumeration.section === section);
  if (!found) {
    throw new Error(`No enumeration found in §${section}; add a fix to REFERENCE_FIXES if the reference is wrong`);
  }
  return found;
}

/**
 * Cross-references in structure tables that point to the wrong section or to nothing. Each fix
 * states the section the reference means.
 */
const REFERENCE_FIXES: Array<{ field: string; written: string; meant: string; why: string }> = [
  {
    field: "Key Wrap Type",
    written: "9.1.3.2.3",
    meant: "9.1.3.2.48",
    why: "the Get and Export request payloads cite the Key Format Type section 9.1.3.2.3 for Key Wrap Type",
  },
  {
    field: "Validation Type",
    written: "0",
    meant: "9.1.3.2.41",
    why: "the Validation Information structure cites the broken section number \"0\"",
  },
];

/** Reads the field name and enumeration section that a table row cites, in either of the spec's two layouts. */
function enumerationReference(cells: string[]): { field: string; section: string } | undefined {
  const inEncoding = /^Enumeration, see ([\d.]+?)\.?$/.exec(cells[1] ?? "");
  if (inEncoding) {
    return { field: cells[0], section: inEncoding[1] };
  }
  // Operation payload tables put the reference in the field cell: "| Derivation Method, see 9.1.3.2.21 | Yes | ...".
  const inField = /^(.+), see (9\.1\.3\.2\.\d+)$/.exec(cells[0]);
  return inField ? { field: inField[1], section: inField[2] } : undefined;
}

/** A body heading line: "3.6", "2.1.18", "9.1.3.2.16 Hashing Algorithm", "4 " (the list items "3. The" do not match). */
const HEADING = /^(\d+(?:\.\d+)+|\d+(?=\s*$|\s+[A-Z]))(?:\s|$)/;

/**
 * Collects, from every structure table of the specification, which tag carries which
 * enumeration. Most tags share their enumeration's name; the exceptions show up here, e.g. Mask
 * Generator Hashing Algorithm uses Hashing Algorithm (§3.6, Table 65). Each link cites the
 * section and table of the first row that states it.
 */
export function extractTagEnumerations(lines: SpecLine[], context: AttributeContext): TagEnumerationRecord[] {
  const found = new Map<string, TagEnumerationRecord>();
  let section = "";

  for (let index = lastIndexOf(lines, /^1 Introduction/); index < lines.length; index++) {
    section = HEADING.exec(lines[index].text)?.[1] ?? section;
    const cells = tableCells(lines[index]);
    const reference = cells ? enumerationReference(cells) : undefined;
    if (!reference || !context.tags.some((tag) => tag.name === reference.field)) {
      continue;
    }
    const fix = REFERENCE_FIXES.find((candidate) => candidate.field === reference.field && candidate.written === reference.section);
    const enumeration = enumerationBySection(context.enumerations, fix ? fix.meant : reference.section);
    const caption = captionAfter(lines, index);
    const where = [`KMIP 1.4 §${section}`, ...(caption ? [formatCaption(caption)] : [])].join(", ");
    const source = fix ? `${where} (${fix.why}; §${fix.meant} meant)` : where;
    recordLink(found, { tag: normalizeName(reference.field), enumeration: enumeration.normalized, source });
  }
  return [...found.values()];
}

/** Keeps the first citation of a link and rejects a tag that two tables tie to different enumerations. */
function recordLink(found: Map<string, TagEnumerationRecord>, link: TagEnumerationRecord): void {
  const earlier = found.get(link.tag);
  if (earlier && earlier.enumeration !== link.enumeration) {
    throw new Error(`${link.tag} refers to ${earlier.enumeration} (${earlier.source}) and to ${link.enumeration} (${link.source})`);
  }
  if (!earlier) {
    found.set(link.tag, link);
  }
}
