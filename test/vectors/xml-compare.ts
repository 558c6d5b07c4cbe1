/**
 * Semantic comparison of two XML renderings of a TTLV message: same elements in the same order,
 * same types and equal values after normalizing spellings the encoding treats as equal (hex case,
 * the order of mask names, Z for +00:00). Whitespace between elements does not matter.
 */
import type { XmlElement } from "../../src/vectors/xml-tree";

export interface CompareOptions {
  /** When set, a value starting with `$` on the expected side matches any value of the same type. */
  placeholdersMatchAnything?: boolean;
}

/** Returns one line per difference, each addressed by element path; empty when the trees agree. */
export function compareXmlElements(expected: XmlElement, actual: XmlElement, options: CompareOptions = {}): string[] {
  const differences: string[] = [];
  compareElement(expected, actual, expected.name, options, differences);
  return differences;
}

function compareElement(expected: XmlElement, actual: XmlElement, path: string, options: CompareOptions, differences: string[]): void {
  if (elementKey(expected) !== elementKey(actual)) {
    differences.push(`${path}: element ${elementKey(expected)} became ${elementKey(actual)}`);
    return;
  }

  const type = expected.attributes.type ?? "Structure";
  const actualType = actual.attributes.type ?? "Structure";
  if (type !== actualType) {
    differences.push(`${path}: type ${type} became ${actualType}`);
    return;
  }

  compareValue(type, expected.attributes.value, actual.attributes.value, path, options, differences);
  if (expected.children.length !== actual.children.length) {
    differences.push(`${path}: ${expected.children.length} children became ${actual.children.length}`);
    return;
  }
  expected.children.forEach((child, i) => compareElement(child, actual.children[i], `${path}/${child.name}[${i + 1}]`, options, differences));
}

function compareValue(type: string, expected: string | undefined, actual: string | undefined, path: string, options: CompareOptions, differences: string[]): void {
  if (expected === undefined || actual === undefined) {
    if (expected !== actual) {
      differences.push(`${path}: value ${String(expected)} became ${String(actual)}`);
    }
    return;
  }

  if (options.placeholdersMatchAnything === true && expected.startsWith("$")) {
    return;
  }
  if (normalizeValue(type, expected) !== normalizeValue(type, actual)) {
    differences.push(`${path}: value ${JSON.stringify(expected)} became ${JSON.stringify(actual)}`);
  }
}

function normalizeValue(type: string, value: string): string {
  switch (type) {
    case "ByteString":
    case "BigInteger":
    case "Enumeration":
      return /^(0x)?[0-9a-fA-F]*$/.test(value) ? value.toLowerCase() : value;
    case "Integer":
      return /^-?\d+$/.test(value) ? value : value.trim().split(/\s+/).map((token) => token.toLowerCase()).sort().join(" ");
    case "DateTime":
      return value.replace(/Z$/, "+00:00");
    default:
      return value;
  }
}

function elementKey(element: XmlElement): string {
  if (element.name === "TTLV") {
    return `TTLV tag=${(element.attributes.tag ?? "").toLowerCase()}`;
  }
  return element.name;
}
