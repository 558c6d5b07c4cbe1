/** Names items of an encoded message in mutation descriptions. */
import { tagLabel } from "../kmip";
import { formatOffset } from "../ttlv/errors";
import type { ItemSpan } from "./byte-layout";

/** Returns e.g. `RequestMessage/BatchItem/Operation (offset 0x38)`: the tags from the top-level item down. */
export function describeSpan(spans: readonly ItemSpan[], index: number): string {
  const labels: string[] = [];
  for (let current = index; current >= 0; current = spans[current].parent) {
    labels.unshift(tagLabel(spans[current].tag));
  }
  return `${labels.join("/")} (offset ${formatOffset(spans[index].offset)})`;
}
