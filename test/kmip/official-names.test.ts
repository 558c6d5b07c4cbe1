import { expect } from "chai";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { type NameCheck, checkNames, parseXml } from "./vector-names";

/** The official OASIS KMIP 1.4 test cases live beside the repository and are never copied into it. */
const RELATIVE_DIR = "../shared/oasis-kmip-1.4";
const OFFICIAL_FILE_COUNT = 75;

function findVectorDir(): string | undefined {
  // Compiled tests run from dist/test/kmip, three levels below the repository root.
  const candidates = [resolve(__dirname, "../../..", RELATIVE_DIR), resolve(process.cwd(), RELATIVE_DIR)];
  return candidates.find((candidate) => existsSync(join(candidate, "mandatory")));
}

function listXmlFiles(dir: string): string[] {
  return ["mandatory", "optional"].flatMap((sub) =>
    readdirSync(join(dir, sub))
      .filter((name) => name.endsWith(".xml"))
      .map((name) => join(sub, name)),
  );
}

describe("kmip dictionary against the official 1.4 vectors", function () {
  let dir: string;
  let files: string[];

  before(function () {
    const found = findVectorDir();
    if (found === undefined) {
      if (process.env.CI === "true") {
        throw new Error(`The official KMIP 1.4 vectors are missing: expected ${RELATIVE_DIR} (with mandatory/ and optional/) beside the repository root`);
      }
      this.skip();
    }
    dir = found;
    files = listXmlFiles(dir);
  });

  it("finds all 75 test-case files", () => {
    expect(files).to.have.length(OFFICIAL_FILE_COUNT);
  });

  it("resolves every element name, enumeration value and attribute name used", () => {
    const total: NameCheck = { tags: 0, enumerationValues: 0, maskComponents: 0, attributeNames: 0, problems: [] };

    for (const file of files) {
      const check = checkNames(parseXml(readFileSync(join(dir, file), "utf8")), file);
      total.tags += check.tags;
      total.enumerationValues += check.enumerationValues;
      total.maskComponents += check.maskComponents;
      total.attributeNames += check.attributeNames;
      total.problems.push(...check.problems);
    }

    expect(total.problems).to.deep.equal([]);
    // Counts measured on the 75 files; they guard against a walk that checks nothing.
    expect(total.tags).to.be.greaterThan(10000);
    expect(total.enumerationValues).to.be.greaterThan(1000);
    expect(total.maskComponents).to.be.greaterThan(100);
    expect(total.attributeNames).to.be.greaterThan(500);
  });
});
