/**
 * A remote target: a target of the configuration file, or HOST:PORT, with the command-line flags
 * laid over its settings (src/config resolveTarget) and its PEM files read and checked.
 */
import { OVERRIDE_FLAGS, resolveTarget, type KmipcheckConfig, type ResolvedTarget, type TargetFiles, type TargetOverrides } from "../config";
import { closestKey } from "../config/key-path";
import { resolveConnectOptions, TransportError } from "../transport";
import { parseHostPort, toUsageError, type TargetFlags, type TargetPlan } from "./target";
import { UsageError } from "./usage";

/** Resolves the remote target of the flags; every problem is a usage error that names the flag or key. */
export async function planRemote(config: KmipcheckConfig | undefined, flags: TargetFlags): Promise<TargetPlan> {
  if (flags.faults.length > 0) {
    throw new UsageError(`--fault applies only to the bundled target, not to ${flags.target ?? "a configured target"}`);
  }

  const { name, address } = chooseTarget(config, flags.target);
  let resolved: ResolvedTarget;
  try {
    resolved = await resolveTarget(config, name, { ...address, ...overridesOf(flags) });
  } catch (error) {
    throw toUsageError(error);
  }

  checkKeyPair(resolved, flags);
  return { kind: "remote", name: resolved.name, connection: resolved.connection, credential: resolved.credential, protocolVersion: resolved.protocolVersion };
}

/**
 * Tells a configured target name from HOST:PORT: a name of the file wins. A word that is neither
 * but close to a name is taken for a typo rather than for a host name.
 */
function chooseTarget(config: KmipcheckConfig | undefined, target: string | undefined): { name?: string; address: TargetOverrides } {
  if (target === undefined || (config !== undefined && Object.prototype.hasOwnProperty.call(config.targets, target))) {
    return { name: target, address: {} };
  }

  const names = config === undefined ? [] : Object.keys(config.targets);
  const suggestion = target.includes(":") ? undefined : closestKey(target, names);
  if (suggestion !== undefined) {
    throw new UsageError(`unknown --target ${target} (did you mean ${suggestion}?); give a target of ${config?.path}, bundled, or HOST:PORT`);
  }

  const { host, port } = parseHostPort(target);
  return { address: { host, port } };
}

function overridesOf(flags: TargetFlags): TargetOverrides {
  return {
    clientCert: flags.clientCert,
    clientKey: flags.clientKey,
    ca: flags.ca,
    pinnedServerCertificate: flags.serverCert,
    serverName: flags.serverName,
    minVersion: flags.tlsMinVersion,
    maxVersion: flags.tlsMaxVersion,
    ciphers: flags.ciphers,
    username: flags.username,
    passwordEnv: flags.passwordEnv,
    protocolVersion: flags.protocolVersion,
    connectTimeoutMs: flags.connectTimeout,
    responseTimeoutMs: flags.responseTimeout,
  };
}

/** The TargetFlags key and the flag of each PEM file, by the ConnectOptions field it fills. */
const FILE_OF_OPTION: Record<string, { file: keyof TargetFiles; flag: keyof TargetFlags; override: keyof typeof OVERRIDE_FLAGS }> = {
  cert: { file: "clientCert", flag: "clientCert", override: "clientCert" },
  key: { file: "clientKey", flag: "clientKey", override: "clientKey" },
  ca: { file: "ca", flag: "ca", override: "ca" },
  pinnedServerCertificate: { file: "pinnedServerCertificate", flag: "serverCert", override: "pinnedServerCertificate" },
};

/** Parses the PEM files now (a key that does not match its certificate, say), so that a wrong file is a usage error before any vector runs. */
function checkKeyPair(resolved: ResolvedTarget, flags: TargetFlags): void {
  try {
    resolveConnectOptions(resolved.connection);
  } catch (error) {
    const source = error instanceof TransportError ? FILE_OF_OPTION[String(error.context.option)] : undefined;
    if (source === undefined) {
      throw error;
    }

    const path = resolved.files[source.file];
    const origin = flags[source.flag] !== undefined ? OVERRIDE_FLAGS[source.override] : `${source.file} of target ${resolved.name}`;
    throw new UsageError(`${origin} ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
