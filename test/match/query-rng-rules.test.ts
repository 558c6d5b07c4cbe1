import { expect } from "chai";
import { matchMessage } from "../../src/match";
import { actual, bytesXml, call, freshState, isoAt, request, response, rulesOf, success, template } from "./helpers";

const operations = (...names: string[]) => names.map((name) => `<Operation type="Enumeration" value="${name}"/>`).join("");
const objectTypes = (...names: string[]) => names.map((name) => `<ObjectType type="Enumeration" value="${name}"/>`).join("");

function query(expectedPayload: string, actualPayload: string) {
  const state = freshState({ request: request(call("Query", `<QueryFunction type="Enumeration" value="QueryOperations"/>`)) });
  return matchMessage(template(response(success("Query", expectedPayload))), actual(response(success("Query", actualPayload), isoAt(0))), state);
}

describe("rule query-result-set", () => {
  it("accepts any order and extra values", () => {
    const result = query(operations("Query", "Locate") + objectTypes("SymmetricKey"), operations("Create", "Locate", "Query") + objectTypes("PublicKey", "SymmetricKey"));

    expect(result.diffs).to.deep.equal([]);
    expect(rulesOf(result)).to.include("query-result-set");
  });

  it("fails a missing operation", () => {
    const result = query(operations("Query", "Locate", "Poll"), operations("Locate", "Query"));

    expect(result.diffs).to.have.length(1);
    expect(result.diffs[0]).to.include({ kind: "missing" });
    expect(result.diffs[0].expected).to.contain("Poll");
  });

  it("does not apply outside Query", () => {
    const state = freshState({ request: request(call("Locate", "")) });
    const result = matchMessage(template(response(success("Locate", objectTypes("SymmetricKey")))), actual(response(success("Locate", objectTypes("SymmetricKey", "PublicKey")), isoAt(0))), state);

    expect(result.diffs.map((diff) => diff.kind)).to.deep.equal(["unexpected"]);
  });
});

describe("rule query-server-information", () => {
  it("accepts another vendor's identification", () => {
    const result = query(`<VendorIdentification type="TextString" value="Vendor A"/>`, `<VendorIdentification type="TextString" value="kmipcheck bundled server"/>`);

    expect(result.diffs).to.deep.equal([]);
    expect(rulesOf(result)).to.include("query-server-information");
  });

  it("fails a Vendor Identification of another type", () => {
    const result = query(`<VendorIdentification type="TextString" value="Vendor A"/>`, `<VendorIdentification type="Integer" value="1"/>`);

    expect(result.diffs[0]).to.include({ rule: "query-server-information", kind: "type" });
  });
});

describe("rule rng-retrieve-length", () => {
  const retrieve = (length: number, returned: string) => {
    const state = freshState({ request: request(call("RNGRetrieve", `<DataLength type="Integer" value="${length}"/>`)) });
    return matchMessage(template(response(success("RNGRetrieve", bytesXml("Data", "9c".repeat(32))))), actual(response(success("RNGRetrieve", bytesXml("Data", returned)), isoAt(0))), state);
  };

  it("accepts other bytes of the requested length", () => {
    const result = retrieve(32, "11".repeat(32));

    expect(result.diffs).to.deep.equal([]);
    expect(rulesOf(result)).to.include("rng-retrieve-length");
  });

  it("fails another length", () => {
    const result = retrieve(32, "11".repeat(31));

    expect(result.diffs).to.have.length(1);
    expect(result.diffs[0]).to.include({ rule: "rng-retrieve-length", expected: "32 bytes", actual: "31 bytes" });
  });
});

describe("rule rng-seed-data-length", () => {
  const seed = (recorded: number, used: number) => {
    const state = freshState({ request: request(call("RNGSeed", bytesXml("Data", "33".repeat(32)))) });
    return matchMessage(template(response(success("RNGSeed", `<DataLength type="Integer" value="${recorded}"/>`))), actual(response(success("RNGSeed", `<DataLength type="Integer" value="${used}"/>`), isoAt(0))), state);
  };

  it("accepts any amount up to the seed length", () => {
    for (const used of [0, 16, 32]) {
      const result = seed(16, used);
      expect(result.diffs, `Data Length ${used}`).to.deep.equal([]);
      expect(rulesOf(result)).to.include("rng-seed-data-length");
    }
  });

  it("fails more than the seed given", () => {
    const result = seed(32, 33);

    expect(result.diffs).to.have.length(1);
    expect(result.diffs[0]).to.include({ rule: "rng-seed-data-length", expected: "0 to 32" });
  });
});
