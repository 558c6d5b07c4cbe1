/**
 * TTLV item types and the decoded tree (KMIP 1.4 spec §9.1.1, Tables 286 and 287).
 */

/** Item Type byte values (§9.1.1.2, Table 286). */
export enum ItemType {
  Structure = 0x01,
  Integer = 0x02,
  LongInteger = 0x03,
  BigInteger = 0x04,
  Enumeration = 0x05,
  Boolean = 0x06,
  TextString = 0x07,
  ByteString = 0x08,
  DateTime = 0x09,
  Interval = 0x0a,
}

/** Size in bytes of the Tag (3), Type (1) and Length (4) fields that precede every Item Value. */
export const HEADER_SIZE = 8;

/** TTLV items are aligned on multiples of this many bytes (§9.1.1.3). */
export const ALIGNMENT = 8;

/** Item Length that each fixed-size type must carry (§9.1.1.3, Table 287). */
export const FIXED_LENGTHS: Partial<Record<ItemType, number>> = {
  [ItemType.Integer]: 4,
  [ItemType.LongInteger]: 8,
  [ItemType.Enumeration]: 4,
  [ItemType.Boolean]: 8,
  [ItemType.DateTime]: 8,
  [ItemType.Interval]: 4,
};

interface NodeBase {
  /** The 3-byte Item Tag, e.g. 0x420078 for Request Message. */
  tag: number;
}

export interface StructureNode extends NodeBase {
  type: ItemType.Structure;
  value: TtlvNode[];
}

/** Integer is signed 32-bit; Enumeration and Interval are unsigned 32-bit. */
export interface IntegerNode extends NodeBase {
  type: ItemType.Integer | ItemType.Enumeration | ItemType.Interval;
  value: number;
}

/** Long Integer, Big Integer and Date-Time (POSIX seconds, signed 64-bit) are held as bigint. */
export interface BigNode extends NodeBase {
  type: ItemType.LongInteger | ItemType.BigInteger | ItemType.DateTime;
  value: bigint;
}

export interface BooleanNode extends NodeBase {
  type: ItemType.Boolean;
  value: boolean;
}

export interface TextNode extends NodeBase {
  type: ItemType.TextString;
  value: string;
}

export interface BytesNode extends NodeBase {
  type: ItemType.ByteString;
  value: Buffer;
}

/** One decoded TTLV item. Structures hold their children in wire order. */
export type TtlvNode = StructureNode | IntegerNode | BigNode | BooleanNode | TextNode | BytesNode;

/** Looks up the display name of a tag; returns undefined for a tag it does not know. */
export type TagNamer = (tag: number) => string | undefined;
