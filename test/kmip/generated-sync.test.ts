import { expect } from "chai";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { DictionaryData } from "../../src/kmip";
import { extract } from "../../tools/extract-dictionary";
import { generate } from "../../tools/generate-dictionary";

// Compiled tests run from dist/test/kmip, three levels below the repository root.
const REPOSITORY_ROOT = resolve(__dirname, "../../..");
const DATA_FILE = resolve(REPOSITORY_ROOT, "src/kmip/kmip-1.4.json");
const GENERATED_FILE = resolve(REPOSITORY_ROOT, "src/kmip/generated.ts");
const SPEC_TEXT = resolve(REPOSITORY_ROOT, "../shared/spec/kmip-spec-v1.4-os.txt");

describe("kmip dictionary files", () => {
  it("generated.ts matches the data file", () => {
    const data = JSON.parse(readFileSync(DATA_FILE, "utf8")) as DictionaryData;
    expect(readFileSync(GENERATED_FILE, "utf8")).to.equal(generate(data), "rerun: npx tsx tools/generate-dictionary.ts");
  });

  it("data file matches the spec text", function () {
    // The data file is committed; the spec text beside the repository is only needed to rebuild it.
    if (!existsSync(SPEC_TEXT)) {
      this.skip();
    }
    const extracted = extract(readFileSync(SPEC_TEXT, "utf8"));
    expect(JSON.parse(readFileSync(DATA_FILE, "utf8"))).to.deep.equal(extracted, "rerun: npx tsx tools/extract-dictionary.ts");
  });
});
