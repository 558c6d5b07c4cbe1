/** Load mode: drive a request mix over N persistent TLS connections and compare runs. */
export { LatencyHistogram, type LatencySummary } from "./histogram";
export { LOAD_MIXES, type LoadMix } from "./mixes";
export { runLoad, checkLoadOptions, findMix, LoadOptionsError, DEFAULT_RESPONSE_TIMEOUT_MS, type LoadOptions, type LoadProgress } from "./run";
export { buildLoadResult, formatLoadResult, LOAD_RESULT_FORMAT, type LoadResult } from "./result";
export { compareLoadResults, formatComparison, parseLoadResult, DEFAULT_THRESHOLD_PERCENT, ERROR_RATE_TOLERANCE_POINTS, type Comparison, type MetricChange } from "./compare";
export { formatProgress } from "./progress";
