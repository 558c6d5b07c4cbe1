import { X509Certificate } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { expect } from "chai";
import { startBundledServer, type BundledServer } from "../../bundled-server";
import { certsCommand, parseAddress } from "../../src/cli/certs-command";
import type { Io } from "../../src/cli/run-command";
import { UsageError } from "../../src/cli/usage";
import { KmipcheckError } from "../../src/errors";
import { createTestPki } from "../../src/pki";
import { makeTempDir, type TempDir } from "../config/helpers";

interface CapturedIo extends Io {
  output(): string;
  errors(): string;
}

function captureIo(): CapturedIo {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on("data", (chunk: Buffer) => out.push(chunk));
  stderr.on("data", (chunk: Buffer) => err.push(chunk));

  return { stdout, stderr, stdin: new PassThrough(), output: () => Buffer.concat(out).toString(), errors: () => Buffer.concat(err).toString() };
}

async function expectRejection(promise: Promise<unknown>, type: typeof KmipcheckError, code: string): Promise<KmipcheckError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }

  expect(caught).to.be.instanceOf(type);
  expect((caught as KmipcheckError).code, (caught as Error).message).to.equal(code);
  return caught as KmipcheckError;
}

describe("kmipcheck certs", function () {
  let temp: TempDir;
  let server: BundledServer | undefined;
  let clientCa: string;

  before(function () {
    clientCa = createTestPki().ca.cert;
  });

  beforeEach(function () {
    temp = makeTempDir("kmipcheck-certs-");
  });

  afterEach(async function () {
    await server?.close();
    server = undefined;
    temp.remove();
  });

  it("init writes the PKI and names its files", async function () {
    const io = captureIo();
    const code = await certsCommand(["init", temp.path, "--server-name", "kmip.test", "--server-ip", "127.0.0.1", "--client-name", "bob", "--days", "10"], io);

    expect(code).to.equal(0);
    expect(io.output()).to.contain(`connect with: --client-cert ${join(temp.path, "client.pem")} --client-key ${join(temp.path, "client.key")} --ca ${join(temp.path, "ca.pem")}`);
    const client = new X509Certificate(readFileSync(join(temp.path, "client.pem")));
    expect(client.subject).to.contain("CN=bob");
    const serverCertificate = new X509Certificate(readFileSync(join(temp.path, "server.pem")));
    expect(serverCertificate.subjectAltName).to.equal("DNS:kmip.test, IP Address:127.0.0.1");
  });

  it("init keeps existing files without --force", async function () {
    await certsCommand(["init", temp.path], captureIo());
    const before = readFileSync(join(temp.path, "ca.pem"), "utf8");

    await expectRejection(certsCommand(["init", temp.path], captureIo()), KmipcheckError, "PKI_FILES_EXIST");
    expect(readFileSync(join(temp.path, "ca.pem"), "utf8")).to.equal(before);

    expect(await certsCommand(["init", temp.path, "--force"], captureIo())).to.equal(0);
    expect(readFileSync(join(temp.path, "ca.pem"), "utf8")).to.not.equal(before);
  });

  it("fetch saves the bundled server's certificate", async function () {
    server = await startBundledServer({ host: "127.0.0.1", port: 0, clientCa });
    const out = join(temp.path, "server.pem");
    const io = captureIo();

    const code = await certsCommand(["fetch", `127.0.0.1:${server.port}`, "--out", out, "--timeout-ms", "5000"], io);

    expect(code).to.equal(0);
    expect(readFileSync(out, "utf8").trim()).to.equal(server.certificatePem.trim());
    expect(io.output()).to.contain(`wrote ${out}`);
    expect(io.output()).to.contain("CN=kmipcheck bundled server");
  });

  it("fetch prints PEM without --out", async function () {
    server = await startBundledServer({ host: "127.0.0.1", port: 0, clientCa });
    const io = captureIo();

    await certsCommand(["fetch", `127.0.0.1:${server.port}`], io);

    expect(io.output().trim()).to.equal(server.certificatePem.trim());
    expect(io.errors()).to.match(/^subject: +.*CN=kmipcheck bundled server/);
  });

  it("fetch keeps an existing file without --force", async function () {
    const out = temp.write("server.pem", "old\n");

    const error = await expectRejection(certsCommand(["fetch", "127.0.0.1:1", "--out", out], captureIo()), UsageError, "CLI_USAGE");

    expect(error.message).to.equal(`${out} already exists; give another --out FILE, or --force to replace it`);
    expect(readFileSync(out, "utf8")).to.equal("old\n");
  });

  it("rejects invalid command lines", async function () {
    await expectRejection(certsCommand(["sign"], captureIo()), UsageError, "CLI_USAGE");
    await expectRejection(certsCommand(["init"], captureIo()), UsageError, "CLI_USAGE");
    await expectRejection(certsCommand(["init", temp.path, "--days", "ten"], captureIo()), UsageError, "CLI_USAGE");
    await expectRejection(certsCommand(["fetch", "host:99999"], captureIo()), UsageError, "CLI_USAGE");
    await expectRejection(certsCommand(["fetch", "host:1", "--bogus"], captureIo()), UsageError, "CLI_USAGE");
    expect(existsSync(join(temp.path, "ca.pem")), "no file written").to.equal(false);
  });

  it("prints help", async function () {
    const io = captureIo();

    expect(await certsCommand(["--help"], io)).to.equal(0);
    expect(io.output()).to.match(/^Usage: kmipcheck certs init DIR/);
  });

  it("parses addresses", function () {
    expect(parseAddress("kmip.test")).to.deep.equal({ host: "kmip.test", port: 5696 });
    expect(parseAddress("10.0.0.1:15696")).to.deep.equal({ host: "10.0.0.1", port: 15696 });
    expect(parseAddress("[::1]:5697")).to.deep.equal({ host: "::1", port: 5697 });
  });
});
