/** Shapes of kmipcheck.json (see kmipcheck.schema.json) and of a target resolved for connecting. */
import type { ConnectOptions, TlsVersion } from "../transport";

export type ProtocolVersionText = "1.0" | "1.1" | "1.2" | "1.3" | "1.4";

export interface TlsSettings {
  minVersion?: TlsVersion;
  maxVersion?: TlsVersion;
  ciphers?: string;
}

/** Username and Password Credential (KMIP 1.4 §2.1.2, Table 4) as written in the file. */
export interface CredentialSettings {
  username: string;
  password?: string;
  /** Name of the environment variable that contains the password. */
  passwordEnv?: string;
}

/** One target as written in the file; paths are still relative to the file's directory. */
export interface TargetSettings {
  host: string;
  port?: number;
  clientCert: string;
  clientKey: string;
  ca?: string;
  pinnedServerCertificate?: string;
  serverName?: string;
  tls?: TlsSettings;
  credential?: CredentialSettings;
  protocolVersion?: ProtocolVersionText;
  connectTimeoutMs?: number;
  responseTimeoutMs?: number;
}

/** A validated configuration file. */
export interface KmipcheckConfig {
  /** Path of the file as given, used in messages. */
  path: string;
  /** Absolute directory against which relative paths in the file are resolved. */
  baseDir: string;
  defaultTarget?: string;
  targets: Record<string, TargetSettings>;
}

/**
 * Values given on the command line, which replace those of the file. Port and timeouts may be
 * given as decimal strings. Relative paths are resolved against `baseDir` (default: the current
 * directory).
 */
export interface TargetOverrides {
  host?: string;
  port?: number | string;
  clientCert?: string;
  clientKey?: string;
  ca?: string;
  pinnedServerCertificate?: string;
  serverName?: string;
  minVersion?: string;
  maxVersion?: string;
  ciphers?: string;
  username?: string;
  password?: string;
  passwordEnv?: string;
  protocolVersion?: string;
  connectTimeoutMs?: number | string;
  responseTimeoutMs?: number | string;
  baseDir?: string;
}

/** Username and password to send in the Authentication of each request header (KMIP 1.4 §6.6). */
export interface Credential {
  username: string;
  password?: string;
}

export interface ProtocolVersion {
  major: number;
  minor: number;
}

/** Absolute paths of the PEM files a resolved target was read from. */
export interface TargetFiles {
  clientCert: string;
  clientKey: string;
  ca?: string;
  pinnedServerCertificate?: string;
}

/** A target ready to connect to: transport options with PEM contents loaded, plus KMIP settings. */
export interface ResolvedTarget {
  /** Target name from the file, or "HOST:PORT" for a target given only on the command line. */
  name: string;
  connection: ConnectOptions;
  credential?: Credential;
  protocolVersion: ProtocolVersion;
  files: TargetFiles;
}
