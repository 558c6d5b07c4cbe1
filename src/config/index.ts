/**
 * Target configuration: kmipcheck.json (schema in docs/kmipcheck.schema.json), command-line overrides,
 * and the resolved connection settings of the target under test.
 */
export { buildAuthentication } from "./authentication";
export { ConfigError, type ConfigErrorCode } from "./errors";
export { DEFAULT_CONFIG_FILE, loadConfig, parseConfig } from "./load";
export { mergeTarget, selectTarget, type MergedTarget } from "./merge";
export { DEFAULT_PROTOCOL_VERSION, parseProtocolVersion, resolveTarget } from "./resolve";
export { OVERRIDE_FLAGS, validateOverrides } from "./validate";
export type * from "./types";
