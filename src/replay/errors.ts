import { KmipcheckError } from "../errors";

/** Codes: REPLAY_UNBOUND_PLACEHOLDER, REPLAY_PLACEHOLDER_TYPE. */
export class ReplayError extends KmipcheckError {}
