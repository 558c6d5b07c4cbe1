/** --bundled-option: the RNG Seed policy of the bundled target. */
import { expect } from "chai";
import { parseBundledOptions } from "../../src/cli/bundled-options";
import type { TargetPlan } from "../../src/cli/target";
import { UsageError } from "../../src/cli/usage";

const BUNDLED: TargetPlan = { kind: "bundled", faults: [], timeouts: {}, protocolVersion: { major: 1, minor: 4 } };
const REMOTE: TargetPlan = { kind: "remote", name: "device", connection: { host: "127.0.0.1", port: 5696, cert: "", key: "" }, protocolVersion: { major: 1, minor: 4 } };

describe("--bundled-option", () => {
  it("parses rngSeedLimit values", () => {
    expect(parseBundledOptions(["rngSeedLimit=reject"], BUNDLED)).to.deep.equal({ rngSeedLimit: "reject" });
    expect(parseBundledOptions(["rngSeedLimit=16"], BUNDLED)).to.deep.equal({ rngSeedLimit: 16 });
    expect(parseBundledOptions([], BUNDLED)).to.deep.equal({});
  });

  it("rejects unknown names and values", () => {
    for (const entry of ["rngSeedLimit=-1", "rngSeedLimit=ignore", "rngSeedLimit", "leaseTime=5"]) {
      expect(() => parseBundledOptions([entry], BUNDLED), entry).to.throw(UsageError, /invalid --bundled-option/);
    }
  });

  it("rejects a remote target", () => {
    expect(() => parseBundledOptions(["rngSeedLimit=reject"], REMOTE)).to.throw(UsageError, /only to the bundled target/);
  });
});
