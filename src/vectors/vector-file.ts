/**
 * Reads OASIS KMIP test-case files: a `<KMIP>` root holding RequestMessage and ResponseMessage
 * elements in turn, each request followed by the response expected for it.
 */
import type { Dirent } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { VectorError } from "./errors";
import type { Step, TemplateNode, VectorFile } from "./types";
import { KMIP_XML_NAMESPACE, readTtlvElement } from "./xml-read";
import { parseXmlTree, type XmlElement } from "./xml-tree";

const ROOT = "KMIP";
const REQUEST = "RequestMessage";
const RESPONSE = "ResponseMessage";

/** Parses a vector file's XML text. `path` names the file in errors and in the result. */
export function parseVectorXml(xml: string, path: string): VectorFile {
  const root = parseXmlTree(xml, path);
  checkRoot(root, path);

  const steps: Step[] = [];
  for (let index = 0; index < root.children.length; index += 2) {
    const request = root.children[index];
    const response = root.children[index + 1];
    checkPair(request, response, root, path);
    steps.push({
      index: steps.length,
      request: readTtlvElement(request, path),
      expected: readTtlvElement(response, path),
      line: request.line,
    });
  }

  if (steps.length === 0) {
    throw new VectorError("VECTOR_MESSAGE_ORDER", `<${ROOT}> contains no messages`, { file: path, line: root.line, path: ROOT, expected: `<${REQUEST}> and <${RESPONSE}> pairs` });
  }
  return { path, name: basename(path, extname(path)), steps };
}

/**
 * Parses XML that contains TTLV elements: either one element such as `<RequestMessage>` or a `<KMIP>`
 * root around several. `file` only labels errors.
 */
export function parseTtlvXml(xml: string, file = "<string>"): TemplateNode[] {
  const root = parseXmlTree(xml, file);
  if (root.name !== ROOT) {
    return [readTtlvElement(root, file)];
  }

  checkRootAttributes(root, file);
  return root.children.map((child) => readTtlvElement(child, file, root.children));
}

/** Reads and parses one vector file. */
export async function loadVectorFile(path: string): Promise<VectorFile> {
  let xml: string;
  try {
    xml = await readFile(path, "utf8");
  } catch (error) {
    throw new VectorError("VECTOR_FILE_UNREADABLE", `cannot read the vector file (${describe(error)})`, { file: path, expected: "a readable XML file", cause: error });
  }
  return parseVectorXml(xml, path);
}

/** Lists the `*.xml` files directly inside `dir`, as full paths in sorted order. Folders named `*.xml` are left out. */
export async function findVectorFiles(dir: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new VectorError("VECTOR_FILE_UNREADABLE", `cannot list the vector directory (${describe(error)})`, { file: dir, expected: "a readable directory of .xml files", cause: error });
  }

  const names = entries.filter((entry) => !entry.isDirectory()).map((entry) => entry.name);
  return names.filter((name) => name.toLowerCase().endsWith(".xml")).sort().map((name) => join(dir, name));
}

function checkRoot(root: XmlElement, path: string): void {
  if (root.name !== ROOT) {
    throw new VectorError("VECTOR_BAD_ROOT", `the root element is <${root.name}>`, { file: path, line: root.line, value: root.name, expected: `<${ROOT}>` });
  }
  checkRootAttributes(root, path);
}

function checkRootAttributes(root: XmlElement, path: string): void {
  for (const [name, value] of Object.entries(root.attributes)) {
    if (name !== "xmlns" || value !== KMIP_XML_NAMESPACE) {
      throw new VectorError("VECTOR_BAD_ATTRIBUTE", `unexpected attribute on <${ROOT}>`, { file: path, line: root.line, path: ROOT, value: `${name}="${value}"`, expected: `no attributes, or xmlns="${KMIP_XML_NAMESPACE}"` });
    }
  }
}

function checkPair(request: XmlElement, response: XmlElement | undefined, root: XmlElement, path: string): void {
  if (request.name !== REQUEST) {
    throw new VectorError("VECTOR_MESSAGE_ORDER", `<${request.name}> where a request was due`, {
      file: path,
      line: request.line,
      path: request.path,
      value: request.name,
      expected: `<${REQUEST}>, because messages alternate and each step starts with a request`,
    });
  }

  if (response === undefined) {
    throw new VectorError("VECTOR_MESSAGE_ORDER", `the <${REQUEST}> has no <${RESPONSE}> after it`, {
      file: path,
      line: request.line,
      path: request.path,
      expected: `a <${RESPONSE}> before </${root.name}>`,
    });
  }

  if (response.name !== RESPONSE) {
    throw new VectorError("VECTOR_MESSAGE_ORDER", `<${response.name}> where the response to the request on line ${request.line} was due`, {
      file: path,
      line: response.line,
      path: response.path,
      value: response.name,
      expected: `<${RESPONSE}>`,
    });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
