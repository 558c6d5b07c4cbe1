import { expect } from "chai";
import { LatencyHistogram } from "../../src/load";

/** Largest relative error the histogram allows above 64 µs: one part in 64. */
const RELATIVE_ERROR = 1 / 64;

describe("LatencyHistogram", () => {
  it("is exact below 64 microseconds", () => {
    const histogram = new LatencyHistogram();
    for (let value = 1; value <= 50; value++) histogram.record(value);

    expect(histogram.percentile(50)).to.equal(25);
    expect(histogram.percentile(90)).to.equal(45);
    expect(histogram.percentile(100)).to.equal(50);
  });

  it("keeps percentiles within 1/64 of sorted samples", () => {
    const histogram = new LatencyHistogram();
    const samples: number[] = [];
    let seed = 12345;
    for (let index = 0; index < 20_000; index++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const value = 50 + (seed % 200_000);
      samples.push(value);
      histogram.record(value);
    }
    samples.sort((left, right) => left - right);

    for (const percent of [50, 90, 99, 99.9]) {
      const exact = samples[Math.ceil((percent / 100) * samples.length) - 1];
      const reported = histogram.percentile(percent);
      expect(reported, `p${percent}`).to.be.at.least(exact);
      expect(reported, `p${percent}`).to.be.at.most(exact * (1 + RELATIVE_ERROR));
    }
  });

  it("reports the exact maximum and minimum", () => {
    const histogram = new LatencyHistogram();
    for (const value of [1234.2, 98_765, 70]) histogram.record(value);
    const summary = histogram.summary();

    expect(summary.maxMs).to.equal(98.765);
    expect(summary.minMs).to.equal(0.07);
    expect(summary.count).to.equal(3);
  });

  it("counts values at powers of two in their own bucket", () => {
    for (const exponent of [6, 7, 10, 20, 29, 31, 35]) {
      const histogram = new LatencyHistogram();
      const value = 2 ** exponent;
      histogram.record(value);
      histogram.record(value - 1);

      expect(histogram.percentile(50), `2^${exponent} - 1`).to.be.within(value - 1, value);
      expect(histogram.percentile(100), `2^${exponent}`).to.equal(value);
    }
  });

  it("merges counts of another histogram", () => {
    const first = new LatencyHistogram();
    const second = new LatencyHistogram();
    for (let value = 1; value <= 10; value++) first.record(value);
    for (let value = 11; value <= 20; value++) second.record(value);

    first.merge(second);
    expect(first.count).to.equal(20);
    expect(first.percentile(50)).to.equal(10);
    expect(first.summary().maxMs).to.equal(0.02);
  });

  it("returns zeros when empty", () => {
    const summary = new LatencyHistogram().summary();
    expect(summary).to.deep.equal({ count: 0, minMs: 0, meanMs: 0, p50Ms: 0, p90Ms: 0, p99Ms: 0, maxMs: 0 });
  });

  it("rejects negative and non-finite latencies", () => {
    const histogram = new LatencyHistogram();
    expect(() => histogram.record(-1)).to.throw(RangeError, /invalid latency -1/);
    expect(() => histogram.record(Number.NaN)).to.throw(RangeError, /invalid latency NaN/);
    expect(() => histogram.percentile(101)).to.throw(RangeError, /invalid percentile 101/);
  });
});
