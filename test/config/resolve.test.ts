import { join } from "node:path";
import { expect } from "chai";
import { buildAuthentication, loadConfig, resolveTarget, type KmipcheckConfig } from "../../src/config";
import { CredentialType, Tag } from "../../src/kmip";
import { createTestPki, type TestPki } from "../../src/pki";
import { child, decode, encode, type TtlvNode } from "../../src/ttlv";
import { expectConfigError, makeTempDir, type TempDir } from "./helpers";

describe("config loading and target resolution", function () {
  let pki: TestPki;
  let dir: TempDir;

  before(function () {
    pki = createTestPki();
    dir = makeTempDir();
    dir.write("client.pem", pki.client.cert);
    dir.write("client.key", pki.client.key);
    dir.write("ca.pem", pki.ca.cert);
    dir.write("server.pem", pki.server.cert);
    dir.write("not-pem.txt", "hello\n");
  });

  after(function () {
    dir.remove();
  });

  function writeConfig(document: object, name = "kmipcheck.json"): string {
    return dir.write(name, document);
  }

  const HSM1 = { host: "127.0.0.1", clientCert: "client.pem", clientKey: "client.key", ca: "ca.pem" };

  it("resolves paths against the file's directory", async function () {
    const config = await loadConfig(writeConfig({ targets: { hsm1: HSM1 } }));
    const target = await resolveTarget(config, "hsm1");

    expect(target.name).to.equal("hsm1");
    expect(target.files).to.deep.equal({ clientCert: join(dir.path, "client.pem"), clientKey: join(dir.path, "client.key"), ca: join(dir.path, "ca.pem") });
    expect(target.connection).to.deep.equal({ host: "127.0.0.1", port: 5696, cert: pki.client.cert, key: pki.client.key, ca: pki.ca.cert });
    expect(target.protocolVersion).to.deep.equal({ major: 1, minor: 4 });
    expect(target.credential).to.equal(undefined);
  });

  it("copies TLS, timeout and KMIP settings", async function () {
    const hsm2 = {
      ...HSM1,
      port: 15696,
      serverName: "hsm2.example",
      tls: { minVersion: "TLSv1.2", maxVersion: "TLSv1.2", ciphers: "ECDHE-RSA-AES128-SHA256" },
      credential: { username: "officer", password: "secret" },
      protocolVersion: "1.2",
      connectTimeoutMs: 1500,
      responseTimeoutMs: 2500,
    };
    const config = await loadConfig(writeConfig({ targets: { hsm2 } }));
    const target = await resolveTarget(config, "hsm2");

    expect(target.connection).to.include({ port: 15696, servername: "hsm2.example", minVersion: "TLSv1.2", maxVersion: "TLSv1.2", ciphers: "ECDHE-RSA-AES128-SHA256", connectTimeoutMs: 1500, responseTimeoutMs: 2500 });
    expect(target.credential).to.deep.equal({ username: "officer", password: "secret" });
    expect(target.protocolVersion).to.deep.equal({ major: 1, minor: 2 });
  });

  it("picks defaultTarget or the only target", async function () {
    const several = await loadConfig(writeConfig({ defaultTarget: "b", targets: { a: HSM1, b: { ...HSM1, port: 2 } } }));
    expect((await resolveTarget(several, undefined)).name).to.equal("b");

    const single = await loadConfig(writeConfig({ targets: { only: HSM1 } }));
    expect((await resolveTarget(single, undefined)).name).to.equal("only");
  });

  it("requires a name among several targets", async function () {
    const config = await loadConfig(writeConfig({ targets: { a: HSM1, b: HSM1 } }));
    const error = await expectConfigError(() => resolveTarget(config, undefined), "CONFIG_NO_TARGET");

    expect(error.message).to.equal(`${config.path} defines 2 targets (a, b) and no defaultTarget; name the target to test, or set defaultTarget`);
  });

  it("rejects an unknown target name", async function () {
    const config = await loadConfig(writeConfig({ targets: { hsm1: HSM1, pykmip: HSM1 } }));
    const error = await expectConfigError(() => resolveTarget(config, "hsm2"), "CONFIG_UNKNOWN_TARGET");

    expect(error.message).to.equal(`${config.path} has no target "hsm2" (did you mean hsm1?); expected one of hsm1, pykmip`);
  });

  it("overrides replace file values", async function () {
    const config = await loadConfig(writeConfig({ targets: { hsm1: { ...HSM1, port: 5696, credential: { username: "file-user", password: "file-password" }, tls: { minVersion: "TLSv1.3" } } } }));
    const target = await resolveTarget(config, "hsm1", { port: "15696", pinnedServerCertificate: "server.pem", baseDir: dir.path, password: "flag-password", minVersion: "TLSv1.2", protocolVersion: "1.3" });

    expect(target.connection.port).to.equal(15696);
    expect(target.connection.pinnedServerCertificate).to.equal(pki.server.cert);
    expect(target.connection.ca, "--server-cert replaces the file's ca").to.equal(undefined);
    expect(target.connection.minVersion).to.equal("TLSv1.2");
    expect(target.files.pinnedServerCertificate).to.equal(join(dir.path, "server.pem"));
    expect(target.credential).to.deep.equal({ username: "file-user", password: "flag-password" });
    expect(target.protocolVersion).to.deep.equal({ major: 1, minor: 3 });
  });

  it("resolves override paths against baseDir", async function () {
    const target = await resolveTarget(undefined, undefined, { host: "::1", port: 5697, clientCert: "client.pem", clientKey: "client.key", ca: join(dir.path, "ca.pem"), baseDir: dir.path });

    expect(target.name).to.equal("[::1]:5697");
    expect(target.files.clientCert).to.equal(join(dir.path, "client.pem"));
    expect(target.connection.ca).to.equal(pki.ca.cert);
  });

  it("reads the password from the environment", async function () {
    const config = await loadConfig(writeConfig({ targets: { hsm1: { ...HSM1, credential: { username: "u", passwordEnv: "KMIPCHECK_TEST_PASSWORD" } } } }));

    process.env.KMIPCHECK_TEST_PASSWORD = "from-env";
    try {
      expect((await resolveTarget(config, "hsm1")).credential).to.deep.equal({ username: "u", password: "from-env" });
    } finally {
      delete process.env.KMIPCHECK_TEST_PASSWORD;
    }

    const error = await expectConfigError(() => resolveTarget(config, "hsm1"), "CONFIG_MISSING_ENVIRONMENT");
    expect(error.message).to.contain("environment variable KMIPCHECK_TEST_PASSWORD is not set");
  });

  it("rejects a password without username", async function () {
    const config = await loadConfig(writeConfig({ targets: { hsm1: HSM1 } }));
    const error = await expectConfigError(() => resolveTarget(config, "hsm1", { password: "p" }), "CONFIG_INCOMPLETE_TARGET");

    expect(error.message).to.contain("--username");
  });

  it("names the missing key of an ad hoc target", async function () {
    const error = await expectConfigError(() => resolveTarget(undefined, undefined, { host: "127.0.0.1", clientCert: "client.pem", baseDir: dir.path }), "CONFIG_INCOMPLETE_TARGET");

    expect(error.message).to.equal('target "127.0.0.1:5696" has no clientKey; set it in the configuration file or give --client-key');
  });

  it("requires a target or a host", async function () {
    await expectConfigError(() => resolveTarget(undefined, undefined, {}), "CONFIG_NO_TARGET");
    await expectConfigError(() => resolveTarget(undefined, "hsm1", {}), "CONFIG_UNKNOWN_TARGET");
  });

  it("rejects invalid overrides", async function () {
    const config = await loadConfig(writeConfig({ targets: { hsm1: HSM1 } }));
    const error = await expectConfigError(() => resolveTarget(config, "hsm1", { port: "abc" }), "CONFIG_INVALID_OVERRIDE");

    expect(error.message).to.equal('command line: --port must be an integer from 1 to 65535, got "abc"');
  });

  it("names a missing PEM file and its key", async function () {
    const config = await loadConfig(writeConfig({ targets: { hsm1: { ...HSM1, clientCert: "missing.pem" } } }));
    const error = await expectConfigError(() => resolveTarget(config, "hsm1"), "CONFIG_FILE_UNREADABLE");

    expect(error.message).to.equal(`cannot read ${join(dir.path, "missing.pem")} (targets.hsm1.clientCert in ${config.path}): no such file; give the path of a PEM file`);
  });

  it("rejects a file that is not PEM", async function () {
    const config = await loadConfig(writeConfig({ targets: { hsm1: { ...HSM1, clientKey: "client.pem" } } }));
    const error = await expectConfigError(() => resolveTarget(config, "hsm1"), "CONFIG_FILE_UNREADABLE");
    expect(error.message).to.contain("is not a PEM private key");

    const flagged = await expectConfigError(() => resolveTarget(config, "hsm1", { ca: "not-pem.txt", clientKey: "client.key", baseDir: dir.path }), "CONFIG_FILE_UNREADABLE");
    expect(flagged.message).to.equal(`${join(dir.path, "not-pem.txt")} (--ca) is not a PEM certificate (-----BEGIN CERTIFICATE-----)`);
  });

  it("reports a missing configuration file", async function () {
    const error = await expectConfigError(() => loadConfig(join(dir.path, "absent.json")), "CONFIG_NOT_FOUND");
    expect(error.message).to.contain("absent.json not found");

    await expectConfigError(() => loadConfig(dir.path), "CONFIG_UNREADABLE");
  });

  it("prefixes problems with the path given", async function () {
    const path = writeConfig({ targets: { hsm1: { ...HSM1, port: "abc" } } }, "bad.json");
    const error = await expectConfigError(() => loadConfig(path), "CONFIG_INVALID");

    expect(error.message).to.equal(`${path}: targets.hsm1.port must be an integer from 1 to 65535, got "abc"`);
  });

  it("leaves the loaded config unchanged", async function () {
    const config: KmipcheckConfig = await loadConfig(writeConfig({ targets: { hsm1: HSM1 } }));
    await resolveTarget(config, "hsm1", { port: 1 });

    expect(config.targets.hsm1, "overrides do not change the loaded config").to.deep.equal(HSM1);
  });
});

function required(node: TtlvNode | undefined): TtlvNode {
  expect(node, "expected the item to be present").to.not.equal(undefined);
  return node as TtlvNode;
}

describe("config Authentication header", function () {
  it("builds a Username and Password Credential", function () {
    const node = decode(encode(buildAuthentication({ username: "officer", password: "secret" })));

    expect(node.tag).to.equal(Tag.Authentication);
    const credential = required(child(node, Tag.Credential));
    expect(child(credential, Tag.CredentialType)?.value).to.equal(CredentialType.UsernameAndPassword);
    const value = required(child(credential, Tag.CredentialValue));
    expect(child(value, Tag.Username)?.value).to.equal("officer");
    expect(child(value, Tag.Password)?.value).to.equal("secret");
  });

  it("leaves out an absent password", function () {
    const node = buildAuthentication({ username: "officer" });
    const value = required(child(required(child(node, Tag.Credential)), Tag.CredentialValue));

    expect(child(value, Tag.Password)).to.equal(undefined);
  });
});
