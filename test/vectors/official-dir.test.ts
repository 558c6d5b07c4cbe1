import { expect } from "chai";
import { requireOfficialVectorDir } from "./official-dir";

describe("official vector folder check", function () {
  const savedCi = process.env.CI;
  let skipped = 0;
  const context = {
    skip(): never {
      skipped += 1;
      throw new Error("skipped");
    },
  };

  beforeEach(function () {
    skipped = 0;
  });

  afterEach(function () {
    if (savedCi === undefined) {
      delete process.env.CI;
    } else {
      process.env.CI = savedCi;
    }
  });

  it("fails under CI when missing", function () {
    process.env.CI = "true";
    expect(() => requireOfficialVectorDir(context, () => undefined)).to.throw(/official KMIP 1.4 vectors are missing/);
    expect(skipped).to.equal(0);
  });

  it("skips outside CI when missing", function () {
    delete process.env.CI;
    expect(() => requireOfficialVectorDir(context, () => undefined)).to.throw("skipped");
    expect(skipped).to.equal(1);
  });

  it("returns the folder when present", function () {
    process.env.CI = "true";
    expect(requireOfficialVectorDir(context, () => "/some/dir")).to.equal("/some/dir");
  });
});
