/**
 * Bit mask values (§9.1.3.3) to and from lists of bit names. The XML and JSON encodings write a
 * mask as its components: bit names as normalized text, or 32-bit hex strings such as
 * "0x0000100C" (KMIP Additional Message Encodings v1.0, "Integer - Special case for Masks").
 */
import { KmipcheckError } from "../errors";
import { MASKS } from "./generated";

/** A mask component written as hex: "0x" and 1 to 8 hex digits. */
const HEX_COMPONENT = /^0x[0-9a-fA-F]{1,8}$/;

function bitsOf(mask: string): Readonly<Record<string, number>> {
  if (!Object.prototype.hasOwnProperty.call(MASKS, mask)) {
    const known = Object.keys(MASKS).join(", ");
    throw new KmipcheckError("KMIP_UNKNOWN_MASK", `Unknown bit mask "${mask}"; expected one of ${known}`, { context: { mask } });
  }
  return MASKS[mask as keyof typeof MASKS].bits;
}

/**
 * Combines bit names (e.g. ["Encrypt", "Decrypt"]) and hex components into the mask value, as an
 * unsigned 32-bit number. Throws KmipcheckError "KMIP_UNKNOWN_MASK_BIT" for a name that is not a
 * bit of the mask, and "KMIP_UNKNOWN_MASK" for an unknown mask.
 */
export function maskFromNames(mask: string, names: string[]): number {
  const bits = bitsOf(mask);
  let value = 0;

  for (const name of names) {
    if (HEX_COMPONENT.test(name)) {
      value |= Number.parseInt(name.slice(2), 16);
    } else if (Object.prototype.hasOwnProperty.call(bits, name)) {
      value |= bits[name];
    } else {
      const known = Object.keys(bits).join(" ");
      throw new KmipcheckError("KMIP_UNKNOWN_MASK_BIT", `"${name}" is not a bit of ${mask}; use one of: ${known}, or a hex value such as 0x00000004`, {
        context: { mask, name },
      });
    }
  }
  return value >>> 0;
}

/**
 * Lists the names of the bits set in `value`, lowest bit first. Set bits that have no name (such
 * as extension bits) are returned together as one hex component, e.g. ["Encrypt", "0x00100000"],
 * so that maskFromNames(mask, maskNames(mask, value)) === value.
 */
export function maskNames(mask: string, value: number): string[] {
  const bits = bitsOf(mask);
  const names: string[] = [];
  let rest = value >>> 0;

  for (const [name, bit] of Object.entries(bits)) {
    if ((rest & bit) !== 0) {
      names.push(name);
      rest = (rest & ~bit) >>> 0;
    }
  }
  if (rest !== 0) {
    names.push(`0x${rest.toString(16).toUpperCase().padStart(8, "0")}`);
  }
  return names;
}
