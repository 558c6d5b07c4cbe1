/**
 * Client rules for every KMIP 1.4 attribute, from the "Attribute Rules" table that follows each
 * attribute of spec §3 (Table 54 explains the columns).
 *
 * - clientSets: who may give the attribute a first value. "never" for attributes only the server
 *   sets (Initially set by: Server, and no client-supplied value is ever taken, e.g. State);
 *   "on-creation" for attributes whose value the client supplies in a Create or Register
 *   Template-Attribute but never adds afterwards (e.g. Cryptographic Algorithm, which the server
 *   records from the request and which is not modifiable afterwards); "always" for attributes a
 *   client may also add later with Add Attribute (Initially set by: Client, or Client or Server).
 * - clientModifies: "Modifiable by client". "pre-active" and "pre-active-or-active" are the
 *   state limits the dates carry (§3.24 to §3.27).
 * - clientDeletes: "Deletable by client".
 * - multiInstance: "Multiple instances permitted".
 * - alwaysHasValue: "SHALL always have a value" (such attributes are never deleted, §4.16).
 */

export type ClientSets = "never" | "on-creation" | "always";
export type ClientModifies = "yes" | "no" | "pre-active" | "pre-active-or-active";

export interface AttributeRule {
  /** The spec name, as sent in Attribute Name. */
  name: string;
  clientSets: ClientSets;
  clientModifies: ClientModifies;
  clientDeletes: boolean;
  multiInstance: boolean;
  alwaysHasValue: boolean;
}

type RuleRow = [name: string, clientSets: ClientSets, clientModifies: ClientModifies, clientDeletes: boolean, multiInstance: boolean, alwaysHasValue: boolean];

// Columns: name, clientSets, clientModifies, clientDeletes, multiInstance, alwaysHasValue.
const RULE_ROWS: RuleRow[] = [
  ["Unique Identifier", "never", "no", false, false, true], // §3.1
  ["Name", "always", "yes", true, true, false], // §3.2
  ["Object Type", "never", "no", false, false, true], // §3.3
  ["Cryptographic Algorithm", "on-creation", "no", false, false, true], // §3.4
  ["Cryptographic Length", "on-creation", "no", false, false, true], // §3.5
  ["Cryptographic Parameters", "always", "yes", true, true, false], // §3.6
  ["Cryptographic Domain Parameters", "on-creation", "no", false, false, false], // §3.7
  ["Certificate Type", "never", "no", false, false, true], // §3.8
  ["Certificate Length", "on-creation", "no", false, false, true], // §3.9
  ["X.509 Certificate Identifier", "never", "no", false, false, true], // §3.10
  ["X.509 Certificate Subject", "never", "no", false, false, true], // §3.11
  ["X.509 Certificate Issuer", "never", "no", false, false, true], // §3.12
  ["Certificate Identifier", "never", "no", false, false, true], // §3.13
  ["Certificate Subject", "never", "no", false, false, true], // §3.14
  ["Certificate Issuer", "never", "no", false, false, true], // §3.15
  // §3.16: multiple instances only for PGP keys, which this server does not store.
  ["Digital Signature Algorithm", "on-creation", "no", false, false, true],
  ["Digest", "never", "no", false, true, true], // §3.17
  ["Operation Policy Name", "on-creation", "no", false, false, false], // §3.18
  ["Cryptographic Usage Mask", "on-creation", "no", false, false, true], // §3.19
  ["Lease Time", "never", "no", false, false, false], // §3.20
  // §3.21: modifiable and deletable only until Get Usage Allocation has been performed.
  ["Usage Limits", "always", "yes", true, false, false],
  ["State", "never", "no", false, false, true], // §3.22
  ["Initial Date", "never", "no", false, false, true], // §3.23
  ["Activation Date", "always", "pre-active", false, false, false], // §3.24
  ["Process Start Date", "always", "pre-active-or-active", false, false, false], // §3.25
  ["Protect Stop Date", "always", "pre-active-or-active", false, false, false], // §3.26
  ["Deactivation Date", "always", "pre-active-or-active", false, false, false], // §3.27
  ["Destroy Date", "never", "no", false, false, false], // §3.28
  ["Compromise Occurrence Date", "never", "no", false, false, false], // §3.29
  ["Compromise Date", "never", "no", false, false, false], // §3.30
  ["Revocation Reason", "never", "no", false, false, false], // §3.31
  ["Archive Date", "never", "no", false, false, false], // §3.32
  ["Object Group", "always", "yes", true, true, false], // §3.33
  ["Fresh", "on-creation", "no", false, false, false], // §3.34
  ["Link", "always", "yes", true, true, false], // §3.35
  ["Application Specific Information", "always", "yes", true, true, false], // §3.36
  ["Contact Information", "always", "yes", true, false, false], // §3.37
  ["Last Change Date", "never", "no", false, false, true], // §3.38
  ["Alternative Name", "always", "yes", true, true, false], // §3.40
  ["Key Value Present", "never", "no", false, false, false], // §3.41
  ["Key Value Location", "always", "yes", true, true, false], // §3.42
  ["Original Creation Date", "on-creation", "no", false, false, false], // §3.43
  ["Random Number Generator", "on-creation", "no", false, false, false], // §3.44
  ["PKCS#12 Friendly Name", "always", "yes", true, false, false], // §3.45
  ["Description", "always", "yes", true, false, false], // §3.46
  ["Comment", "always", "yes", true, false, false], // §3.47
  ["Sensitive", "always", "yes", false, false, true], // §3.48
  ["Always Sensitive", "never", "no", false, false, true], // §3.49
  ["Extractable", "always", "yes", false, false, true], // §3.50
  ["Never Extractable", "never", "no", false, false, true], // §3.51
];

const RULES = new Map<string, AttributeRule>(
  RULE_ROWS.map(([name, clientSets, clientModifies, clientDeletes, multiInstance, alwaysHasValue]) => [
    name,
    { name, clientSets, clientModifies, clientDeletes, multiInstance, alwaysHasValue },
  ]),
);

/** §3.39: a Custom Attribute name starting "x-" is client-created, "y-" server-created. */
export function isCustomAttributeName(name: string): boolean {
  return name.startsWith("x-") || name.startsWith("y-");
}

/**
 * Returns the rule for an attribute name, or undefined for a name the spec does not define.
 * §3.39: client-created custom attributes ("x-") are modifiable and deletable by the client and
 * may have several instances; server-created ones ("y-") are neither settable nor changeable by it.
 */
export function attributeRule(name: string): AttributeRule | undefined {
  if (name.startsWith("x-")) {
    return { name, clientSets: "always", clientModifies: "yes", clientDeletes: true, multiInstance: true, alwaysHasValue: false };
  }
  if (name.startsWith("y-")) {
    return { name, clientSets: "never", clientModifies: "no", clientDeletes: false, multiInstance: true, alwaysHasValue: false };
  }
  return RULES.get(name);
}

export function attributeRuleNames(): string[] {
  return [...RULES.keys()];
}
