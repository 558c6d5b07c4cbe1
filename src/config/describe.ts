/**
 * Turns ajv validation errors into one sentence each, naming the key path, what is expected and
 * the value found, e.g. `targets.hsm1.port must be an integer from 1 to 65535, got "abc"`.
 */
import type { ErrorObject } from "ajv";
import { closestKey, describeValue } from "./key-path";

/** The subset of JSON Schema (draft-07) that kmipcheck.schema.json uses. */
export interface SchemaNode {
  $ref?: string;
  description?: string;
  type?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  pattern?: string;
  minProperties?: number;
  properties?: Record<string, SchemaNode>;
  definitions?: Record<string, SchemaNode>;
}

/** Formats the keys of a value as the reader should see them, e.g. "targets.hsm1.port" or "--port". */
export type SubjectFormatter = (keys: readonly string[]) => string;

/** Describes one ajv error (ajv must run with `verbose: true`), or returns undefined for a wrapper error. */
export function describeError(error: ErrorObject, keys: readonly string[], subject: SubjectFormatter, root: SchemaNode): string | undefined {
  const parent = deref(error.parentSchema as SchemaNode, root);

  switch (error.keyword) {
    case "required":
      return describeMissing(keys, error.params.missingProperty as string, parent, subject, root);
    case "additionalProperties":
      return describeUnknownKey(keys, error.params.additionalProperty as string, parent, subject);
    case "propertyNames":
      // ajv reports the failing name again as an error of the inner schema, which carries the detail.
      return undefined;
  }

  if (error.propertyName !== undefined) {
    return `${subject(keys)} has an invalid key ${JSON.stringify(error.propertyName)}; expected ${describeExpected(parent, root)}`;
  }
  return `${subject(keys)} must be ${describeExpected(parent, root)}, got ${describeValue(error.data)}`;
}

/** Describes the values a schema accepts, e.g. "an integer from 1 to 65535" or `one of "1.3", "1.4"`. */
export function describeExpected(node: SchemaNode, root: SchemaNode): string {
  const schema = deref(node, root);
  if (schema.enum !== undefined) {
    return `one of ${schema.enum.map((value) => JSON.stringify(value)).join(", ")}`;
  }

  // A propertyNames schema gives only a pattern, because property names are always strings.
  const type = schema.type ?? (schema.pattern !== undefined ? "string" : undefined);
  switch (type) {
    case "integer":
      return `an integer${describeRange(schema)}`;
    case "string":
      return describeString(schema);
    case "object":
      return schema.minProperties === undefined ? "an object" : `an object with at least ${schema.minProperties} key${schema.minProperties === 1 ? "" : "s"}`;
    case "boolean":
      return "true or false";
    default:
      return type === undefined ? "a valid value" : `a value of type ${type}`;
  }
}

/** Resolves a local "#/definitions/name" reference, keeping the referring node's own keywords. */
export function deref(node: SchemaNode, root: SchemaNode): SchemaNode {
  const match = node.$ref === undefined ? null : /^#\/definitions\/([^/]+)$/.exec(node.$ref);
  if (match === null) {
    return node;
  }

  const { $ref: _ref, ...own } = node;
  return { ...deref(root.definitions?.[match[1]] ?? {}, root), ...own };
}

function describeMissing(keys: readonly string[], missing: string, parent: SchemaNode, subject: SubjectFormatter, root: SchemaNode): string {
  const property = parent.properties?.[missing];
  const expected = property === undefined ? "a value" : describeExpected(property, root);
  const description = property === undefined ? undefined : deref(property, root).description?.replace(/\.$/, "");
  return `${subject([...keys, missing])} is missing; expected ${expected}${description === undefined ? "" : ` (${description})`}`;
}

function describeUnknownKey(keys: readonly string[], key: string, parent: SchemaNode, subject: SubjectFormatter): string {
  const known = Object.keys(parent.properties ?? {}).filter((name) => name !== "$schema");
  const suggestion = closestKey(key, known);
  const hint = suggestion === undefined ? "" : ` (did you mean ${suggestion}?)`;
  return `${subject([...keys, key])} is not a known key${hint}; expected one of ${known.join(", ")}`;
}

function describeRange(schema: SchemaNode): string {
  if (schema.minimum !== undefined && schema.maximum !== undefined) {
    return ` from ${schema.minimum} to ${schema.maximum}`;
  }
  if (schema.minimum !== undefined) {
    return ` of at least ${schema.minimum}`;
  }
  return schema.maximum === undefined ? "" : ` of at most ${schema.maximum}`;
}

function describeString(schema: SchemaNode): string {
  if (schema.pattern !== undefined) {
    return `a string matching ${schema.pattern}`;
  }
  return schema.minLength !== undefined && schema.minLength > 0 ? "a non-empty string" : "a string";
}
