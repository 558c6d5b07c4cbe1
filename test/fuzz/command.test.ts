import { expect } from "chai";
import { PassThrough } from "node:stream";
import { fuzzCommand } from "../../src/cli/fuzz-command";
import type { Io } from "../../src/cli/run-command";
import { writePki } from "../../src/pki";
import { fuzzPki, startFakeServer, temporaryReportDir, type FakeServer } from "./helpers";

interface Captured {
  io: Io;
  stdout(): string;
}

function captureIo(): Captured {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
  return { io: { stdout, stderr: new PassThrough(), stdin: new PassThrough() }, stdout: () => Buffer.concat(chunks).toString("utf8") };
}

describe("kmipcheck fuzz command", function () {
  this.timeout(30_000);
  let fake: FakeServer | undefined;

  afterEach(() => fake?.close());

  it("passes on the bundled server", async () => {
    const captured = captureIo();
    const code = await fuzzCommand(["--iterations", "200", "--seed", "command", "--report-dir", temporaryReportDir()], captured.io);

    expect(code, captured.stdout()).to.equal(0);
    expect(captured.stdout()).to.match(/with seed command: 3 seed requests, 200 messages/);
    expect(captured.stdout()).to.match(/done \(iterations\): 200 messages/);
    expect(captured.stdout()).to.match(/crash 0, hang 0, malformed 0/);
    expect(captured.stdout()).to.match(/peak RSS of kmipcheck and the bundled server: [\d.]+ MiB/);
  });

  it("fails and replays a hang", async () => {
    fake = await startFakeServer("hang");
    const files = writePki(temporaryReportDir(), fuzzPki());
    const target = ["--target", `127.0.0.1:${fake.port}`, "--client-cert", files.clientCert, "--client-key", files.clientKey, "--ca", files.caCert, "--response-timeout", "300"];

    const run = captureIo();
    const code = await fuzzCommand([...target, "--iterations", "4", "--seed", "command", "--report-dir", temporaryReportDir()], run.io);
    expect(code, run.stdout()).to.equal(1);
    const saved = /saved to (\S+\.json)/.exec(run.stdout());
    expect(saved, run.stdout()).to.not.equal(null);

    const replay = captureIo();
    const replayCode = await fuzzCommand([...target, "--replay", saved![1]], replay.io);
    expect(replayCode, replay.stdout()).to.equal(1);
    expect(replay.stdout()).to.match(/^replayed hang finding of seed command, iteration \d+ \(1 message\)$/m);
    expect(replay.stdout()).to.match(/^hang: no complete response/m);
  });

  it("rejects an invalid iteration count", async () => {
    const captured = captureIo();
    const error = await fuzzCommand(["--iterations", "ten"], captured.io).then(
      () => undefined,
      (thrown: unknown) => thrown as Error,
    );
    expect(error?.message).to.equal("invalid --iterations ten: give a whole number of at least 1");
  });
});
