/**
 * Ctrl-C during a run: kmipcheck stops the vector that is running, writes report.json, junit.xml
 * and report.html with the vectors done and the interrupted one, and exits with 130.
 */
import { expect } from "chai";
import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createServer, type Server, type TLSSocket } from "node:tls";
import { startBundledServer, type BundledServer } from "../../bundled-server";
import { createTestPki, writePki, type PkiFiles, type TestPki } from "../../src/pki";
import type { RunReport } from "../../src/report";
import { KmipConnection } from "../../src/transport";
import { FrameAssembler } from "../../src/ttlv";
import { REPO_ROOT } from "../cli/spawn";

const BIN = resolve(REPO_ROOT, "bin/kmipcheck.js");
const RESPONSE_DELAY_MS = 250;

/**
 * Starts a TLS server that forwards each request to the bundled server and returns its response
 * RESPONSE_DELAY_MS later, so that a run takes long enough to be interrupted midway.
 */
async function startSlowRelay(pki: TestPki, upstream: BundledServer): Promise<Server> {
  const server = createServer({ cert: pki.server.cert, key: pki.server.key, ca: pki.ca.cert, requestCert: true, rejectUnauthorized: true }, (socket: TLSSocket) => {
    const frames = new FrameAssembler();
    const connecting = KmipConnection.connect({ host: upstream.host, port: upstream.port, ca: upstream.certificatePem, cert: pki.client.cert, key: pki.client.key });
    let queue = Promise.resolve();

    socket.on("data", (chunk: Buffer) => {
      for (const request of frames.push(chunk)) {
        queue = queue.then(async () => {
          const response = await (await connecting).roundTrip(request);
          await sleep(RESPONSE_DELAY_MS);
          socket.write(response);
        });
      }
      queue = queue.catch(() => {
        socket.destroy();
      });
    });
    socket.on("error", () => socket.destroy());
    socket.on("close", () => void connecting.then((connection) => connection.close(), () => undefined));
  });

  await new Promise<void>((resolvePromise) => server.listen(0, "127.0.0.1", resolvePromise));
  return server;
}

describe("kmipcheck run interrupted by Ctrl-C", function () {
  this.timeout(120_000);
  let folder: string;
  let files: PkiFiles;
  let upstream: BundledServer;
  let relay: Server;

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), "kmipcheck-interrupt-"));
    const pki = createTestPki({ serverIps: ["127.0.0.1"] });
    files = writePki(join(folder, "pki"), pki);
    upstream = await startBundledServer({ host: "127.0.0.1", port: 0, clientCa: pki.ca.cert });
    relay = await startSlowRelay(pki, upstream);
  });

  after(async () => {
    relay?.close();
    await upstream?.close();
    if (folder !== undefined) {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("writes the reports and exits 130", async () => {
    const reportDir = join(folder, "reports");
    const port = (relay.address() as { port: number }).port;
    const args = ["run", "--target", `127.0.0.1:${port}`, "--client-cert", files.clientCert, "--client-key", files.clientKey, "--ca", files.caCert,
      "--vectors", join(REPO_ROOT, "vectors", "positive"), "--report-dir", reportDir];
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolveExit) => child.on("exit", (code) => resolveExit(code)));

    // Interrupt once the first vector has finished, while the second is running.
    await new Promise<void>((resolveFirst, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        if (/^(PASS|FAIL|ERROR) /m.test(stdout)) resolveFirst();
      });
      void exited.then(() => reject(new Error(`kmipcheck ended before the first vector finished:\n${stdout}\n${stderr}`)));
    });
    await sleep(RESPONSE_DELAY_MS);
    child.kill("SIGINT");
    const code = await exited;

    expect(code, `${stdout}\n${stderr}`).to.equal(130);
    expect(stderr).to.contain("interrupted");
    const [runId] = await readdir(reportDir);
    expect(await readdir(join(reportDir, runId))).to.include.members(["report.json", "junit.xml", "report.html"]);

    const report = JSON.parse(await readFile(join(reportDir, runId, "report.json"), "utf8")) as RunReport;
    expect(report.vectors.map((vector) => vector.name)).to.deep.equal(["AKLC-KC-1", "CS-BC-KC-1"]);
    expect(report.vectors[0].verdict).to.equal("pass");
    expect(report.vectors[1].verdict).to.equal("error");
    const interrupted = report.vectors[1].steps.filter((step) => step.error?.message.includes("interrupted") === true);
    expect(interrupted, JSON.stringify(report.vectors[1].steps.map((step) => step.error))).to.not.be.empty;

    const junit = await readFile(join(reportDir, runId, "junit.xml"), "utf8");
    expect(junit).to.contain('name="CS-BC-KC-1"');
    const html = await readFile(join(reportDir, runId, "report.html"), "utf8");
    expect(html).to.contain("CS-BC-KC-1");
  });
});
