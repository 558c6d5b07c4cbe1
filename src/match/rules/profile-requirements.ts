/**
 * Operations and object types that a server of each profile must list in a Query response,
 * because the profile requires the server to support them. The `query-result-set` rule lets a server leave out a value
 * that the recording server listed only when the profile does not require it. A profile missing
 * from this table keeps every listed value required.
 */

export interface QueryRequirement {
  /** Operation names (normalized, e.g. "GetAttributeList") a server of the profile must list. */
  operations: ReadonlyArray<string>;
  /** Object Type names (normalized, e.g. "SymmetricKey") a server of the profile must list. */
  objectTypes: ReadonlyArray<string>;
  /** Source of the lists, shown in the report with every value the rule tolerates. */
  source: string;
}

/**
 * Client-to-server operations of the Baseline Server profile of KMIP Profiles 1.4, as HashiCorp
 * Vault's KMIP profile documentation (website/content/docs/secrets/kmip-profiles.mdx) lists them.
 * The Baseline Server requires no managed object type.
 */
const BASELINE_OPERATIONS = [
  "Locate", "Check", "Get", "GetAttributes", "GetAttributeList", "AddAttribute", "ModifyAttribute",
  "DeleteAttribute", "Activate", "Revoke", "Destroy", "Query", "DiscoverVersions",
];

const BASELINE_SOURCE = "KMIP Profiles 1.4 Baseline Server: client-to-server operations";

// NOTE: the Suite B server clauses were not available. They are taken to add algorithm and TLS
// requirements to the Baseline Server but no operation; the vectors of these profiles send only
// Query. The object types are a guess: AES, ECDSA and ECDH need symmetric keys and key pairs.
const SUITE_B: QueryRequirement = {
  operations: BASELINE_OPERATIONS,
  objectTypes: ["SymmetricKey", "PublicKey", "PrivateKey"],
  source: `${BASELINE_SOURCE}; Suite B object types guessed from the Suite B algorithms (AES, ECDSA, ECDH)`,
};

export const QUERY_REQUIREMENTS: Readonly<Record<string, QueryRequirement>> = {
  baseline: { operations: BASELINE_OPERATIONS, objectTypes: [], source: BASELINE_SOURCE },
  "suite-b-minlos-128": SUITE_B,
  "suite-b-minlos-192": SUITE_B,
  // NOTE: the HTTPS, JSON and XML server clauses were not available. They change the transport
  // and encoding of messages only, so they are taken to require the Baseline Server's operations.
  "message-encoding": { operations: BASELINE_OPERATIONS, objectTypes: [], source: `${BASELINE_SOURCE} (HTTPS, JSON and XML servers taken to require the same)` },
};
