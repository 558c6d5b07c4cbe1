/** Turning a configured target plus command-line overrides into transport options and KMIP settings. */
import { readFile } from "node:fs/promises";
import type { ConnectOptions } from "../transport";
import { ConfigError } from "./errors";
import { mergeTarget, selectTarget, type MergedTarget } from "./merge";
import type { Credential, KmipcheckConfig, ProtocolVersion, ResolvedTarget, TargetFiles, TargetOverrides } from "./types";
import { OVERRIDE_FLAGS, validateOverrides } from "./validate";

/** Protocol version sent in request headers when the target sets none. */
export const DEFAULT_PROTOCOL_VERSION: ProtocolVersion = { major: 1, minor: 4 };

/** PEM block a file must contain, by the key that names the file. */
const PEM_LABELS: Record<keyof TargetFiles, RegExp> = {
  clientCert: /-----BEGIN CERTIFICATE-----/,
  clientKey: /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  ca: /-----BEGIN CERTIFICATE-----/,
  pinnedServerCertificate: /-----BEGIN CERTIFICATE-----/,
};

/**
 * Resolves the target to test: picks it (see selectTarget), lays the overrides over it, checks
 * the result, and reads its PEM files. Raises ConfigError naming the key or flag at fault.
 */
export async function resolveTarget(config: KmipcheckConfig | undefined, name: string | undefined, overrides: TargetOverrides = {}): Promise<ResolvedTarget> {
  const checked = validateOverrides(overrides);
  const merged = mergeTarget(config, selectTarget(config, name, checked), checked);
  const files = requireComplete(merged);

  const connection: ConnectOptions = {
    host: merged.host as string,
    port: merged.port,
    cert: await readPem(merged, "clientCert"),
    key: await readPem(merged, "clientKey"),
  };
  if (files.ca !== undefined) connection.ca = await readPem(merged, "ca");
  if (files.pinnedServerCertificate !== undefined) connection.pinnedServerCertificate = await readPem(merged, "pinnedServerCertificate");
  copyTransportSettings(merged, connection);

  return {
    name: merged.name,
    connection,
    credential: resolveCredential(merged),
    protocolVersion: parseProtocolVersion(merged.protocolVersion),
    files,
  };
}

/** Parses "1.4" into { major: 1, minor: 4 }; undefined gives the default, 1.4. */
export function parseProtocolVersion(text: string | undefined): ProtocolVersion {
  if (text === undefined) {
    return { ...DEFAULT_PROTOCOL_VERSION };
  }

  const [major, minor] = text.split(".").map(Number);
  return { major, minor };
}

function requireComplete(merged: MergedTarget): TargetFiles {
  for (const key of ["host", "clientCert", "clientKey"] as const) {
    if (merged[key] === undefined) {
      const flag = OVERRIDE_FLAGS[key];
      throw new ConfigError("CONFIG_INCOMPLETE_TARGET", `target ${JSON.stringify(merged.name)} has no ${key}; set it in the configuration file or give ${flag}`, { context: { target: merged.name, key } });
    }
  }

  const files: TargetFiles = { clientCert: merged.clientCert as string, clientKey: merged.clientKey as string };
  if (merged.ca !== undefined) files.ca = merged.ca;
  if (merged.pinnedServerCertificate !== undefined) files.pinnedServerCertificate = merged.pinnedServerCertificate;
  return files;
}

function copyTransportSettings(merged: MergedTarget, connection: ConnectOptions): void {
  if (merged.serverName !== undefined) connection.servername = merged.serverName;
  if (merged.tls?.minVersion !== undefined) connection.minVersion = merged.tls.minVersion;
  if (merged.tls?.maxVersion !== undefined) connection.maxVersion = merged.tls.maxVersion;
  if (merged.tls?.ciphers !== undefined) connection.ciphers = merged.tls.ciphers;
  if (merged.connectTimeoutMs !== undefined) connection.connectTimeoutMs = merged.connectTimeoutMs;
  if (merged.responseTimeoutMs !== undefined) connection.responseTimeoutMs = merged.responseTimeoutMs;
}

async function readPem(merged: MergedTarget, key: keyof TargetFiles): Promise<string> {
  const path = merged[key] as string;
  const origin = merged.origins[key] ?? key;

  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (cause as Error).message;
    throw new ConfigError("CONFIG_FILE_UNREADABLE", `cannot read ${path} (${origin}): ${reason}; give the path of a PEM file`, { cause, context: { target: merged.name, key, path } });
  }

  if (!PEM_LABELS[key].test(text)) {
    const expected = key === "clientKey" ? "a PEM private key (-----BEGIN PRIVATE KEY-----)" : "a PEM certificate (-----BEGIN CERTIFICATE-----)";
    throw new ConfigError("CONFIG_FILE_UNREADABLE", `${path} (${origin}) is not ${expected}`, { context: { target: merged.name, key, path } });
  }
  return text;
}

function resolveCredential(merged: MergedTarget): Credential | undefined {
  const settings = merged.credential;
  if (settings === undefined) {
    return undefined;
  }

  const credential: Credential = { username: settings.username };
  if (settings.password !== undefined) credential.password = settings.password;
  if (settings.passwordEnv !== undefined) {
    const value = process.env[settings.passwordEnv];
    if (value === undefined) {
      throw new ConfigError("CONFIG_MISSING_ENVIRONMENT", `environment variable ${settings.passwordEnv} is not set, but target ${JSON.stringify(merged.name)} reads its password from it (${merged.origins.credential ?? "credential.passwordEnv"}); set it or give the password another way`, { context: { target: merged.name, variable: settings.passwordEnv } });
    }
    credential.password = value;
  }
  return credential;
}
