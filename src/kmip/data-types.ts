/**
 * Shape of the dictionary data file kmip-1.4.json, which tools/extract-dictionary.ts extracts from
 * the KMIP 1.4 specification text and tools/generate-dictionary.ts turns into generated.ts.
 * Numbers are written as "0x..." hex strings, as the specification writes them in hex.
 */

/** One tag of Table 288. */
export interface TagRecord {
  /** Spec name, e.g. "Unique Batch Item ID". */
  name: string;
  /** Name normalized by the encodings rule, e.g. "UniqueBatchItemID". */
  normalized: string;
  /** Tag value, e.g. "0x420093". */
  value: string;
  deprecated: boolean;
  /** The table's note for a deprecated tag, e.g. "deprecated as of version 1.1". */
  deprecatedNote?: string;
}

/** One named value of an enumeration or one bit of a bit mask. */
export interface ValueRecord {
  name: string;
  normalized: string;
  value: string;
  deprecated: boolean;
}

/** One enumeration of §9.1.3.2. */
export interface EnumerationRecord {
  /** Spec name from the section heading without the word "Enumeration", e.g. "Destroy Action". */
  name: string;
  normalized: string;
  /** Section number, e.g. "9.1.3.2.44". */
  section: string;
  /** Citation of the values: the section, and the table caption where the table has one. */
  source: string;
  /** The heading cell of the value table where it differs from the name, e.g. "Destroy Action Type". */
  tableHeading?: string;
  /** True when the table lists "Extensions | 8XXXXXXX", i.e. values 0x80000000-0x8FFFFFFF are allowed. */
  extensionsAllowed: boolean;
  values: ValueRecord[];
}

/** One bit mask of §9.1.3.3. */
export interface MaskRecord {
  name: string;
  normalized: string;
  section: string;
  source: string;
  /** Bits reserved for extensions, e.g. "0xFFF00000" for the table's "XXX00000". */
  extensionBits: string;
  bits: ValueRecord[];
}

/** One attribute of spec §3. */
export interface AttributeRecord {
  /** Canonical spec name as sent in Attribute Name, e.g. "Cryptographic Usage Mask". */
  name: string;
  normalized: string;
  /** Section number, e.g. "3.19". */
  section: string;
  /** The attribute and attribute rules tables the facts come from. */
  source: string;
  /** Item type name of the value (ItemType key), or null for Custom Attribute, whose type varies. */
  type: string | null;
  /** True when the rules table permits multiple instances (for at least some object types). */
  multiInstance: boolean;
  /** The rules table's text for "Multiple instances permitted" when it is not a plain Yes or No. */
  multiInstanceNote?: string;
  /** Normalized enumeration name for an Enumeration-typed attribute. */
  enumeration?: string;
  /** Normalized bit mask name for an attribute whose Integer value is a bit mask. */
  mask?: string;
  /** KMIP version that introduced the attribute, e.g. "1.0". */
  since: string;
}

/** A tag whose Enumeration value uses a given enumeration. */
export interface TagEnumerationRecord {
  /** Normalized tag name. */
  tag: string;
  /** Normalized enumeration name. */
  enumeration: string;
  /** Where the specification ties the two together. */
  source: string;
}

/** A tag whose Integer value is a bit mask. */
export interface TagMaskRecord {
  /** Normalized tag name. */
  tag: string;
  /** Normalized bit mask name. */
  mask: string;
  source: string;
}

/** The whole data file. */
export interface DictionaryData {
  specification: string;
  tagsSource: string;
  tags: TagRecord[];
  enumerations: EnumerationRecord[];
  masks: MaskRecord[];
  attributes: AttributeRecord[];
  tagEnumerations: TagEnumerationRecord[];
  /** Tags whose Integer value is a bit mask, with the mask's normalized name. */
  tagMasks: TagMaskRecord[];
}
