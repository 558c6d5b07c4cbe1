/** Replay of vectors against a server: placeholder binding, step judgement, profile mapping. */
export { runVector, type StepListener } from "./vector";
export { resolveRequest, CARRIED_RESPONSE_VALUE, type ResolveContext, type ResolvedRequest } from "./resolve";
export { judgeResponse, generatedObjectIdentifiers, type Judgement } from "./judge";
export { PROFILES, UNCLASSIFIED_PROFILE, profileOfVector, profileByName, profileNames, type ProfileDefinition } from "./profiles";
export { stepVerdict, vectorVerdict } from "./verdict";
export { ReplayError } from "./errors";
export type * from "./types";
export { selectVectors, runVectors, type SelectedVector, type RunListener } from "./run";
export { runRawStepsVector, CONNECTION_CLOSED_RULE, RAW_STEP_TIMEOUT_MS } from "./raw-vector";
export { diagnoseStep, withFault, withFaults, FAULT_LABELS } from "./diagnosis";
export { cleanUp, CLEANUP_TIMEOUT_MS, type CleanupPlan } from "./cleanup";
export { CreatedObjects } from "./created-objects";
export { connectForVector, httpsEncodingOfVector, HTTPS_VECTOR_PREFIXES, JSON_BODY, XML_BODY } from "./message-encodings";
