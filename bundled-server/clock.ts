/** The server clock. KMIP Date-Time values are POSIX seconds (§9.1.1.4), so the clock counts whole seconds. */
export interface Clock {
  nowSeconds(): bigint;
}

export const systemClock: Clock = {
  nowSeconds: () => BigInt(Math.floor(Date.now() / 1000)),
};
