/**
 * Validation of kmipcheck.json and of command-line overrides against docs/kmipcheck.schema.json (ajv,
 * JSON Schema draft-07), plus the rules that involve several keys.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { describeError, type SchemaNode, type SubjectFormatter } from "./describe";
import { ConfigError, type ConfigErrorCode } from "./errors";
import { formatKeyPath, pointerKeys } from "./key-path";
import schemaDocument from "../../docs/kmipcheck.schema.json";
import type { TlsVersion } from "../transport";
import type { TargetOverrides, TargetSettings } from "./types";

/** The parsed kmipcheck.json after validation, before paths are resolved. */
export interface ConfigDocument {
  defaultTarget?: string;
  targets: Record<string, TargetSettings>;
}

/** Command-line flag that sets each override, used in messages and by the CLI. */
export const OVERRIDE_FLAGS: Readonly<Record<Exclude<keyof TargetOverrides, "baseDir">, string>> = {
  host: "--host",
  port: "--port",
  clientCert: "--client-cert",
  clientKey: "--client-key",
  ca: "--ca",
  pinnedServerCertificate: "--server-cert",
  serverName: "--server-name",
  minVersion: "--tls-min-version",
  maxVersion: "--tls-max-version",
  ciphers: "--ciphers",
  username: "--username",
  password: "--password",
  passwordEnv: "--password-env",
  protocolVersion: "--protocol-version",
  connectTimeoutMs: "--connect-timeout",
  responseTimeoutMs: "--response-timeout",
};

/** Keys of TargetOverrides given as integers, which the command line may pass as decimal strings. */
const INTEGER_OVERRIDES = ["port", "connectTimeoutMs", "responseTimeoutMs"] as const;

/** Most problems listed in one message; the rest are counted. */
const MAX_PROBLEMS_SHOWN = 10;

const TLS_ORDER = ["TLSv1.2", "TLSv1.3"];

const configSchema = schemaDocument as SchemaNode;
const overridesSchema = buildOverridesSchema(configSchema);

const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
const validateDocument = ajv.compile(configSchema);
const validateOverrideValues = ajv.compile(overridesSchema);

/** Checks a parsed configuration file; raises CONFIG_INVALID listing every problem, each prefixed with `label`. */
export function validateConfigDocument(document: unknown, label: string): ConfigDocument {
  const subject: SubjectFormatter = (keys) => (keys.length === 0 ? "the top level" : formatKeyPath(keys));
  const problems = schemaProblems(validateDocument, document, subject, configSchema);
  if (problems.length === 0) {
    problems.push(...documentRuleProblems(document as ConfigDocument));
  }

  throwIfProblems("CONFIG_INVALID", problems, label);
  return document as ConfigDocument;
}

/** Checks command-line overrides, turning decimal strings into integers; raises CONFIG_INVALID_OVERRIDE. */
export function validateOverrides(overrides: TargetOverrides): TargetOverrides {
  const normalized: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) normalized[key] = value;
  }

  for (const key of INTEGER_OVERRIDES) {
    const value = normalized[key];
    if (typeof value === "string" && /^\d+$/.test(value.trim())) normalized[key] = Number(value);
  }

  const subject: SubjectFormatter = (keys) => OVERRIDE_FLAGS[keys[0] as keyof typeof OVERRIDE_FLAGS] ?? keys.join(".");
  const problems = schemaProblems(validateOverrideValues, normalized, subject, overridesSchema);
  if (problems.length === 0) {
    problems.push(...overrideRuleProblems(normalized as TargetOverrides));
  }

  throwIfProblems("CONFIG_INVALID_OVERRIDE", problems, "command line");
  return normalized as TargetOverrides;
}

/** Problems of one merged target that involve several keys; `subject` names a key of the target. */
export function targetRuleProblems(target: Partial<TargetSettings>, subject: (key: string) => string): string[] {
  const problems: string[] = [];
  if (target.ca !== undefined && target.pinnedServerCertificate !== undefined) {
    problems.push(`${subject("ca")} and ${subject("pinnedServerCertificate")} are both set; give only one: the first verifies the server certificate against a CA, the second accepts exactly that certificate`);
  }

  const { minVersion, maxVersion } = target.tls ?? {};
  if (minVersion !== undefined && maxVersion !== undefined && TLS_ORDER.indexOf(minVersion) > TLS_ORDER.indexOf(maxVersion)) {
    problems.push(`${subject("tls.minVersion")} ${minVersion} is above ${subject("tls.maxVersion")} ${maxVersion}; lower the minimum or raise the maximum`);
  }

  const credential = target.credential;
  if (credential?.password !== undefined && credential.passwordEnv !== undefined) {
    problems.push(`${subject("credential.password")} and ${subject("credential.passwordEnv")} are both set; give one`);
  }
  return problems;
}

function schemaProblems(validate: ValidateFunction, data: unknown, subject: SubjectFormatter, root: SchemaNode): string[] {
  if (validate(data)) {
    return [];
  }

  const problems = (validate.errors ?? []).map((error: ErrorObject) => describeError(error, pointerKeys(error.instancePath), subject, root));
  return [...new Set(problems.filter((problem): problem is string => problem !== undefined))];
}

function documentRuleProblems(document: ConfigDocument): string[] {
  const names = Object.keys(document.targets);
  const problems = names.flatMap((name) => targetRuleProblems(document.targets[name], (key) => formatKeyPath(["targets", name, ...key.split(".")])));

  if (document.defaultTarget !== undefined && !names.includes(document.defaultTarget)) {
    problems.push(`defaultTarget ${JSON.stringify(document.defaultTarget)} is not a key of targets; expected one of ${names.join(", ")}`);
  }
  return problems;
}

function overrideRuleProblems(overrides: TargetOverrides): string[] {
  const flag = (key: string) => OVERRIDE_FLAGS[key.split(".").pop() as keyof typeof OVERRIDE_FLAGS];
  const target: Partial<TargetSettings> = {
    ca: overrides.ca,
    pinnedServerCertificate: overrides.pinnedServerCertificate,
    tls: { minVersion: overrides.minVersion as TlsVersion | undefined, maxVersion: overrides.maxVersion as TlsVersion | undefined },
    credential: { username: overrides.username ?? "", password: overrides.password, passwordEnv: overrides.passwordEnv },
  };
  return targetRuleProblems(target, flag);
}

function throwIfProblems(code: ConfigErrorCode, problems: string[], label: string): void {
  if (problems.length === 0) {
    return;
  }

  const listed = problems.slice(0, MAX_PROBLEMS_SHOWN).map((problem) => `${label}: ${problem}`);
  if (problems.length > MAX_PROBLEMS_SHOWN) {
    listed.push(`${label}: ${problems.length - MAX_PROBLEMS_SHOWN} more problems`);
  }
  throw new ConfigError(code, listed.join("\n"), { context: { file: label, problems } });
}

/** Builds the schema of TargetOverrides from the target schema, so both accept the same values. */
function buildOverridesSchema(root: SchemaNode): SchemaNode {
  const target = root.definitions?.target as SchemaNode & { properties: Record<string, SchemaNode> };
  const tls = target.properties.tls.properties as Record<string, SchemaNode>;
  const credential = target.properties.credential.properties as Record<string, SchemaNode>;
  const { tls: _tls, credential: _credential, ...direct } = target.properties;

  return {
    definitions: root.definitions,
    type: "object",
    additionalProperties: false,
    properties: { ...direct, ...tls, ...credential, baseDir: { type: "string", minLength: 1 } },
  } as SchemaNode;
}
