import { expect } from "chai";
import { existsSync, readFileSync } from "node:fs";
import { startBundledServer, type BundledServer } from "../../bundled-server";
import { builtinSeeds, FuzzRunner, loadFinding, MutationEngine, replayFinding, type FuzzSummary } from "../../src/fuzz";
import { toHex } from "../../src/ttlv";
import { clientOptions, fuzzPki, startFakeServer, temporaryReportDir, type FakeServer } from "./helpers";

const SEED = "kmipcheck-fuzz-test";

function runner(port: number, reportDir: string, overrides: { iterations: number; responseTimeoutMs?: number }): FuzzRunner {
  return new FuzzRunner({ connection: clientOptions(port), seeds: builtinSeeds(), seed: SEED, reportDir, ...overrides });
}

describe("fuzz run against the bundled server", function () {
  this.timeout(60_000);
  let server: BundledServer;

  before(async () => {
    const pki = fuzzPki();
    server = await startBundledServer({ host: "127.0.0.1", port: 0, clientCa: pki.ca.cert, cert: pki.server.cert, key: pki.server.key });
  });

  after(() => server?.close());

  it("survives 2,000 messages", async () => {
    const reportDir = temporaryReportDir();
    const summary = await runner(server.port, reportDir, { iterations: 2000 }).run();

    expect(summary.counts.sent).to.equal(2000);
    expect(summary.counts.crash, summary.findingFiles.join(", ")).to.equal(0);
    expect(summary.counts.hang, summary.findingFiles.join(", ")).to.equal(0);
    expect(summary.counts.malformed, summary.findingFiles.join(", ")).to.equal(0);
    expect(summary.counts.answered).to.be.above(1000);
    expect(summary.counts.closed + summary.counts.waited).to.be.above(0);
    expect(summary.counts.probes).to.be.above(20);
    expect(summary.counts.probesPassed).to.equal(summary.counts.probes);
    expect(summary.counts.created).to.be.above(0);
    expect(summary.counts.destroyed).to.equal(summary.counts.created);
    expect(summary.stopReason).to.equal("iterations");
    expect(existsSync(`${reportDir}/summary.json`)).to.equal(true);
  });

  it("stops after the duration", async () => {
    const fuzz = new FuzzRunner({ connection: clientOptions(server.port), seeds: builtinSeeds(), seed: SEED, reportDir: temporaryReportDir(), iterations: Infinity, durationMs: 300 });
    const summary = await fuzz.run();

    expect(summary.stopReason).to.equal("duration");
    expect(summary.counts.sent).to.be.above(0);
    expect(summary.durationMs).to.be.below(10_000);
  });

  it("stops when aborted and still summarizes", async () => {
    const reportDir = temporaryReportDir();
    const controller = new AbortController();
    const fuzz = new FuzzRunner({
      connection: clientOptions(server.port),
      seeds: builtinSeeds(),
      seed: SEED,
      reportDir,
      iterations: 10_000,
      onProgress: (counts) => {
        if (counts.sent === 25) controller.abort();
      },
    });
    const summary = await fuzz.run(controller.signal);

    expect(summary.stopReason).to.equal("aborted");
    expect(summary.counts.sent).to.equal(25);
    expect(existsSync(`${reportDir}/summary.json`)).to.equal(true);
  });
});

describe("fuzz run against faulty servers", function () {
  this.timeout(30_000);
  let fake: FakeServer | undefined;

  afterEach(() => fake?.close());

  async function fuzzFake(behaviour: "hang" | "garbage" | "die", iterations: number): Promise<FuzzSummary> {
    fake = await startFakeServer(behaviour);
    return runner(fake.port, temporaryReportDir(), { iterations, responseTimeoutMs: 400 }).run();
  }

  it("classifies silence as hang", async () => {
    const summary = await fuzzFake("hang", 6);

    expect(summary.counts.hang).to.be.at.least(1);
    expect(summary.counts.hang + summary.counts.waited).to.equal(6);
    expect(summary.counts.crash).to.equal(0);
    expect(summary.counts.probesPassed).to.equal(summary.counts.probes);
    expect(summary.findingFiles).to.have.length(summary.counts.hang);

    const replay = await replayFinding(summary.findingFiles[0], { connection: clientOptions(fake!.port), responseTimeoutMs: 400 });
    expect(replay.verdict).to.equal("hang");
  });

  it("classifies garbage as malformed", async () => {
    const summary = await fuzzFake("garbage", 6);

    expect(summary.counts.malformed).to.be.at.least(1);
    expect(summary.counts.answered).to.equal(0);
    const finding = await loadFinding(summary.findingFiles[0]);
    expect(finding.kind).to.equal("malformed");
    expect(finding.responseHex).to.equal("42007b01000000104200000b000000040000000100000000");
    expect(finding.detail).to.match(/not valid TTLV.*unknown item type 0x0b/);

    const replay = await replayFinding(summary.findingFiles[0], { connection: clientOptions(fake!.port), responseTimeoutMs: 400 });
    expect(replay.verdict).to.equal("malformed");
  });

  it("saves a reproducer with seed and iteration", async () => {
    const summary = await fuzzFake("hang", 6);
    const path = summary.findingFiles[0];
    const finding = await loadFinding(path);

    expect(finding.seed).to.equal(SEED);
    expect(finding.messages).to.have.length(1);
    const regenerated = new MutationEngine(builtinSeeds(), SEED).generate(finding.iteration);
    expect(finding.messages[0].hex).to.equal(toHex(regenerated.bytes));
    expect(finding.messages[0].description).to.equal(regenerated.description);
    expect(readFileSync(path.replace(/\.json$/, ".hex"), "utf8").trim()).to.equal(finding.messages[0].hex);
  });

  it("classifies a stopped server as crash", async () => {
    const summary = await fuzzFake("die", 10);

    expect(summary.counts.crash).to.equal(1);
    expect(summary.stopReason).to.equal("target-down");
    expect(fake!.otherMessages).to.equal(1);
    const finding = await loadFinding(summary.findingFiles[0]);
    expect(finding.kind).to.equal("crash");
    expect(finding.messages.length).to.be.at.least(1);

    fake = await startFakeServer("die");
    const replay = await replayFinding(summary.findingFiles[0], { connection: clientOptions(fake.port), responseTimeoutMs: 400 });
    expect(replay.verdict).to.equal("crash");
  });
});
