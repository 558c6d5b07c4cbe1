/**
 * Turns (seed, iteration) into one fuzzed message: a seed request picked at random, zero to two
 * tree mutations, then often one byte mutation. The same seed, iteration and seed requests give
 * the same bytes, so a finding can be regenerated as well as replayed from its saved hex.
 */
import { encode } from "../ttlv/encode";
import { appendInsideStructure, BYTE_MUTATORS, layoutItems, type ByteEdit, type ByteMutator, type Framing } from "./byte-mutators";
import { Prng } from "./prng";
import type { SeedRequest } from "./seeds";
import { cloneTree } from "./tree";
import { TREE_MUTATORS, type TreeMutator } from "./tree-mutators";
import type { TtlvNode } from "../ttlv/types";

/** One fuzzed message. */
export interface FuzzCase {
  iteration: number;
  /** Source of the seed request, e.g. `builtin:Query`. */
  seedSource: string;
  /** Names of the mutators applied, in order. */
  mutators: string[];
  /** The change each mutator made, joined with "; ". */
  description: string;
  bytes: Buffer;
  framing: Framing;
}

/** How many mutators of one kind are tried before giving up on that step when none applies. */
const ATTEMPTS = 6;

const TREE_STEPS = [
  { weight: 3, value: 0 },
  { weight: 4, value: 1 },
  { weight: 1, value: 2 },
];

export class MutationEngine {
  constructor(
    private readonly seeds: readonly SeedRequest[],
    private readonly seed: string,
  ) {
    if (seeds.length === 0) throw new RangeError("MutationEngine needs at least one seed request");
  }

  /** Returns the fuzzed message of this iteration. */
  generate(iteration: number): FuzzCase {
    const rng = new Prng(`${this.seed}/${iteration}`);
    const seedRequest = rng.pick(this.seeds);
    const root = cloneTree(seedRequest.message);
    const applied: { name: string; description: string }[] = [];

    for (let step = rng.pickWeighted(TREE_STEPS); step > 0; step -= 1) {
      const done = applyTreeMutator(rng, root);
      if (done !== undefined) applied.push(done);
    }

    let bytes = encode(root);
    let framing: Framing = "whole";
    if (applied.length === 0 || rng.chance(0.5)) {
      const edit = applyByteMutator(rng, bytes);
      bytes = edit.bytes;
      framing = edit.framing;
      applied.push({ name: edit.name, description: edit.description });
    }

    return {
      iteration,
      seedSource: seedRequest.source,
      mutators: applied.map((item) => item.name),
      description: applied.map((item) => item.description).join("; "),
      bytes,
      framing,
    };
  }
}

function applyTreeMutator(rng: Prng, root: TtlvNode): { name: string; description: string } | undefined {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const mutator = pickByWeight<TreeMutator>(rng, TREE_MUTATORS);
    const description = mutator.apply(rng, root);
    if (description !== undefined) return { name: mutator.name, description };
  }
  return undefined;
}

/**
 * Applies one byte mutator. Appending bytes inside a structure applies to every message, even an
 * empty top-level structure, so it is the last resort.
 */
function applyByteMutator(rng: Prng, bytes: Buffer): ByteEdit & { name: string } {
  const spans = layoutItems(bytes);
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const mutator = pickByWeight<ByteMutator>(rng, BYTE_MUTATORS);
    const edit = mutator.apply(rng, bytes, spans);
    if (edit !== undefined) return { ...edit, name: mutator.name };
  }

  return { ...appendInsideStructure(rng, bytes, spans), name: "trailing-bytes" };
}

function pickByWeight<T extends { weight: number }>(rng: Prng, items: readonly T[]): T {
  return rng.pickWeighted(items.map((item) => ({ weight: item.weight, value: item })));
}
