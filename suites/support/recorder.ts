/**
 * Collects what each suite test sent, received and concluded, so that `kmipcheck run` can fold
 * the test into the same report as the vectors. Its exchanges become steps, and its checks become
 * diffs and rule applications with the check id as the rule.
 */
import type { Diff, RuleApplication } from "../../src/match";
import type { StepError } from "../../src/replay";
import type { TtlvViolation } from "../../src/ttlv";

export interface RecordedStep {
  /** Operation of each batch item of the request, or a label such as "TLS handshake". */
  operations: string[];
  /** Expected outcome, in words or in the XML form. */
  expected: string;
  requestBytes?: Buffer;
  responseBytes?: Buffer;
  requestXml?: string;
  responseXml?: string;
  diffs: Diff[];
  rulesApplied: RuleApplication[];
  violations: TtlvViolation[];
  error?: StepError;
  startedAt: string;
  durationMs: number;
}

export interface TestRecord {
  title: string;
  steps: RecordedStep[];
}

class SuiteRecorder {
  private current: TestRecord = { title: "(outside a test)", steps: [] };
  private readonly finished = new Map<string, TestRecord>();

  /** Starts the record of a test; the key is the test's full title. */
  begin(title: string): void {
    this.current = { title, steps: [] };
    this.finished.set(title, this.current);
  }

  /** Removes and returns the record of a test, or undefined when the test recorded nothing. */
  take(title: string): TestRecord | undefined {
    const record = this.finished.get(title);
    this.finished.delete(title);
    return record;
  }

  /** Adds a step to the current test and returns it, so that the exchange can fill it in. */
  addStep(operations: string[], expected: string): RecordedStep {
    const step: RecordedStep = { operations, expected, diffs: [], rulesApplied: [], violations: [], startedAt: new Date().toISOString(), durationMs: 0 };
    this.current.steps.push(step);
    return step;
  }

  /** Returns the last step of the current test, adding one for checks made without an exchange. */
  lastStep(): RecordedStep {
    return this.current.steps.at(-1) ?? this.addStep([], "(a check without a KMIP exchange)");
  }

  addDiff(diff: Diff): void {
    this.lastStep().diffs.push(diff);
  }

  addRuleApplication(application: RuleApplication): void {
    this.lastStep().rulesApplied.push(application);
  }
}

/** The one recorder of the process, shared by the suite files and the runner that loads them. */
export const recorder = new SuiteRecorder();
