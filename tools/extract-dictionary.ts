/**
 * Extracts the KMIP 1.4 dictionary from the plain-text specification into src/kmip/kmip-1.4.json.
 * It reads the tags of Table 288 (§9.1.3.1), the enumerations of §9.1.3.2 (Tables 289-324 and the
 * uncaptioned tables of §9.1.3.2.37-49) and the bit masks of §9.1.3.3 (Tables 325-326). It also
 * reads the attributes of §3 and which tag carries which enumeration in the structure tables.
 *
 * Usage: npx tsx tools/extract-dictionary.ts [SPEC_TEXT] [OUTPUT_JSON]
 * Defaults: ../shared/spec/kmip-spec-v1.4-os.txt and src/kmip/kmip-1.4.json, relative to the
 * repository root. Then run tools/generate-dictionary.ts to rebuild src/kmip/generated.ts.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { DictionaryData, EnumerationRecord, TagEnumerationRecord, TagMaskRecord } from "../src/kmip/data-types";
import { extractAttributes, extractTagEnumerations } from "./extract-attributes";
import { extractEnumerations, extractMasks, extractTags } from "./extract-values";
import { splitLines } from "./spec-text";

const REPOSITORY_ROOT = path.resolve(__dirname, "..");
const DEFAULT_SPEC = path.resolve(REPOSITORY_ROOT, "../shared/spec/kmip-spec-v1.4-os.txt");
const DEFAULT_OUTPUT = path.resolve(REPOSITORY_ROOT, "src/kmip/kmip-1.4.json");

/**
 * Checks that some tag carries each enumeration. An enumeration that no structure table cites
 * would never be used to read a value, which means a reference was missed.
 */
function checkEveryEnumerationLinked(links: TagEnumerationRecord[], enumerations: EnumerationRecord[]): TagEnumerationRecord[] {
  const linked = new Set(links.map((link) => link.enumeration));
  const missing = enumerations.filter((enumeration) => !linked.has(enumeration.normalized)).map((enumeration) => enumeration.name);
  if (missing.length > 0) {
    throw new Error(`No structure table gives a tag these enumerations: ${missing.join(", ")}`);
  }
  return [...links].sort((a, b) => a.tag.localeCompare(b.tag));
}

/**
 * Links the two mask tags. Cryptographic Usage Mask is an Integer attribute (§3.19, Table 97);
 * Storage Status Mask is an Integer field of the Locate request (§4.9), "used as a bit mask".
 */
function tagMasks(): TagMaskRecord[] {
  return [
    { tag: "CryptographicUsageMask", mask: "CryptographicUsageMask", source: "KMIP 1.4 §3.19, Table 97 and §9.1.3.3.1" },
    { tag: "StorageStatusMask", mask: "StorageStatusMask", source: "KMIP 1.4 §4.9 and §9.1.3.3.2" },
  ];
}

/** Extracts the whole dictionary from the specification text. */
export function extract(specText: string): DictionaryData {
  const lines = splitLines(specText);
  const { tags, source: tagsSource } = extractTags(lines);
  const enumerations = extractEnumerations(lines);
  const masks = extractMasks(lines);
  const context = { tags, enumerations, maskNames: masks.map((mask) => mask.normalized) };

  return {
    specification: "Key Management Interoperability Protocol Specification Version 1.4, OASIS Standard, 22 November 2017 (kmip-spec-v1.4-os)",
    tagsSource,
    tags,
    enumerations,
    masks,
    attributes: extractAttributes(lines, context),
    tagEnumerations: checkEveryEnumerationLinked(extractTagEnumerations(lines, context), enumerations),
    tagMasks: tagMasks(),
  };
}

function main(): void {
  const specPath = process.argv[2] ?? DEFAULT_SPEC;
  const outputPath = process.argv[3] ?? DEFAULT_OUTPUT;
  const data = extract(readFileSync(specPath, "utf8"));

  writeFileSync(outputPath, `${JSON.stringify(data, null, 2)}\n`);
  const counts = `${data.tags.length} tags, ${data.enumerations.length} enumerations, ${data.masks.length} masks, ${data.attributes.length} attributes, ${data.tagEnumerations.length} enumeration tags`;
  process.stdout.write(`Wrote ${outputPath}: ${counts}\n`);
}

if (require.main === module) {
  main();
}
