/**
 * Readers of the report files for the tests: junit.xml parsed with saxes into a plain tree, and
 * the vector sections of report.html (or of the DOM that Chromium dumps).
 */
import { SaxesParser } from "saxes";

export interface XmlTreeElement {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: XmlTreeElement[];
}

/** Parses XML with saxes into a plain tree. saxes raises on any well-formedness error. */
export function parseXml(xml: string): XmlTreeElement {
  const parser = new SaxesParser();
  const stack: XmlTreeElement[] = [{ name: "#document", attributes: {}, text: "", children: [] }];

  parser.on("opentag", (tag) => {
    const element = { name: tag.name, attributes: tag.attributes as Record<string, string>, text: "", children: [] };
    stack[stack.length - 1].children.push(element);
    stack.push(element);
  });
  parser.on("text", (text) => {
    stack[stack.length - 1].text += text;
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  parser.on("error", (error) => {
    throw error;
  });

  parser.write(xml).close();
  return stack[0].children[0];
}

/** Splits the markup into the vector sections by element id. Each value is the verdict, a space, then the content. */
export function vectorSections(markup: string): Map<string, string> {
  const sections = new Map<string, string>();

  for (const match of markup.matchAll(/<section class="vector" id="(v\d+)" data-verdict="(\w+)"[^>]*>([\s\S]*?)<\/section>/g)) {
    sections.set(match[1], `${match[2]} ${match[3]}`);
  }
  return sections;
}
