import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, runCli } from "./spawn";

const PACKAGE_VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;

describe("kmipcheck --version", function () {
  this.timeout(30_000);

  for (const flag of ["--version", "-V"]) {
    it(`prints the package version for ${flag}`, async () => {
      const result = await runCli([flag]);

      expect(result.code, result.stderr).to.equal(0);
      expect(result.stdout).to.equal(`kmipcheck ${PACKAGE_VERSION}\n`);
      expect(result.stderr).to.equal("");
    });
  }

  it("lists --version in the help", async () => {
    const result = await runCli(["--help"]);

    expect(result.stdout).to.contain("--version");
  });
});
