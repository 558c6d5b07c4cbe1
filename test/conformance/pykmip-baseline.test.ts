/**
 * The Baseline suite against a server kmipcheck did not write: PyKMIP 0.10's server. The suite
 * must find its known deviations and nothing else, and --accept-reason must turn the two Result
 * Reason deviations into passes with warnings.
 */
import { expect } from "chai";
import { readFileSync } from "node:fs";
import type { ConnectOptions } from "../../src/transport";
import { requirePyKmip, startPyKmipServer, type PyKmipServer } from "../helpers/pykmip-server";
import { runBaseline } from "./helpers";

/** Tests that fail against PyKMIP 0.10, each for a deviation read in its responses. */
const KNOWN_DEVIATIONS = [
  // Invalid Message where §7.2 Table 283 and §6.10 give Missing Data.
  "Baseline Server: batches Batch Count > 1 without IDs gets Missing Data",
  // Invalid Message for an Operation value PyKMIP cannot parse, where §11.1 gives Operation Not Supported.
  "Baseline Server: errors unknown operation gives Operation Not Supported",
  // The Request Payload Length runs past its Batch Item, and PyKMIP processes the Query anyway.
  "Baseline Server: malformed TTLV length-past-end is rejected, server survives",
  // A 1.9 request gets Invalid Message, where §11.1 says to process another minor version normally.
  "Baseline Server: message header and versions same major, newer minor is processed",
];

describe("Baseline suite against PyKMIP", function () {
  this.timeout(120_000);

  let server: PyKmipServer;
  let connection: ConnectOptions;

  before(async function () {
    requirePyKmip(this);
    server = await startPyKmipServer();
    const files = server.pki.files;
    connection = { host: server.host, port: server.port, ca: readFileSync(files.caCert, "utf8"), cert: readFileSync(files.clientCert, "utf8"), key: readFileSync(files.clientKey, "utf8"), maxVersion: "TLSv1.2" };
  });

  after(async () => {
    await server?.stop();
  });

  it("fails exactly the known deviations", async () => {
    const outcomes = await runBaseline(connection);
    const failing = outcomes.filter((outcome) => outcome.verdict !== "pass").map((outcome) => outcome.name);

    expect(outcomes.length, "Baseline suite tests run").to.be.greaterThan(20);
    expect(failing, server.logTail(20)).to.deep.equal(KNOWN_DEVIATIONS);
  });

  it("accepted reasons pass with warnings", async () => {
    const accepted = new Map([
      ["baseline-unique-batch-item-id-required", new Set(["InvalidMessage"])],
      ["baseline-operation-not-supported", new Set(["InvalidMessage"])],
    ]);
    const outcomes = await runBaseline(connection, /without IDs|unknown operation/, accepted);
    const warnings = outcomes.flatMap((outcome) => outcome.steps.flatMap((step) => step.diffs)).filter((diff) => diff.rule === "accepted-reason");

    expect(outcomes.map((outcome) => outcome.verdict)).to.deep.equal(["pass", "pass"]);
    expect(warnings.length, "one warning per accepted Result Reason").to.be.greaterThan(1);
  });
});
