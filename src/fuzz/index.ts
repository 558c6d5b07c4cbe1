/** TTLV-aware fuzzing of a KMIP server: seed requests, mutators, the fuzz loop, finding files and their replay. */
export { Prng } from "./prng";
export { builtinSeeds, seedsFromVectorFolders, fillPlaceholders, probeRequest, requestMessage, type SeedRequest, type FillOptions } from "./seeds";
export { MutationEngine, type FuzzCase } from "./mutate";
export { TREE_MUTATORS, type TreeMutator } from "./tree-mutators";
export { BYTE_MUTATORS, type ByteMutator, type ByteEdit, type Framing } from "./byte-mutators";
export { layoutItems, spliceWithin, type ItemSpan } from "./byte-layout";
export { checkResponse, exchange, probe, type Exchange, type ExchangeTimeouts, type ProbeResult } from "./exchange";
export { FuzzRunner, DEFAULT_MAX_FINDINGS, DEFAULT_PROBE_EVERY, DEFAULT_RESPONSE_TIMEOUT_MS, DEFAULT_SETTLE_MS, type FuzzCounts, type FuzzRunOptions, type FuzzSummary, type StopReason } from "./runner";
export { FINDING_FORMAT, loadFinding, saveFinding, type Finding, type FindingKind, type FindingMessage } from "./findings";
export { replayFinding, type ReplayOptions, type ReplayResult } from "./replay";
export { FuzzError, type FuzzErrorCode } from "./errors";
