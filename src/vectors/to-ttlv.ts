/**
 * Conversion of templates to plain TTLV trees, once every placeholder has a value.
 */
import { ItemType, type TtlvNode } from "../ttlv/types";
import { childSegments } from "../ttlv";
import { tagLabel, tagName } from "../kmip";
import { VectorError } from "./errors";
import { isPlaceholder, type PlaceholderNode, type TemplateNode } from "./types";

/** Returns the value to put in place of a placeholder leaf; `path` addresses the leaf, e.g. `RequestMessage/BatchItem/RequestPayload/UniqueIdentifier`. */
export type PlaceholderResolver = (node: PlaceholderNode, path: string) => TemplateNode;

/** Converts a template to a TTLV tree; throws VECTOR_UNBOUND_PLACEHOLDER naming the first placeholder left. */
export function toTtlv(node: TemplateNode): TtlvNode {
  return convert(node, tagLabel(node.tag));
}

/** Returns a copy of `node` with every placeholder leaf replaced by what `resolve` returns for it. */
export function replacePlaceholders(node: TemplateNode, resolve: PlaceholderResolver): TemplateNode {
  return replace(node, tagLabel(node.tag), resolve);
}

/** Lists the placeholder leaves of `node` with their paths, in document order. */
export function findPlaceholders(node: TemplateNode): { node: PlaceholderNode; path: string }[] {
  const found: { node: PlaceholderNode; path: string }[] = [];
  replace(node, tagLabel(node.tag), (leaf, path) => {
    found.push({ node: leaf, path });
    return leaf;
  });
  return found;
}

function convert(node: TemplateNode, path: string): TtlvNode {
  if (node.type === ItemType.Structure) {
    const labels = childLabels(node.value);
    return { tag: node.tag, type: ItemType.Structure, value: node.value.map((child, i) => convert(child, `${path}/${labels[i]}`)) };
  }

  if (isPlaceholder(node.value)) {
    throw new VectorError("VECTOR_UNBOUND_PLACEHOLDER", "a placeholder has no value bound", {
      path,
      value: node.value.placeholder,
      expected: "every placeholder replaced before the template is encoded",
    });
  }
  return node as TtlvNode;
}

function replace(node: TemplateNode, path: string, resolve: PlaceholderResolver): TemplateNode {
  if (node.type === ItemType.Structure) {
    const labels = childLabels(node.value);
    return { tag: node.tag, type: ItemType.Structure, value: node.value.map((child, i) => replace(child, `${path}/${labels[i]}`, resolve)) };
  }
  return isPlaceholder(node.value) ? resolve(node as PlaceholderNode, path) : node;
}

/** Returns the path labels of sibling items, numbered as the codec numbers them: `BatchItem[2]` where a tag repeats. */
export function childLabels(children: TemplateNode[]): string[] {
  return childSegments(children, tagName);
}
