/** Mocha hooks that give a suite file its target and start each test's record. */
import { recorder } from "./recorder";
import { acquireSuiteTarget, releaseSuiteTarget, type SuiteTarget } from "./target";

/**
 * Registers before/after hooks in the calling describe block and returns a getter of the target,
 * valid inside its tests.
 */
export function useSuiteTarget(): () => SuiteTarget {
  let target: SuiteTarget | undefined;

  before(async () => {
    target = await acquireSuiteTarget();
  });

  after(async () => {
    await releaseSuiteTarget();
  });

  beforeEach(function () {
    recorder.begin(this.currentTest?.fullTitle() ?? "(unnamed test)");
  });

  return () => {
    if (target === undefined) {
      throw new Error("the suite target is not open yet; call the getter inside a test, not at load time");
    }
    return target;
  };
}
