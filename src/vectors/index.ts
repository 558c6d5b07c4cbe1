/**
 * The vector forms: OASIS KMIP test-case XML read into templates, and templates written back as XML
 * or converted to TTLV trees.
 */
export * from "./types";
export { VectorError, type VectorErrorCode, type VectorErrorDetails, type VectorLocation } from "./errors";
export { parseVectorXml, parseTtlvXml, loadVectorFile, findVectorFiles } from "./vector-file";
export { templateToXml } from "./xml-write";
export { toTtlv, replacePlaceholders, findPlaceholders, type PlaceholderResolver } from "./to-ttlv";
export { parseIsoDateTime, formatIsoDateTime } from "./datetime";
