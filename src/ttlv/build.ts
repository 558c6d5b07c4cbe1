/** Builders of TTLV trees, e.g. `structure(0x420078, [integer(0x42000D, 1)])`. Encoding checks the values. */
import { ItemType, type TtlvNode } from "./types";

export function structure(tag: number, children: TtlvNode[]): TtlvNode {
  return { tag, type: ItemType.Structure, value: children };
}

/** Integer: signed 32-bit. */
export function integer(tag: number, value: number): TtlvNode {
  return { tag, type: ItemType.Integer, value };
}

/** Enumeration: unsigned 32-bit. */
export function enumeration(tag: number, value: number): TtlvNode {
  return { tag, type: ItemType.Enumeration, value };
}

/** Interval: unsigned 32-bit count of seconds. */
export function interval(tag: number, seconds: number): TtlvNode {
  return { tag, type: ItemType.Interval, value: seconds };
}

/** Long Integer: signed 64-bit. */
export function longInteger(tag: number, value: bigint): TtlvNode {
  return { tag, type: ItemType.LongInteger, value };
}

export function bigInteger(tag: number, value: bigint): TtlvNode {
  return { tag, type: ItemType.BigInteger, value };
}

/** Date-Time from POSIX seconds, or from a Date (its milliseconds are dropped). */
export function dateTime(tag: number, seconds: bigint | Date): TtlvNode {
  const value = seconds instanceof Date ? BigInt(Math.floor(seconds.getTime() / 1000)) : seconds;
  return { tag, type: ItemType.DateTime, value };
}

export function bool(tag: number, value: boolean): TtlvNode {
  return { tag, type: ItemType.Boolean, value };
}

export function text(tag: number, value: string): TtlvNode {
  return { tag, type: ItemType.TextString, value };
}

export function bytes(tag: number, value: Uint8Array): TtlvNode {
  return { tag, type: ItemType.ByteString, value: Buffer.isBuffer(value) ? value : Buffer.from(value) };
}
