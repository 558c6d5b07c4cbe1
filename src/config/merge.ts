/** Choosing a target and laying command-line overrides over its settings from the file. */
import { resolve } from "node:path";
import { formatAddress, KMIP_TLS_PORT } from "../transport/options";
import type { TlsVersion } from "../transport";
import { ConfigError } from "./errors";
import { closestKey, formatKeyPath } from "./key-path";
import type { CredentialSettings, KmipcheckConfig, ProtocolVersionText, TargetOverrides, TargetSettings } from "./types";
import { OVERRIDE_FLAGS } from "./validate";

/** Paths a target may name, each resolved against the directory of the place that set it. */
const PATH_KEYS = ["clientCert", "clientKey", "ca", "pinnedServerCertificate"] as const;
type PathKey = (typeof PATH_KEYS)[number];

/** A target after overrides: absolute paths, and where each value came from, for messages. */
export interface MergedTarget extends Omit<TargetSettings, "host" | "clientCert" | "clientKey"> {
  name: string;
  host?: string;
  clientCert?: string;
  clientKey?: string;
  /** Origin of each top-level key, e.g. "targets.hsm1.ca in kmipcheck.json" or "--ca". */
  origins: Record<string, string>;
}

/**
 * Picks the target named `name` in the file. Without a name, overrides that give a host make an
 * ad hoc target, and otherwise the file's defaultTarget or only target is picked. Raises
 * CONFIG_UNKNOWN_TARGET or CONFIG_NO_TARGET.
 */
export function selectTarget(config: KmipcheckConfig | undefined, name: string | undefined, overrides: TargetOverrides): { name: string; settings?: TargetSettings } {
  if (name !== undefined) {
    return { name, settings: namedTarget(config, name) };
  }

  if (overrides.host !== undefined) {
    return { name: formatAddress(overrides.host, Number(overrides.port ?? KMIP_TLS_PORT)) };
  }

  if (config === undefined) {
    throw new ConfigError("CONFIG_NO_TARGET", `no target given: name a target from a configuration file, or give ${OVERRIDE_FLAGS.host}, ${OVERRIDE_FLAGS.clientCert} and ${OVERRIDE_FLAGS.clientKey}`);
  }

  const names = Object.keys(config.targets);
  const chosen = config.defaultTarget ?? (names.length === 1 ? names[0] : undefined);
  if (chosen === undefined) {
    throw new ConfigError("CONFIG_NO_TARGET", `${config.path} defines ${names.length} targets (${names.join(", ")}) and no defaultTarget; name the target to test, or set defaultTarget`, { context: { file: config.path } });
  }
  return { name: chosen, settings: config.targets[chosen] };
}

/** Lays validated overrides over a target's settings; paths become absolute. */
export function mergeTarget(config: KmipcheckConfig | undefined, selected: { name: string; settings?: TargetSettings }, overrides: TargetOverrides): MergedTarget {
  const merged: MergedTarget = { name: selected.name, origins: {} };
  if (selected.settings !== undefined && config !== undefined) {
    applySettings(merged, selected.settings, config);
  }

  applyOverrides(merged, overrides);
  merged.port ??= KMIP_TLS_PORT;
  return merged;
}

function namedTarget(config: KmipcheckConfig | undefined, name: string): TargetSettings {
  if (config === undefined) {
    throw new ConfigError("CONFIG_UNKNOWN_TARGET", `target ${JSON.stringify(name)} is unknown because no configuration file was loaded; give a configuration file that defines it`, { context: { target: name } });
  }

  const settings = config.targets[name];
  if (settings === undefined) {
    const names = Object.keys(config.targets);
    const suggestion = closestKey(name, names);
    const hint = suggestion === undefined ? "" : ` (did you mean ${suggestion}?)`;
    throw new ConfigError("CONFIG_UNKNOWN_TARGET", `${config.path} has no target ${JSON.stringify(name)}${hint}; expected one of ${names.join(", ")}`, { context: { file: config.path, target: name } });
  }
  return settings;
}

function applySettings(merged: MergedTarget, settings: TargetSettings, config: KmipcheckConfig): void {
  const { tls, credential, ...rest } = structuredClone(settings);
  Object.assign(merged, rest);
  if (tls !== undefined) merged.tls = tls;
  if (credential !== undefined) merged.credential = credential;

  for (const key of Object.keys(settings)) {
    merged.origins[key] = `${formatKeyPath(["targets", merged.name, key])} in ${config.path}`;
  }

  for (const key of PATH_KEYS) {
    const path = merged[key];
    if (path !== undefined) merged[key] = resolve(config.baseDir, path);
  }
}

function applyOverrides(merged: MergedTarget, overrides: TargetOverrides): void {
  const baseDir = overrides.baseDir ?? process.cwd();
  const set = <K extends keyof MergedTarget>(key: K, value: MergedTarget[K] | undefined, flag: string) => {
    if (value === undefined) return;
    merged[key] = value;
    merged.origins[key] = flag;
  };

  set("host", overrides.host, OVERRIDE_FLAGS.host);
  set("port", overrides.port as number | undefined, OVERRIDE_FLAGS.port);
  set("serverName", overrides.serverName, OVERRIDE_FLAGS.serverName);
  set("protocolVersion", overrides.protocolVersion as ProtocolVersionText | undefined, OVERRIDE_FLAGS.protocolVersion);
  set("connectTimeoutMs", overrides.connectTimeoutMs as number | undefined, OVERRIDE_FLAGS.connectTimeoutMs);
  set("responseTimeoutMs", overrides.responseTimeoutMs as number | undefined, OVERRIDE_FLAGS.responseTimeoutMs);
  for (const key of PATH_KEYS) {
    set(key, overrides[key] === undefined ? undefined : resolve(baseDir, overrides[key]), OVERRIDE_FLAGS[key]);
  }

  // The two ways to trust the server exclude each other, so the one given last wins.
  if (overrides.ca !== undefined) delete merged.pinnedServerCertificate;
  if (overrides.pinnedServerCertificate !== undefined) delete merged.ca;

  applyTlsOverrides(merged, overrides);
  applyCredentialOverrides(merged, overrides);
}

function applyTlsOverrides(merged: MergedTarget, overrides: TargetOverrides): void {
  const tls = { ...merged.tls };
  if (overrides.minVersion !== undefined) tls.minVersion = overrides.minVersion as TlsVersion;
  if (overrides.maxVersion !== undefined) tls.maxVersion = overrides.maxVersion as TlsVersion;
  if (overrides.ciphers !== undefined) tls.ciphers = overrides.ciphers;
  if (Object.keys(tls).length > 0) merged.tls = tls;
}

function applyCredentialOverrides(merged: MergedTarget, overrides: TargetOverrides): void {
  const { username, password, passwordEnv } = overrides;
  if (username === undefined && password === undefined && passwordEnv === undefined) {
    return;
  }

  const credential: Partial<CredentialSettings> = { ...merged.credential };
  if (username !== undefined) credential.username = username;
  if (password !== undefined) {
    credential.password = password;
    delete credential.passwordEnv;
  }
  if (passwordEnv !== undefined) {
    credential.passwordEnv = passwordEnv;
    delete credential.password;
  }

  if (credential.username === undefined) {
    throw new ConfigError("CONFIG_INCOMPLETE_TARGET", `a password was given for target ${JSON.stringify(merged.name)} but no username; set credential.username in the configuration file or give ${OVERRIDE_FLAGS.username}`, { context: { target: merged.name } });
  }
  merged.credential = credential as CredentialSettings;
}
