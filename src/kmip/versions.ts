/**
 * The KMIP version that introduced each tag and the enumeration values the harness gates by
 * version (Result Reason, Operation, Object Type). KMIP allocates tags and values in sequence, so
 * each version adds a contiguous range.
 *
 * Sources: the Tag Values tables of KMIP 1.0 to 1.4 as the go-kmip constants (couchbase/ns_server,
 * deps/gocode/go-kmip/consts.go) group them by version; the KMIP 1.4 spec §9.1.3.2.29 Table 317
 * for the Result Reason values themselves.
 */

export type KmipVersion = "1.0" | "1.1" | "1.2" | "1.3" | "1.4";

export interface VersionRange {
  since: KmipVersion;
  first: number;
  last: number;
}

/** Tag ranges by version. Tags above the last 1.4 tag (0x420124) are KMIP 2.x or unassigned. */
export const TAG_RANGES: ReadonlyArray<VersionRange> = [
  { since: "1.0", first: 0x420001, last: 0x4200a1 },
  { since: "1.1", first: 0x4200a2, last: 0x4200b7 },
  { since: "1.2", first: 0x4200b8, last: 0x4200d3 },
  { since: "1.3", first: 0x4200d4, last: 0x4200f7 },
  { since: "1.4", first: 0x4200f8, last: 0x420124 },
];

/**
 * Value ranges by version for the enumerations the harness gates. A Result Reason is dated by the
 * version that added the feature it reports: Encoding Option Error with the 1.1 Encoding Option
 * tag, Key Value Not Present and the Attestation reasons with the 1.2 Key Value Present and
 * attestation tags, Sensitive, Not Extractable and Object Already Exists with the 1.4 Sensitive,
 * Extractable and Replace Existing tags. Values 0x19 and above are KMIP 2.0 (Invalid Ticket, ...).
 */
export const ENUMERATION_RANGES: Readonly<Record<string, ReadonlyArray<VersionRange>>> = {
  ResultReason: [
    // NOTE: 0x0F-0x11 (Application Namespace, Key Format Type, Key Compression Type Not Supported) are dated 1.0 from the 1.0 error tables that name them.
    { since: "1.0", first: 0x01, last: 0x11 },
    { since: "1.0", first: 0x100, last: 0x100 },
    { since: "1.1", first: 0x12, last: 0x12 },
    { since: "1.2", first: 0x13, last: 0x15 },
    { since: "1.4", first: 0x16, last: 0x18 },
  ],
  Operation: [
    { since: "1.0", first: 0x01, last: 0x1c },
    { since: "1.1", first: 0x1d, last: 0x1e },
    { since: "1.2", first: 0x1f, last: 0x29 },
    { since: "1.4", first: 0x2a, last: 0x2b },
  ],
  ObjectType: [
    { since: "1.0", first: 0x01, last: 0x08 },
    { since: "1.2", first: 0x09, last: 0x09 },
  ],
};

/** Returns the version that introduced a tag; undefined for a tag KMIP 1.4 does not define. */
export function tagSince(tag: number): KmipVersion | undefined {
  return TAG_RANGES.find((range) => tag >= range.first && tag <= range.last)?.since;
}

/** Returns the version that introduced an enumeration value; undefined when the table does not gate that enumeration or value. */
export function enumerationValueSince(enumeration: string, value: number): KmipVersion | undefined {
  return ENUMERATION_RANGES[enumeration]?.find((range) => value >= range.first && value <= range.last)?.since;
}

/** Tells whether `version` ("1.2") comes after `reference` ("1.1"); both are "major.minor". */
export function isLaterVersion(version: string, reference: string): boolean {
  const [major, minor] = version.split(".").map(Number);
  const [referenceMajor, referenceMinor] = reference.split(".").map(Number);
  return major > referenceMajor || (major === referenceMajor && minor > referenceMinor);
}
