import { KmipcheckError } from "../errors";

/** Codes: REPLAY_UNBOUND_PLACEHOLDER, REPLAY_PLACEHOLDER_TYPE, REPLAY_VECTOR_TIMEOUT, REPLAY_INTERRUPTED, REPLAY_CLEANUP_TIMEOUT. */
export class ReplayError extends KmipcheckError {}
