/**
 * Baseline Server: malformed TTLV. Each raw-step vector of vectors/malformed sends a message that
 * breaks the encoding rules of §9.1.1, accepts Invalid Message or a closed connection, and then
 * sends a valid request that the server must still answer.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { runRawStepsVector } from "../../src/replay";
import { isRawStepsFile, loadRawStepsFile } from "../../src/vectors";
import { CHECKS } from "../support/checks";
import { useSuiteTarget } from "../support/fixture";
import { projectPath } from "../support/project";
import { recorder } from "../support/recorder";
import { failed, passed } from "../support/verify";

const MALFORMED_FOLDER = projectPath("vectors", "malformed");
const FILES = readdirSync(MALFORMED_FOLDER).filter(isRawStepsFile).sort();

describe("Baseline Server: malformed TTLV", () => {
  const target = useSuiteTarget();

  it("vectors/malformed has cases", () => {
    if (FILES.length === 0) {
      failed(CHECKS.malformedMessage, MALFORMED_FOLDER, { kind: "missing", message: `no *.steps.json files in ${MALFORMED_FOLDER}` });
    }
    passed(CHECKS.malformedMessage, MALFORMED_FOLDER, `${FILES.length} raw-step vectors`);
  });

  for (const file of FILES) {
    it(`${file.replace(/\.steps\.json$/, "")} is rejected, server survives`, async () => {
      const vector = await loadRawStepsFile(join(MALFORMED_FOLDER, file));
      const outcome = await runRawStepsVector(vector, { connection: target().connection, timeWindowSeconds: target().timeWindowSeconds });

      for (const step of outcome.steps) {
        Object.assign(recorder.addStep(step.operations, step.expectedXml), step);
      }

      const broken = outcome.steps.find((step) => step.verdict !== "pass");
      if (broken === undefined) {
        passed(CHECKS.malformedMessage, "ResponseMessage", `${file}: rejected, and the next request answered`);
        return;
      }

      const diff = broken.diffs.find((candidate) => candidate.severity === "fail");
      const what = diff?.message ?? broken.error?.message ?? "the step did not pass";
      const label = broken.index === 0 ? "the malformed message" : `step ${broken.index} after the malformed message`;
      failed(CHECKS.malformedMessage, diff?.path ?? "ResponseMessage", { message: `${file}: ${label}: ${what}`, expected: diff?.expected, actual: diff?.actual });
    });
  }
});
