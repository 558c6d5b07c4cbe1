import { expect } from "chai";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OVERRIDE_FLAGS } from "../../src/config";
import { createTestPki, writePki, type PkiFiles } from "../../src/pki";
import { planTarget, type TargetFlags, type TargetPlan } from "../../src/cli/target";
import { TARGET_OPTIONS } from "../../src/cli/target-options";
import { UsageError } from "../../src/cli/usage";

async function planError(flags: TargetFlags): Promise<UsageError> {
  const error = await planTarget(flags).catch((caught: unknown) => caught);
  expect(error).to.be.instanceOf(UsageError);
  return error as UsageError;
}

describe("planTarget", function () {
  this.timeout(30_000);
  let folder: string;
  let files: PkiFiles;
  let configFile: string;

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), "kmipcheck-target-"));
    files = writePki(join(folder, "pki"), createTestPki());
    configFile = join(folder, "kmipcheck.json");
    const target = { host: "127.0.0.1", port: 5697, clientCert: "pki/client.pem", clientKey: "pki/client.key", ca: "pki/ca.pem" };
    await writeFile(configFile, JSON.stringify({ defaultTarget: "lab", targets: { lab: { ...target, responseTimeoutMs: 45000, credential: { username: "operator", password: "secret" }, protocolVersion: "1.2" }, spare: target } }));
  });

  after(async () => {
    if (folder !== undefined) {
      await rm(folder, { recursive: true, force: true });
    }
  });

  const remote = (flags: Partial<TargetFlags>): TargetFlags => ({ target: "127.0.0.1:5696", clientCert: files.clientCert, clientKey: files.clientKey, faults: [], ...flags });

  it("passes transport flags to the connection", async () => {
    const plan = (await planTarget(remote({ serverName: "kmip.example", connectTimeout: "2500", responseTimeout: "750", tlsMinVersion: "TLSv1.2", tlsMaxVersion: "TLSv1.2", ciphers: "ECDHE-RSA-AES128-GCM-SHA256" }))) as TargetPlan & { kind: "remote" };

    expect(plan.kind).to.equal("remote");
    expect(plan.connection).to.include({ host: "127.0.0.1", port: 5696, servername: "kmip.example", connectTimeoutMs: 2500, responseTimeoutMs: 750, minVersion: "TLSv1.2", maxVersion: "TLSv1.2", ciphers: "ECDHE-RSA-AES128-GCM-SHA256" });
  });

  it("rejects an invalid timeout", async () => {
    const error = await planError(remote({ responseTimeout: "soon" }));

    expect(error.message).to.contain("--response-timeout");
    expect(error.message).to.contain('"soon"');
  });

  it("rejects an unknown TLS version", async () => {
    const error = await planError(remote({ tlsMinVersion: "TLSv1.0" }));

    expect(error.message).to.contain("--tls-min-version");
  });

  it("uses the configured default target", async () => {
    const plan = (await planTarget({ config: configFile, faults: [] })) as TargetPlan & { kind: "remote" };

    expect(plan.name).to.equal("lab");
    expect(plan.connection).to.include({ host: "127.0.0.1", port: 5697, responseTimeoutMs: 45000 });
    expect(plan.credential).to.deep.equal({ username: "operator", password: "secret" });
    expect(plan.protocolVersion).to.deep.equal({ major: 1, minor: 2 });
  });

  it("lets flags override a configured target", async () => {
    const plan = (await planTarget({ config: configFile, target: "lab", responseTimeout: "1000", protocolVersion: "1.4", faults: [] })) as TargetPlan & { kind: "remote" };

    expect(plan.connection.responseTimeoutMs).to.equal(1000);
    expect(plan.protocolVersion).to.deep.equal({ major: 1, minor: 4 });
  });

  it("suggests a configured name for a typo", async () => {
    const error = await planError({ config: configFile, target: "lap", faults: [] });

    expect(error.message).to.contain("did you mean lab?");
  });

  it("keeps bundled when asked despite a file", async () => {
    const plan = await planTarget({ config: configFile, target: "bundled", responseTimeout: "900", faults: [] });

    expect(plan.kind).to.equal("bundled");
    expect(plan.kind === "bundled" && plan.timeouts.responseTimeoutMs).to.equal(900);
  });

  it("rejects remote-only flags for bundled", async () => {
    const error = await planError({ target: "bundled", serverName: "kmip.example", faults: [] });

    expect(error.message).to.contain("--server-name");
  });

  it("rejects an unreadable configuration file", async () => {
    const error = await planError({ config: join(folder, "absent.json"), faults: [] });

    expect(error.message).to.contain("absent.json");
  });

  it("names each override flag as an option", () => {
    const options = Object.keys(TARGET_OPTIONS);
    const flags = Object.values(OVERRIDE_FLAGS).filter((flag) => !["--host", "--port", "--password"].includes(flag));

    expect(options).to.include.members(flags.map((flag) => flag.slice(2)));
  });
});
