/**
 * Writes TemplateNodes in the KMIP JSON encoding (KMIP Additional Message Encodings 1.0, §4.1.6).
 */
import { ItemType } from "../ttlv/types";
import { tagLabel } from "../kmip";
import { attributeNameAmong, valueNaming } from "./naming";
import { isPlaceholder, type TemplateNode } from "./types";
import { formatLeafValue, type FormatContext } from "./value-format";

/** One item of the JSON encoding. Structures omit `type`, which defaults to Structure (§4.1.4). */
export interface JsonItem {
  tag: string;
  type?: string;
  value: JsonItem[] | string | number | boolean;
}

/** Converts `node` to the JSON encoding, ready for JSON.stringify. Tags without a KMIP 1.4 name are written as 0x and 6 hex digits. */
export function templateToJson(node: TemplateNode): JsonItem {
  return writeJsonNode(node, undefined);
}

function writeJsonNode(node: TemplateNode, attributeName: string | undefined): JsonItem {
  const tag = tagLabel(node.tag);
  if (node.type === ItemType.Structure) {
    const name = attributeNameAmong(node.value);
    return { tag, value: node.value.map((child) => writeJsonNode(child, name)) };
  }

  const type = ItemType[node.type];
  if (isPlaceholder(node.value)) {
    return { tag, type, value: node.value.placeholder };
  }
  return { tag, type, value: jsonValue(node.type, node.value, valueNaming(node.tag, attributeName)) };
}

function jsonValue(type: Exclude<ItemType, ItemType.Structure>, value: number | bigint | boolean | string | Buffer, context: FormatContext): string | number | boolean {
  switch (type) {
    case ItemType.Integer:
      // §4.1.6.4: JSON separates mask components with "|".
      return context.mask === undefined ? (value as number) : formatLeafValue(type, value, context).split(" ").join("|");
    case ItemType.Interval:
    case ItemType.Boolean:
      return value as number | boolean;
    case ItemType.LongInteger:
      return longIntegerValue(value as bigint);
    case ItemType.BigInteger:
      return `0x${formatLeafValue(type, value, context)}`;
    default:
      return formatLeafValue(type, value, context);
  }
}

// §4.1.6.5: JSON numbers hold integers exactly only up to 2^53, so larger Long Integers are hex.
function longIntegerValue(value: bigint): number | string {
  const number = Number(value);
  if (Number.isSafeInteger(number)) {
    return number;
  }
  return `0x${BigInt.asUintN(64, value).toString(16).padStart(16, "0")}`;
}
