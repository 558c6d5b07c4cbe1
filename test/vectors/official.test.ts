import { expect } from "chai";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { decode, encode } from "../../src/ttlv";
import { ItemType } from "../../src/ttlv/types";
import { findPlaceholders, findVectorFiles, parseTtlvJson, parseVectorXml, replacePlaceholders, templateToJson, templateToXml, toTtlv } from "../../src/vectors";
import type { PlaceholderNode, TemplateNode } from "../../src/vectors";
import { parseXmlTree, type XmlElement } from "../../src/vectors/xml-tree";
import { requireOfficialVectorDir } from "./official-dir";
import { compareXmlElements } from "./xml-compare";

const OFFICIAL_FILE_COUNT = 75;

interface Message {
  label: string;
  source: XmlElement;
  template: TemplateNode;
}

/** Returns a fixed value of the placeholder's type, so that a message with placeholders can still be encoded. */
function dummyFor(node: PlaceholderNode): TemplateNode {
  switch (node.type) {
    case ItemType.Integer:
    case ItemType.Enumeration:
    case ItemType.Interval:
      return { tag: node.tag, type: node.type, value: 7 };
    case ItemType.LongInteger:
    case ItemType.BigInteger:
      return { tag: node.tag, type: node.type, value: -7n };
    case ItemType.DateTime:
      return { tag: node.tag, type: node.type, value: 1700000000n };
    case ItemType.Boolean:
      return { tag: node.tag, type: node.type, value: true };
    case ItemType.TextString:
      return { tag: node.tag, type: node.type, value: `dummy for ${node.value.placeholder}` };
    case ItemType.ByteString:
      return { tag: node.tag, type: node.type, value: Buffer.from("c0ffee", "hex") };
  }
}

describe("official OASIS KMIP 1.4 vectors", function () {
  let files: string[] = [];
  const messages: Message[] = [];

  before(async function () {
    const dir = requireOfficialVectorDir(this);
    files = [...(await findVectorFiles(join(dir, "mandatory"))), ...(await findVectorFiles(join(dir, "optional")))];

    for (const file of files) {
      const xml = await readFile(file, "utf8");
      const vector = parseVectorXml(xml, file);
      const sources = parseXmlTree(xml, file).children;
      vector.steps.forEach((step, i) => {
        messages.push({ label: `${vector.name} step ${i} request`, source: sources[2 * i], template: step.request });
        messages.push({ label: `${vector.name} step ${i} response`, source: sources[2 * i + 1], template: step.expected });
      });
    }
  });

  it("finds all 75 files", function () {
    expect(files).to.have.length(OFFICIAL_FILE_COUNT);
  });

  it("parses every file into steps", async function () {
    for (const file of files) {
      const vector = parseVectorXml(await readFile(file, "utf8"), file);
      expect(vector.steps.length, file).to.be.greaterThan(0);
      expect(vector.steps.every((step, i) => step.index === i && step.line > 0), file).to.equal(true);
    }
  });

  it("writes every message back to the same XML", function () {
    expect(messages.length).to.be.greaterThan(OFFICIAL_FILE_COUNT);
    for (const message of messages) {
      const written = parseXmlTree(templateToXml(message.template), message.label);
      expect(compareXmlElements(message.source, written), message.label).to.deep.equal([]);
    }
  });

  it("round-trips every message through TTLV bytes", function () {
    for (const message of messages) {
      const concrete = replacePlaceholders(message.template, dummyFor);
      const bytes = encode(toTtlv(concrete));
      const decoded = decode(bytes);

      expect(encode(decoded).equals(bytes), `${message.label}: re-encoded bytes`).to.equal(true);
      expect(templateToXml(decoded), `${message.label}: XML of the decoded bytes`).to.equal(templateToXml(concrete));

      const written = parseXmlTree(templateToXml(decoded), message.label);
      expect(compareXmlElements(message.source, written, { placeholdersMatchAnything: true }), message.label).to.deep.equal([]);
    }
  });

  it("round-trips every message through JSON", function () {
    for (const message of messages) {
      const json = JSON.stringify(templateToJson(message.template));
      expect(parseTtlvJson(json, message.label), message.label).to.deep.equal([message.template]);
    }
  });

  it("finds the placeholders the files use", function () {
    const names = new Set(messages.flatMap((message) => findPlaceholders(message.template).map((found) => found.node.value.placeholder)));
    expect(names).to.include("$NOW");
    expect(names).to.include("$UNIQUE_IDENTIFIER_0");
    expect([...names].some((name) => name.startsWith("$NOW-"))).to.equal(true);
  });
});
