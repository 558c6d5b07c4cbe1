/**
 * Command-line options that choose and configure the server under test, shared by `run`, `load`
 * and `fuzz`. The flag names come from OVERRIDE_FLAGS of src/config, so that messages about the
 * configuration file and the command line name the same flags.
 */
import { OVERRIDE_FLAGS } from "../config";
import type { TargetFlags } from "./target";

const STRING = { type: "string" } as const;

/**
 * parseArgs options of the target. --target has no default, so that a configured defaultTarget
 * can apply. The keys are the flags of OVERRIDE_FLAGS without their dashes, which a test checks.
 */
export const TARGET_OPTIONS = {
  target: STRING,
  config: STRING,
  "client-cert": STRING,
  "client-key": STRING,
  ca: STRING,
  "server-cert": STRING,
  "server-name": STRING,
  "connect-timeout": STRING,
  "response-timeout": STRING,
  "tls-min-version": STRING,
  "tls-max-version": STRING,
  ciphers: STRING,
  username: STRING,
  "password-env": STRING,
  "protocol-version": STRING,
} as const;

/** Returns the parseArgs key of an override, e.g. "client-cert" for clientCert. */
function key(name: keyof typeof OVERRIDE_FLAGS): string {
  return OVERRIDE_FLAGS[name].slice(2);
}

/** Reads the target flags from parsed values; `faults` only applies to the bundled target of `run`. */
export function targetFlagsOf(values: Record<string, unknown>, faults: string[] = []): TargetFlags {
  const value = (name: keyof typeof OVERRIDE_FLAGS) => values[key(name)] as string | undefined;
  return {
    target: values.target as string | undefined,
    config: values.config as string | undefined,
    clientCert: value("clientCert"),
    clientKey: value("clientKey"),
    ca: value("ca"),
    serverCert: value("pinnedServerCertificate"),
    serverName: value("serverName"),
    connectTimeout: value("connectTimeoutMs"),
    responseTimeout: value("responseTimeoutMs"),
    tlsMinVersion: value("minVersion"),
    tlsMaxVersion: value("maxVersion"),
    ciphers: value("ciphers"),
    username: value("username"),
    passwordEnv: value("passwordEnv"),
    protocolVersion: value("protocolVersion"),
    faults,
  };
}

export const TARGET_HELP = `Target:
  --target NAME|bundled|HOST:PORT  server under test: a target of the configuration file, the
                              bundled emulator (started in-process on 127.0.0.1 with a fresh test
                              PKI), or HOST:PORT (HOST alone means port 5696). Default: the
                              file's defaultTarget, else bundled
  --config FILE               configuration file of targets (default ./kmipcheck.json when it
                              exists); its schema is docs/kmipcheck.schema.json
  --client-cert FILE          PEM client certificate (required for a HOST:PORT target)
  --client-key FILE           PEM private key of the client certificate (required there)
  --ca FILE                   PEM CA certificate(s) that sign the server certificate
  --server-cert FILE          PEM server certificate to pin instead of checking a CA chain
  --server-name NAME          TLS server name (SNI) and name the server certificate must carry,
                              when it differs from the host
  --connect-timeout MS        time allowed to open the TCP and TLS connection, in milliseconds
                              (default 10000)
  --response-timeout MS       time allowed for each response, in milliseconds (default 30000
                              for vectors, 10000 for suite checks)
  --tls-min-version VERSION   lowest TLS version to offer: TLSv1.2 or TLSv1.3
  --tls-max-version VERSION   highest TLS version to offer: TLSv1.2 or TLSv1.3
  --ciphers LIST              OpenSSL cipher list for TLS 1.2, e.g. ECDHE-RSA-AES128-GCM-SHA256
  --username NAME             send a Username and Password Credential with this username in
                              the Authentication of every request header
  --password-env VARIABLE     environment variable that contains the password of --username
  --protocol-version 1.0-1.4  Protocol Version of the requests kmipcheck builds itself (default
                              1.4); vector files keep the version they state
  Flags override the settings of a configured target.`;
