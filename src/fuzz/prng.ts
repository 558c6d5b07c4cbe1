/**
 * Seeded pseudo-random numbers for the fuzzer: xoshiro128** (Blackman and Vigna, 2018), seeded
 * from SHA-256 of the text seed, so one seed gives the same sequence on every platform and run.
 * Not for cryptography.
 */
import { createHash } from "node:crypto";

export class Prng {
  private readonly state: Uint32Array;

  /** Seeds the generator from any text, e.g. `"42"` or `"42/iteration/17"`. */
  constructor(seed: string) {
    const digest = createHash("sha256").update(seed, "utf8").digest();
    this.state = new Uint32Array([digest.readUInt32BE(0), digest.readUInt32BE(4), digest.readUInt32BE(8), digest.readUInt32BE(12)]);

    // xoshiro's state must not be all zero; SHA-256 makes that astronomically unlikely, but cheap to rule out.
    if (this.state.every((word) => word === 0)) this.state[0] = 1;
  }

  /** Returns the next unsigned 32-bit value. */
  nextUint32(): number {
    const s = this.state;
    const result = Math.imul(rotateLeft(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;

    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotateLeft(s[3], 11);
    return result;
  }

  /** Returns a float in [0, 1). */
  float(): number {
    return this.nextUint32() / 2 ** 32;
  }

  /** Returns an integer from min to max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** Returns true with the given probability (0 to 1). */
  chance(probability: number): boolean {
    return this.float() < probability;
  }

  /** Returns one element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("Prng.pick needs a non-empty array");
    return items[this.int(0, items.length - 1)];
  }

  /** Returns one element, each chosen with probability proportional to its weight. */
  pickWeighted<T>(items: readonly { weight: number; value: T }[]): T {
    const total = items.reduce((sum, item) => sum + item.weight, 0);
    let point = this.float() * total;
    for (const item of items) {
      point -= item.weight;
      if (point < 0) return item.value;
    }
    return items[items.length - 1].value;
  }

  /** Returns `count` random bytes. */
  bytes(count: number): Buffer {
    const buffer = Buffer.alloc(count);
    for (let i = 0; i < count; i += 1) buffer[i] = this.nextUint32() & 0xff;
    return buffer;
  }

  /** Returns a shuffled copy (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i -= 1) {
      const j = this.int(0, i);
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }
}

function rotateLeft(value: number, bits: number): number {
  return ((value << bits) | (value >>> (32 - bits))) >>> 0;
}
