import { expect } from "chai";
import { compareLoadResults, formatComparison, LOAD_RESULT_FORMAT, parseLoadResult, type LoadResult } from "../../src/load";

function result(overrides: { requestsPerSecond?: number; p50Ms?: number; p99Ms?: number; errors?: number; mix?: string; connections?: number } = {}): LoadResult {
  const requestsPerSecond = overrides.requestsPerSecond ?? 4000;
  const requests = requestsPerSecond * 10;
  const p50Ms = overrides.p50Ms ?? 0.25;
  const p99Ms = overrides.p99Ms ?? 2;
  const latency = { count: requests, minMs: 0.1, meanMs: p50Ms, p50Ms, p90Ms: p50Ms * 2, p99Ms, maxMs: 10 };

  return {
    format: LOAD_RESULT_FORMAT,
    target: "bundled",
    mix: overrides.mix ?? "query",
    mixDescription: "Query",
    connections: overrides.connections ?? 1,
    durationSeconds: 10,
    elapsedSeconds: 10,
    startedAt: "2026-01-01T00:00:00.000Z",
    tls: { protocol: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384" },
    requests,
    iterations: requests,
    requestsPerSecond,
    latency,
    operations: { Query: latency },
    errors: { total: overrides.errors ?? 0, byReason: overrides.errors ? { ItemNotFound: overrides.errors } : {} },
    lostConnections: 0,
  };
}

describe("compareLoadResults", () => {
  it("does not flag equal runs", () => {
    const comparison = compareLoadResults(result(), result());
    expect(comparison.regressed).to.equal(false);
    expect(comparison.changes.every((change) => !change.regression)).to.equal(true);
  });

  it("flags lower throughput beyond the threshold", () => {
    const comparison = compareLoadResults(result(), result({ requestsPerSecond: 3000 }), 10);
    const throughput = comparison.changes.find((change) => change.name === "throughput");

    expect(comparison.regressed).to.equal(true);
    expect(throughput?.regression).to.equal(true);
    expect(throughput?.changePercent).to.be.closeTo(-25, 1e-9);
  });

  it("flags higher p99 latency beyond the threshold", () => {
    const comparison = compareLoadResults(result(), result({ p99Ms: 2.5 }), 10);
    expect(comparison.changes.find((change) => change.name === "latency p99")?.regression).to.equal(true);
    expect(comparison.regressed).to.equal(true);
  });

  it("accepts a change within the threshold", () => {
    const comparison = compareLoadResults(result(), result({ requestsPerSecond: 3700, p99Ms: 2.1 }), 10);
    expect(comparison.regressed).to.equal(false);
  });

  it("does not flag a faster B", () => {
    const comparison = compareLoadResults(result(), result({ requestsPerSecond: 8000, p50Ms: 0.1, p99Ms: 1 }), 10);
    expect(comparison.regressed).to.equal(false);
  });

  it("flags a higher error rate", () => {
    const comparison = compareLoadResults(result(), result({ errors: 400 }));
    expect(comparison.changes.find((change) => change.name === "error rate")?.regression).to.equal(true);
    expect(comparison.regressed).to.equal(true);
  });

  it("warns when the settings differ", () => {
    const comparison = compareLoadResults(result(), result({ mix: "symmetric", connections: 4 }));
    expect(comparison.warnings).to.have.length(2);
    expect(comparison.warnings[0]).to.contain("query and symmetric");
  });

  it("names the regression in the output", () => {
    const text = formatComparison(compareLoadResults(result(), result({ requestsPerSecond: 2000 })), "a.json", "b.json");
    expect(text).to.match(/throughput .* -50\.0 % +REGRESSION/);
    expect(text).to.contain("result: B regressed beyond the threshold");
  });

  it("rejects a negative threshold", () => {
    expect(() => compareLoadResults(result(), result(), -1)).to.throw(RangeError, /invalid threshold -1/);
  });
});

describe("parseLoadResult", () => {
  it("reads a result it wrote", () => {
    const parsed = parseLoadResult(JSON.stringify(result()), "a.json");
    expect(parsed.requestsPerSecond).to.equal(4000);
  });

  it("rejects a file of another format", () => {
    expect(() => parseLoadResult('{"format": "other"}', "x.json")).to.throw(/x\.json: format is "other"/);
  });

  it("rejects text that is not JSON", () => {
    expect(() => parseLoadResult("not json", "x.json")).to.throw(/x\.json: not valid JSON/);
  });

  it("rejects a result without latency", () => {
    const broken = { ...result(), latency: undefined };
    expect(() => parseLoadResult(JSON.stringify(broken), "x.json")).to.throw(/missing latency or errors/);
  });
});
