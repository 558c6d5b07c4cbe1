export { Bindings, isUniqueIdentifierPlaceholder, placeholderName } from "./bindings";
export { matchMessage } from "./compare";
export { ObjectLedger, type KnownObject, type ObjectOrigin } from "./objects";
export { formatDateTime, formatValue, typeName } from "./format";
export { DEFAULT_RULES, DEFAULT_TIME_WINDOW_SECONDS, nowOffset, ruleDefinitions } from "./rules";
export type * from "./types";
