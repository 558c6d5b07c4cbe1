/**
 * `--bundled-option NAME=VALUE`: server policies of the bundled target that the spec leaves to
 * the server. Only rngSeedLimit is offered: RNG Seed (§4.36) may use every seed byte (the default),
 * at most a number of bytes (0 ignores seeds), or be rejected with Permission Denied ("reject").
 */
import type { BundledServerOptions } from "../../bundled-server";
import type { TargetPlan } from "./target";
import { UsageError } from "./usage";

export type BundledPolicy = Pick<BundledServerOptions, "rngSeedLimit">;

/** Parses the flags' NAME=VALUE entries; raises UsageError for an unknown name, a bad value, or a remote target. */
export function parseBundledOptions(entries: string[], plan: TargetPlan): BundledPolicy {
  if (entries.length > 0 && plan.kind !== "bundled") {
    throw new UsageError("--bundled-option applies only to the bundled target; a remote server's policies are its own");
  }

  const policy: BundledPolicy = {};
  for (const entry of entries) {
    const [name, value] = entry.split("=", 2);
    if (name !== "rngSeedLimit" || value === undefined) {
      throw new UsageError(`invalid --bundled-option ${entry}: give rngSeedLimit=reject or rngSeedLimit=BYTES (0 ignores every seed)`);
    }
    policy.rngSeedLimit = parseSeedLimit(entry, value);
  }
  return policy;
}

function parseSeedLimit(entry: string, value: string): number | "reject" {
  if (value === "reject") {
    return value;
  }
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`invalid --bundled-option ${entry}: rngSeedLimit is reject or a whole number of bytes`);
  }
  return Number(value);
}
