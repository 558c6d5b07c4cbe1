/** The vector-erratum rule and the errata file it reads. */
import { expect } from "chai";
import { matchMessage, type MatchResult } from "../../src/match";
import { checkErrata } from "../../src/vectors/errata";
import { findErratum, vectorErrata, VectorError } from "../../src/vectors";
import { actual, call, freshState, isoAt, request, success, template } from "./helpers";

const PATH = "ResponseMessage/ResponseHeader/ProtocolVersion/ProtocolVersionMinor";

function destroyResponse(minor: number, timeStamp = "$NOW"): string {
  return `<ResponseMessage>
  <ResponseHeader>
    <ProtocolVersion>
      <ProtocolVersionMajor type="Integer" value="1"/>
      <ProtocolVersionMinor type="Integer" value="${minor}"/>
    </ProtocolVersion>
    <TimeStamp type="DateTime" value="${timeStamp}"/>
    <BatchCount type="Integer" value="1"/>
  </ResponseHeader>
  <BatchItem>${success("Destroy", `<UniqueIdentifier type="TextString" value="1"/>`)}</BatchItem>
</ResponseMessage>`;
}

function judge(vector: string, step: number, recordedMinor: number, actualMinor: number): MatchResult {
  const state = freshState({ position: { vector, profile: "opaque-managed-object-store", step }, request: request(call("Destroy", `<UniqueIdentifier type="TextString" value="1"/>`)) });
  return matchMessage(template(destroyResponse(recordedMinor)), actual(destroyResponse(actualMinor, isoAt(0))), state);
}

describe("rule vector-erratum", () => {
  it("compares with the corrected value", () => {
    const result = judge("OMOS-O-1-14", 1, 3, 4);

    expect(result.diffs).to.deep.equal([]);
    const application = result.rulesApplied.find((entry) => entry.rule === "vector-erratum");
    expect(application?.path).to.equal(PATH);
    expect(application?.note).to.contain("§6.1");
  });

  it("fails a value that is neither", () => {
    const result = judge("OMOS-O-1-14", 1, 3, 2);

    expect(result.diffs).to.have.length(1);
    expect(result.diffs[0]).to.include({ rule: "vector-erratum", path: PATH, expected: "4", actual: "2" });
  });

  it("fails the recorded defect itself", () => {
    const result = judge("OMOS-O-1-14", 1, 3, 3);

    expect(result.diffs).to.have.length(1);
    expect(result.diffs[0]).to.include({ rule: "vector-erratum", expected: "4", actual: "3" });
  });

  it("ignores another step or vector", () => {
    expect(judge("OMOS-O-1-14", 0, 3, 4).diffs[0]).to.include({ path: PATH, expected: "3", actual: "4" });
    expect(judge("OMOS-M-1-14", 1, 3, 4).diffs[0]).to.include({ path: PATH, expected: "3", actual: "4" });
  });

  it("ignores a file that holds another value", () => {
    const result = judge("OMOS-O-1-14", 1, 4, 4);

    expect(result.diffs).to.deep.equal([]);
    expect(result.rulesApplied.map((entry) => entry.rule)).to.not.include("vector-erratum");
  });
});

describe("errata file", () => {
  it("gives each entry a reason and spec rule", () => {
    expect(vectorErrata().length).to.be.greaterThan(0);
    for (const erratum of vectorErrata()) {
      expect(erratum.reason, erratum.vector).to.have.length.greaterThan(20);
      expect(erratum.specRule, erratum.vector).to.match(/§\d/);
      expect(findErratum(erratum.vector, erratum.step, erratum.path)).to.equal(erratum);
    }
  });

  it("rejects an entry without a spec rule", () => {
    const entry = { vector: "X-M-1-14", step: 0, path: "ResponseMessage", recorded: "1", corrected: "2", reason: "a reason" };

    expect(() => checkErrata([entry])).to.throw(VectorError, /specRule/);
  });
});
