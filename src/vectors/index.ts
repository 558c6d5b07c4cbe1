/**
 * The vector forms: OASIS KMIP test-case XML (and the JSON encoding) read into templates, and
 * templates written back as XML or JSON or converted to TTLV trees.
 */
export * from "./types";
export { VectorError, type VectorErrorCode, type VectorErrorDetails, type VectorLocation } from "./errors";
export { parseVectorXml, parseTtlvXml, loadVectorFile, findVectorFiles } from "./vector-file";
export { templateToXml } from "./xml-write";
export { parseTtlvJson } from "./json-read";
export { templateToJson, type JsonItem } from "./json-write";
export { toTtlv, replacePlaceholders, findPlaceholders, type PlaceholderResolver } from "./to-ttlv";
export { parseIsoDateTime, formatIsoDateTime } from "./datetime";
export { parseRawSteps, loadRawStepsFile, isRawStepsFile, RAW_STEPS_EXTENSION, type RawStep, type RawStepsVector, type ExpectedOutcome } from "./raw-steps";
export { findErratum, vectorErrata, type VectorErratum } from "./errata";
