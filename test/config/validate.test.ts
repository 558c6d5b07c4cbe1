import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect } from "chai";
import { parseConfig, validateOverrides } from "../../src/config";
import { expectConfigError } from "./helpers";

const VALID_TARGET = { host: "hsm1.example", clientCert: "client.pem", clientKey: "client.key" };

function parse(document: unknown) {
  return parseConfig(JSON.stringify(document), "kmipcheck.json", "/etc/kmipcheck");
}

function target(extra: Record<string, unknown>) {
  return { targets: { hsm1: { ...VALID_TARGET, ...extra } } };
}

/** Each case: a document and the exact message lines it must produce. */
const BAD_DOCUMENTS: { name: string; document: unknown; lines: string[] }[] = [
  { name: "port not an integer", document: target({ port: "abc" }), lines: ['kmipcheck.json: targets.hsm1.port must be an integer from 1 to 65535, got "abc"'] },
  { name: "port out of range", document: target({ port: 70000 }), lines: ["kmipcheck.json: targets.hsm1.port must be an integer from 1 to 65535, got 70000"] },
  { name: "port fractional", document: target({ port: 5696.5 }), lines: ["kmipcheck.json: targets.hsm1.port must be an integer from 1 to 65535, got 5696.5"] },
  { name: "missing host", document: { targets: { hsm1: { clientCert: "c", clientKey: "k" } } }, lines: ["kmipcheck.json: targets.hsm1.host is missing; expected a non-empty string (Host name or IP address of the server)"] },
  {
    name: "unknown key with suggestion",
    document: target({ prot: 5696 }),
    lines: ["kmipcheck.json: targets.hsm1.prot is not a known key (did you mean port?); expected one of host, port, clientCert, clientKey, ca, pinnedServerCertificate, serverName, tls, credential, protocolVersion, connectTimeoutMs, responseTimeoutMs"],
  },
  { name: "unknown TLS version", document: target({ tls: { minVersion: "TLSv1.1" } }), lines: ['kmipcheck.json: targets.hsm1.tls.minVersion must be one of "TLSv1.2", "TLSv1.3", got "TLSv1.1"'] },
  { name: "unknown TLS key", document: target({ tls: { cipher: "AES128-SHA256" } }), lines: ["kmipcheck.json: targets.hsm1.tls.cipher is not a known key (did you mean ciphers?); expected one of minVersion, maxVersion, ciphers"] },
  { name: "empty cipher list", document: target({ tls: { ciphers: "" } }), lines: ['kmipcheck.json: targets.hsm1.tls.ciphers must be a non-empty string, got ""'] },
  { name: "protocol version", document: target({ protocolVersion: "2.0" }), lines: ['kmipcheck.json: targets.hsm1.protocolVersion must be one of "1.0", "1.1", "1.2", "1.3", "1.4", got "2.0"'] },
  { name: "protocol version as number", document: target({ protocolVersion: 1.4 }), lines: ['kmipcheck.json: targets.hsm1.protocolVersion must be one of "1.0", "1.1", "1.2", "1.3", "1.4", got 1.4'] },
  { name: "timeout zero", document: target({ responseTimeoutMs: 0 }), lines: ["kmipcheck.json: targets.hsm1.responseTimeoutMs must be an integer from 1 to 3600000, got 0"] },
  { name: "credential without username", document: target({ credential: { password: "secret" } }), lines: ["kmipcheck.json: targets.hsm1.credential.username is missing; expected a non-empty string"] },
  { name: "bad environment variable name", document: target({ credential: { username: "u", passwordEnv: "1PASSWORD" } }), lines: ['kmipcheck.json: targets.hsm1.credential.passwordEnv must be a string matching ^[A-Za-z_][A-Za-z0-9_]*$, got "1PASSWORD"'] },
  { name: "path not a string", document: target({ ca: ["ca.pem"] }), lines: ["kmipcheck.json: targets.hsm1.ca must be a non-empty string, got an array"] },
  { name: "target not an object", document: { targets: { hsm1: "10.0.0.1" } }, lines: ['kmipcheck.json: targets.hsm1 must be an object, got "10.0.0.1"'] },
  { name: "invalid target name", document: { targets: { "hsm 1": VALID_TARGET } }, lines: ['kmipcheck.json: targets has an invalid key "hsm 1"; expected a string matching ^[A-Za-z0-9][A-Za-z0-9._-]*$'] },
  { name: "dotted target name", document: { targets: { "hsm.1": { ...VALID_TARGET, port: -1 } } }, lines: ['kmipcheck.json: targets["hsm.1"].port must be an integer from 1 to 65535, got -1'] },
  { name: "no targets key", document: {}, lines: ["kmipcheck.json: targets is missing; expected an object with at least 1 key (Targets by name)"] },
  { name: "empty targets", document: { targets: {} }, lines: ["kmipcheck.json: targets must be an object with at least 1 key, got an empty object"] },
  { name: "top level an array", document: [], lines: ["kmipcheck.json: the top level must be an object, got an empty array"] },
  { name: "unknown top-level key", document: { targets: { hsm1: VALID_TARGET }, target: "hsm1" }, lines: ["kmipcheck.json: target is not a known key (did you mean targets?); expected one of defaultTarget, targets"] },
  {
    name: "ca and pinned certificate",
    document: target({ ca: "ca.pem", pinnedServerCertificate: "server.pem" }),
    lines: ["kmipcheck.json: targets.hsm1.ca and targets.hsm1.pinnedServerCertificate are both set; give only one: the first verifies the server certificate against a CA, the second accepts exactly that certificate"],
  },
  { name: "TLS versions reversed", document: target({ tls: { minVersion: "TLSv1.3", maxVersion: "TLSv1.2" } }), lines: ["kmipcheck.json: targets.hsm1.tls.minVersion TLSv1.3 is above targets.hsm1.tls.maxVersion TLSv1.2; lower the minimum or raise the maximum"] },
  { name: "password twice", document: target({ credential: { username: "u", password: "p", passwordEnv: "P" } }), lines: ["kmipcheck.json: targets.hsm1.credential.password and targets.hsm1.credential.passwordEnv are both set; give one"] },
  { name: "unknown defaultTarget", document: { defaultTarget: "hsm2", targets: { hsm1: VALID_TARGET } }, lines: ['kmipcheck.json: defaultTarget "hsm2" is not a key of targets; expected one of hsm1'] },
];

describe("config validation", function () {
  it("valid file with every key", function () {
    const document = {
      $schema: "./kmipcheck.schema.json",
      defaultTarget: "hsm1",
      targets: {
        hsm1: {
          ...VALID_TARGET,
          port: 15696,
          ca: "ca.pem",
          serverName: "hsm1.example",
          tls: { minVersion: "TLSv1.2", maxVersion: "TLSv1.2", ciphers: "ECDHE-RSA-AES128-SHA256" },
          credential: { username: "officer", password: "secret" },
          protocolVersion: "1.2",
          connectTimeoutMs: 2000,
          responseTimeoutMs: 60000,
        },
        pykmip: { ...VALID_TARGET, pinnedServerCertificate: "pykmip.pem", credential: { username: "u", passwordEnv: "PYKMIP_PASSWORD" } },
      },
    };

    const config = parse(document);

    expect(config.path).to.equal("kmipcheck.json");
    expect(config.baseDir).to.equal("/etc/kmipcheck");
    expect(config.defaultTarget).to.equal("hsm1");
    expect(config.targets.hsm1.tls?.ciphers).to.equal("ECDHE-RSA-AES128-SHA256");
    expect(config.targets.pykmip.pinnedServerCertificate).to.equal("pykmip.pem");
  });

  for (const { name, document, lines } of BAD_DOCUMENTS) {
    it(`rejects ${name}`, async function () {
      const error = await expectConfigError(() => parse(document), "CONFIG_INVALID");
      expect(error.message.split("\n")).to.deep.equal(lines);
      expect(error.context.problems).to.have.length(lines.length);
    });
  }

  it("lists several problems at once", async function () {
    const error = await expectConfigError(() => parse(target({ port: "abc", protocolVersion: "9", extra: true })), "CONFIG_INVALID");

    const lines = error.message.split("\n");
    expect(lines).to.have.length(3);
    expect(lines).to.include('kmipcheck.json: targets.hsm1.port must be an integer from 1 to 65535, got "abc"');
    expect(lines.every((line) => line.startsWith("kmipcheck.json: targets.hsm1."))).to.equal(true);
  });

  it("invalid JSON gives line and column", async function () {
    const text = '{\n  "targets": {\n    "hsm1": { "host": "h", }\n  }\n}\n';
    const error = await expectConfigError(() => parseConfig(text, "kmipcheck.json", "/"), "CONFIG_INVALID_JSON");

    expect(error.message).to.match(/^kmipcheck\.json: invalid JSON at line 3, column 28: /);
  });

  it("accepts a byte order mark", function () {
    const config = parseConfig(`\uFEFF${JSON.stringify(target({}))}`, "kmipcheck.json", "/");
    expect(Object.keys(config.targets)).to.deep.equal(["hsm1"]);
  });
});

describe("config overrides validation", function () {
  it("turns decimal strings into integers", function () {
    const overrides = validateOverrides({ port: "15696", connectTimeoutMs: " 500 ", responseTimeoutMs: 700, host: "h", clientCert: undefined });

    expect(overrides).to.deep.equal({ port: 15696, connectTimeoutMs: 500, responseTimeoutMs: 700, host: "h" });
  });

  const BAD_OVERRIDES: { name: string; overrides: Record<string, unknown>; line: string }[] = [
    { name: "port text", overrides: { port: "abc" }, line: 'command line: --port must be an integer from 1 to 65535, got "abc"' },
    { name: "port too large", overrides: { port: "65536" }, line: "command line: --port must be an integer from 1 to 65535, got 65536" },
    { name: "TLS version", overrides: { minVersion: "1.2" }, line: 'command line: --tls-min-version must be one of "TLSv1.2", "TLSv1.3", got "1.2"' },
    { name: "protocol version", overrides: { protocolVersion: "1.5" }, line: 'command line: --protocol-version must be one of "1.0", "1.1", "1.2", "1.3", "1.4", got "1.5"' },
    { name: "empty host", overrides: { host: "" }, line: 'command line: --host must be a non-empty string, got ""' },
    {
      name: "ca and server certificate",
      overrides: { ca: "ca.pem", pinnedServerCertificate: "server.pem" },
      line: "command line: --ca and --server-cert are both set; give only one: the first verifies the server certificate against a CA, the second accepts exactly that certificate",
    },
    { name: "TLS versions reversed", overrides: { minVersion: "TLSv1.3", maxVersion: "TLSv1.2" }, line: "command line: --tls-min-version TLSv1.3 is above --tls-max-version TLSv1.2; lower the minimum or raise the maximum" },
    { name: "password twice", overrides: { username: "u", password: "p", passwordEnv: "P" }, line: "command line: --password and --password-env are both set; give one" },
  ];

  for (const { name, overrides, line } of BAD_OVERRIDES) {
    it(`rejects ${name}`, async function () {
      const error = await expectConfigError(() => validateOverrides(overrides), "CONFIG_INVALID_OVERRIDE");
      expect(error.message).to.equal(line);
    });
  }
});

describe("config example file", function () {
  it("passes validation", function () {
    const path = join(__dirname, "../../../docs/kmipcheck.example.json");
    const config = parseConfig(readFileSync(path, "utf8"), path, dirname(path));

    expect(config.defaultTarget).to.equal("pykmip");
    expect(Object.keys(config.targets)).to.deep.equal(["pykmip", "hsm1"]);
  });
});
