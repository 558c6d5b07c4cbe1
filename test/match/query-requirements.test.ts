/** The query-result-set rule with the profile's required operations and object types. */
import { expect } from "chai";
import { matchMessage, type MatchResult, type StepPosition } from "../../src/match";
import { actual, call, freshState, isoAt, request, response, success, template } from "./helpers";

const operations = (...names: string[]) => names.map((name) => `<Operation type="Enumeration" value="${name}"/>`).join("");
const objectTypes = (...names: string[]) => names.map((name) => `<ObjectType type="Enumeration" value="${name}"/>`).join("");

function query(profile: string, expectedPayload: string, actualPayload: string): MatchResult {
  const position: StepPosition = { vector: "TEST-M-1-14", profile, step: 0 };
  const state = freshState({ position, request: request(call("Query", `<QueryFunction type="Enumeration" value="QueryOperations"/>`)) });
  return matchMessage(template(response(success("Query", expectedPayload))), actual(response(success("Query", actualPayload), isoAt(0))), state);
}

function notesOf(result: MatchResult): string[] {
  return result.rulesApplied.filter((application) => application.rule === "query-result-set").map((application) => application.note);
}

describe("query-result-set with profile requirements", () => {
  it("tolerates an operation beyond the profile", () => {
    const result = query("suite-b-minlos-128", operations("Query", "Locate", "Notify", "Put"), operations("Locate", "Query"));

    expect(result.diffs).to.deep.equal([]);
    const notes = notesOf(result);
    expect(notes.some((note) => note.includes("Operation Notify tolerated as beyond the requirement"))).to.equal(true);
    expect(notes.some((note) => note.includes("Operation Put tolerated as beyond the requirement"))).to.equal(true);
  });

  it("fails a missing Baseline operation", () => {
    const result = query("message-encoding", operations("Query", "Locate", "Get"), operations("Query", "Locate"));

    expect(result.diffs).to.have.length(1);
    expect(result.diffs[0]).to.include({ rule: "query-result-set", kind: "missing", expected: "Get" });
    expect(result.diffs[0].message).to.contain("message-encoding profile requires");
  });

  it("fails a missing required object type", () => {
    const result = query("suite-b-minlos-192", objectTypes("SymmetricKey", "PrivateKey", "PGPKey"), objectTypes("SymmetricKey"));

    expect(result.diffs).to.have.length(1);
    expect(result.diffs[0]).to.include({ kind: "missing", expected: "PrivateKey" });
    expect(notesOf(result).some((note) => note.includes("ObjectType PGPKey tolerated"))).to.equal(true);
  });

  it("requires every value for an unlisted profile", () => {
    const result = query("tape-library", operations("Query", "Notify"), operations("Query"));

    expect(result.diffs).to.have.length(1);
    expect(result.diffs[0]).to.include({ kind: "missing" });
    expect(result.diffs[0].expected).to.contain("Notify");
  });

  it("requires every value without a position", () => {
    const state = freshState({ request: request(call("Query", `<QueryFunction type="Enumeration" value="QueryOperations"/>`)) });
    const result = matchMessage(template(response(success("Query", operations("Query", "Put")))), actual(response(success("Query", operations("Query")), isoAt(0))), state);

    expect(result.diffs).to.have.length(1);
    expect(result.diffs[0].expected).to.contain("Put");
  });
});
