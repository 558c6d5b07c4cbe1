/**
 * The KMIP 1.4 dictionary: generated constant tables (Tag, one object per enumeration and bit
 * mask), lookup functions and the name normalization rule.
 */
export * from "./generated";
export * from "./dictionary";
export { normalizeName } from "./normalize";
export type * from "./data-types";
export * from "./versions";
export * from "./error-table";
export * from "./request-header";
export * from "./created-objects";
