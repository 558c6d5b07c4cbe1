/**
 * Latency histogram in the style of HdrHistogram: log-linear buckets of whole microseconds, so its
 * size stays fixed however long a run lasts. Values below 64 µs are exact; above that each power of
 * two is split into 64 buckets, so a reported percentile is at most 1/64 (1.6 %) above the true one.
 */

const SUB_BUCKET_BITS = 6;
const SUB_BUCKETS = 1 << SUB_BUCKET_BITS;

/** Values up to 2^40 µs (about 12 days) are counted; larger ones fall in the last bucket. */
const MAX_EXPONENT = 40;
const BUCKET_COUNT = SUB_BUCKETS + (MAX_EXPONENT - SUB_BUCKET_BITS + 1) * SUB_BUCKETS;

/** Percentiles and extremes of a histogram, in milliseconds. */
export interface LatencySummary {
  count: number;
  minMs: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKET_COUNT);
  private total = 0;
  private sumMicroseconds = 0;
  private minMicroseconds = Number.POSITIVE_INFINITY;
  private maxMicroseconds = 0;

  get count(): number {
    return this.total;
  }

  /** Records one latency in microseconds; fractions are rounded up, negative values raise. */
  record(microseconds: number): void {
    if (!Number.isFinite(microseconds) || microseconds < 0) {
      throw new RangeError(`invalid latency ${microseconds} µs: expected a finite number of microseconds, 0 or more`);
    }

    const value = Math.ceil(microseconds);
    this.counts[bucketIndex(value)] += 1;
    this.total += 1;
    this.sumMicroseconds += value;
    this.minMicroseconds = Math.min(this.minMicroseconds, value);
    this.maxMicroseconds = Math.max(this.maxMicroseconds, value);
  }

  /** Adds every count of `other` to this histogram (for example one histogram per connection). */
  merge(other: LatencyHistogram): void {
    for (let index = 0; index < BUCKET_COUNT; index++) this.counts[index] += other.counts[index];
    this.total += other.total;
    this.sumMicroseconds += other.sumMicroseconds;
    this.minMicroseconds = Math.min(this.minMicroseconds, other.minMicroseconds);
    this.maxMicroseconds = Math.max(this.maxMicroseconds, other.maxMicroseconds);
  }

  /**
   * Returns the latency in microseconds at or below which `percent` % of the values lie: the highest
   * value of the bucket holding that rank, capped by the largest value recorded. 0 when empty.
   */
  percentile(percent: number): number {
    if (!(percent >= 0 && percent <= 100)) throw new RangeError(`invalid percentile ${percent}: expected 0 to 100`);
    if (this.total === 0) return 0;

    const rank = Math.max(1, Math.ceil((percent / 100) * this.total));
    let seen = 0;
    for (let index = 0; index < BUCKET_COUNT; index++) {
      seen += this.counts[index];
      if (seen >= rank) return Math.min(bucketHighest(index), this.maxMicroseconds);
    }
    return this.maxMicroseconds;
  }

  summary(): LatencySummary {
    const toMs = (microseconds: number): number => microseconds / 1000;
    const empty = this.total === 0;

    return {
      count: this.total,
      minMs: empty ? 0 : toMs(this.minMicroseconds),
      meanMs: empty ? 0 : toMs(this.sumMicroseconds / this.total),
      p50Ms: toMs(this.percentile(50)),
      p90Ms: toMs(this.percentile(90)),
      p99Ms: toMs(this.percentile(99)),
      maxMs: toMs(this.maxMicroseconds),
    };
  }
}

function bucketIndex(value: number): number {
  if (value < SUB_BUCKETS) return value;

  // Math.log2 may round up just below a power of two, so the exponent is corrected against 2 ** exponent.
  let exponent = Math.floor(Math.log2(value));
  if (2 ** exponent > value) exponent -= 1;
  exponent = Math.min(exponent, MAX_EXPONENT);
  const shift = exponent - SUB_BUCKET_BITS;
  const subBucket = Math.min(Math.floor(value / 2 ** shift), 2 * SUB_BUCKETS - 1) - SUB_BUCKETS;
  return SUB_BUCKETS + shift * SUB_BUCKETS + subBucket;
}

/** Returns the highest value that falls in bucket `index`. */
function bucketHighest(index: number): number {
  if (index < SUB_BUCKETS) return index;

  const shift = Math.floor((index - SUB_BUCKETS) / SUB_BUCKETS);
  const subBucket = (index - SUB_BUCKETS) % SUB_BUCKETS;
  return (SUB_BUCKETS + subBucket + 1) * 2 ** shift - 1;
}
