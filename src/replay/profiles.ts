/**
 * KMIP 1.4 server profiles and how a vector maps to one. The OASIS test-case files name their
 * profile in the file name prefix (SKLC-M-1-14: Symmetric Key Lifecycle, mandatory case 1, KMIP 1.4).
 */

export interface ProfileDefinition {
  /** Name used on the command line and in reports. */
  name: string;
  /** Name of the server profile in the KMIP Profiles 1.4 document. */
  title: string;
  /** File name prefixes of the OASIS test cases for this profile. */
  prefixes: string[];
}

/** Profile of a vector whose file name has no known prefix. */
export const UNCLASSIFIED_PROFILE = "unclassified";

export const PROFILES: ReadonlyArray<ProfileDefinition> = [
  { name: "baseline", title: "Baseline Server", prefixes: [] },
  { name: "symmetric-key-lifecycle", title: "Symmetric Key Lifecycle Server", prefixes: ["SKLC"] },
  { name: "symmetric-key-foundry", title: "Symmetric Key Foundry Server", prefixes: ["SKFF"] },
  { name: "asymmetric-key-lifecycle", title: "Asymmetric Key Lifecycle Server", prefixes: ["AKLC"] },
  { name: "basic-cryptographic", title: "Basic Cryptographic Server", prefixes: ["CS-BC"] },
  { name: "advanced-cryptographic", title: "Advanced Cryptographic Server", prefixes: ["CS-AC"] },
  { name: "rng-cryptographic", title: "RNG Cryptographic Server", prefixes: ["CS-RNG"] },
  { name: "opaque-managed-object-store", title: "Opaque Managed Object Store Server", prefixes: ["OMOS"] },
  { name: "tape-library", title: "Tape Library Server", prefixes: ["TL"] },
  // The AX cases create 256-bit AES keys with Block Cipher Mode XTS: the AES XTS Server profile.
  { name: "aes-xts", title: "AES XTS Server", prefixes: ["AX"] },
  { name: "suite-b-minlos-128", title: "Suite B minLOS_128 Server", prefixes: ["SUITEB_128"] },
  { name: "suite-b-minlos-192", title: "Suite B minLOS_192 Server", prefixes: ["SUITEB_192"] },
  { name: "storage-array-self-encrypting-drive", title: "Storage Array with Self Encrypting Drive Server", prefixes: ["SASED"] },
  { name: "message-encoding", title: "HTTPS, JSON and XML Server", prefixes: ["MSGENC"] },
];

/** Returns the profile a vector belongs to, by file name prefix; UNCLASSIFIED_PROFILE if none fits. */
export function profileOfVector(vectorName: string): string {
  const upper = vectorName.toUpperCase();
  let best: { name: string; length: number } | undefined;

  for (const profile of PROFILES) {
    for (const prefix of profile.prefixes) {
      const fits = upper.startsWith(`${prefix}-`) && (best === undefined || prefix.length > best.length);
      if (fits) {
        best = { name: profile.name, length: prefix.length };
      }
    }
  }

  return best?.name ?? UNCLASSIFIED_PROFILE;
}

export function profileByName(name: string): ProfileDefinition | undefined {
  return PROFILES.find((profile) => profile.name === name);
}

export function profileNames(): string[] {
  return PROFILES.map((profile) => profile.name);
}
