/**
 * Times the bundled server's request processing without TLS: RequestProcessor.process in a loop,
 * on the load mixes' own requests. Run it under `node --cpu-prof` to profile the server's hot path:
 *
 *   node dist/bench/processor-loop.js query|symmetric [SECONDS]
 *
 * Not part of `npm run bench`; BENCHMARKS.md quotes it.
 */
import { Operation, Tag } from "../src/kmip";
import { batchItem, requestMessage } from "../src/load/requests";
import { createAesKeyPayload, identifierPayload, queryPayload } from "../src/load/payloads";
import { requiredText, singleBatchResult } from "../src/load/responses";
import { decode, encode } from "../src/ttlv";
import { systemClock } from "../bundled-server/clock";
import { X931Rng } from "../bundled-server/crypto/x931-rng";
import { OwnedStores } from "../bundled-server/identity";
import { createRouteTable } from "../bundled-server/operations";
import { RequestProcessor, SILENT_LOG } from "../bundled-server/processor";
import type { TtlvNode } from "../src/ttlv/types";

const CLIENT = { subject: "CN=processor-loop", commonName: "processor-loop" };
const USAGE = "usage: node dist/bench/processor-loop.js query|symmetric [SECONDS]";

function createProcessor(): RequestProcessor {
  const policy = { leaseTimeSeconds: 3600, vendorIdentification: "kmipcheck bundled server" };
  return new RequestProcessor({ stores: new OwnedStores(), routes: createRouteTable(), rng: new X931Rng(), clock: systemClock, policy, faults: {}, maxNestingDepth: 32, users: undefined });
}

async function send(processor: RequestProcessor, operation: number, payload: TtlvNode[]): Promise<Buffer> {
  return processor.process(encode(requestMessage([batchItem(operation, payload)])), SILENT_LOG, CLIENT);
}

/** Runs one iteration of the mix and returns the number of requests it sent. */
async function iterate(processor: RequestProcessor, mix: string, query: Buffer): Promise<number> {
  if (mix === "query") {
    await processor.process(query, SILENT_LOG, CLIENT);
    return 1;
  }

  const created = singleBatchResult(decode(await send(processor, Operation.Create, createAesKeyPayload())));
  const identifier = requiredText(created.payload, Tag.UniqueIdentifier, "Unique Identifier");
  await send(processor, Operation.GetAttributes, identifierPayload(identifier));
  await send(processor, Operation.Destroy, identifierPayload(identifier));
  return 3;
}

async function main(): Promise<void> {
  const [mix = "query", secondsText = "3"] = process.argv.slice(2);
  const seconds = Number(secondsText);
  if ((mix !== "query" && mix !== "symmetric") || !(seconds > 0)) throw new Error(USAGE);

  const processor = createProcessor();
  const query = encode(requestMessage([batchItem(Operation.Query, queryPayload())]));
  const start = performance.now();
  let requests = 0;

  while (performance.now() - start < seconds * 1000) {
    requests += await iterate(processor, mix, query);
  }
  const microseconds = ((performance.now() - start) * 1000) / requests;
  const note = mix === "symmetric" ? " (with the requests' encoding and the Create responses' decoding)" : "";
  console.log(`${mix}: ${requests} requests, ${microseconds.toFixed(2)} us per request${note}`);
}

main().catch((error: unknown) => {
  console.error(`processor-loop: ${(error as Error).message}`);
  process.exitCode = 2;
});
