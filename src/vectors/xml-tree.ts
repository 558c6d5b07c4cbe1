/**
 * Reads XML text into a small element tree with line numbers, using the saxes parser in strict mode.
 * Comments, the XML declaration and processing instructions are skipped. Text other than whitespace
 * between elements is an error because the vector forms carry every value in a `value` attribute.
 */
import { SaxesParser } from "saxes";
import { DEFAULT_MAX_DEPTH } from "../ttlv/decode";
import { VectorError } from "./errors";

/**
 * Deepest element nesting read: the `<KMIP>` root, structures as deep as the codec decodes, and
 * their leaves. The readers recurse per level, so without a limit a deep document overflows the stack.
 */
export const MAX_XML_DEPTH = DEFAULT_MAX_DEPTH + 2;

/** One XML element as the vector readers see it. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** One-based line of the start tag. */
  line: number;
  /** Element names from the root, with a one-based `[n]` where a name repeats among siblings. */
  path: string;
}

/** Parses `xml` and returns its root element. `file` only labels error messages. */
export function parseXmlTree(xml: string, file: string): XmlElement {
  const parser = new SaxesParser<{ xmlns: false; position: true; fileName: string }>({ xmlns: false, position: true, fileName: file });
  const open: XmlElement[] = [];
  let root: XmlElement | undefined;
  let tagLine = 1;

  parser.on("opentagstart", () => {
    tagLine = parser.line;
  });
  parser.on("opentag", (tag) => {
    if (open.length + 1 > MAX_XML_DEPTH) {
      throw new VectorError("VECTOR_TOO_DEEP", `elements nest more than ${MAX_XML_DEPTH} deep`, { file, line: parser.line, path: pathOfOpen(open), expected: `at most ${MAX_XML_DEPTH} levels` });
    }

    const element: XmlElement = { name: tag.name, attributes: { ...(tag.attributes as Record<string, string>) }, children: [], line: tagLine, path: "" };
    const parent = open[open.length - 1];
    if (parent === undefined) {
      root = element;
    } else {
      parent.children.push(element);
    }
    open.push(element);
  });
  parser.on("closetag", () => {
    open.pop();
  });
  parser.on("text", (text) => rejectText(text, parser.line, file, open));
  parser.on("cdata", (text) => rejectText(text === "" ? " " : text, parser.line, file, open));
  parser.on("doctype", () => {
    throw new VectorError("VECTOR_XML_MALFORMED", "a DOCTYPE declaration is not allowed in a vector", { file, line: parser.line });
  });

  runParser(parser, xml, file);
  if (root === undefined) {
    throw new VectorError("VECTOR_XML_MALFORMED", "the document has no root element", { file, line: parser.line });
  }
  assignPaths(root, root.name);
  return root;
}

function runParser(parser: SaxesParser<{ xmlns: false; position: true; fileName: string }>, xml: string, file: string): void {
  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof VectorError) {
      throw error;
    }
    const detail = error instanceof Error ? error.message : String(error);
    throw new VectorError("VECTOR_XML_MALFORMED", `malformed XML (${detail})`, {
      file,
      line: parser.line,
      expected: "well-formed XML",
      cause: error,
    });
  }
}

function rejectText(text: string, line: number, file: string, open: XmlElement[]): void {
  if (text.trim() === "") {
    return;
  }

  const parent = open[open.length - 1];
  throw new VectorError("VECTOR_XML_MALFORMED", "text content is not allowed in a vector", {
    file,
    line,
    path: parent === undefined ? undefined : pathOfOpen(open),
    value: text.trim(),
    expected: "values in a value=\"...\" attribute and only elements or comments between tags",
  });
}

/** Path of the innermost open element, before the post-pass numbers repeated names. */
function pathOfOpen(open: XmlElement[]): string {
  return open.map((element) => element.name).join("/");
}

function assignPaths(element: XmlElement, path: string): void {
  element.path = path;

  const totals = new Map<string, number>();
  for (const child of element.children) {
    totals.set(child.name, (totals.get(child.name) ?? 0) + 1);
  }

  const seen = new Map<string, number>();
  for (const child of element.children) {
    const position = (seen.get(child.name) ?? 0) + 1;
    seen.set(child.name, position);
    const label = (totals.get(child.name) ?? 0) > 1 ? `${child.name}[${position}]` : child.name;
    assignPaths(child, `${path}/${label}`);
  }
}
