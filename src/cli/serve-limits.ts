/**
 * `kmipcheck serve` options for the bundled server's resource limits and its users table (client
 * certificate Common Name to username and password, checked against request Credentials).
 */
import { readFile } from "node:fs/promises";
import type { UserTable } from "../../bundled-server/authentication";
import {
  DEFAULT_HANDSHAKE_TIMEOUT_MS, DEFAULT_IDLE_TIMEOUT_MS, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_NESTING_DEPTH, DEFAULT_MESSAGE_TIMEOUT_MS,
  type LimitOptions,
} from "../../bundled-server/limits";
import { DEFAULT_MAX_MESSAGE_SIZE, HEADER_SIZE } from "../ttlv";
import { parseWholeNumber } from "./session-options";
import { UsageError } from "./usage";

const STRING = { type: "string" } as const;

export const SERVER_LIMIT_OPTIONS = {
  "max-connections": STRING,
  "idle-timeout": STRING,
  "message-timeout": STRING,
  "handshake-timeout": STRING,
  "max-message-size": STRING,
  "max-nesting-depth": STRING,
  users: STRING,
} as const;

export const SERVER_LIMIT_HELP = `  --max-connections N   open connections allowed, handshakes included; the server drops any
                        connection beyond them at once (default ${DEFAULT_MAX_CONNECTIONS})
  --idle-timeout MS     close a connection with no traffic for this long, in milliseconds
                        (default ${DEFAULT_IDLE_TIMEOUT_MS})
  --message-timeout MS  close a connection whose request does not arrive whole within this long
                        of its first byte, in milliseconds (default ${DEFAULT_MESSAGE_TIMEOUT_MS})
  --handshake-timeout MS  close a connection whose TLS handshake takes longer, in milliseconds
                        (default ${DEFAULT_HANDSHAKE_TIMEOUT_MS})
  --max-message-size BYTES  largest request accepted, 8-byte header included; a larger one is
                        rejected from its header (default ${DEFAULT_MAX_MESSAGE_SIZE})
  --max-nesting-depth N  deepest structure nesting of a request, the Request Message being depth 1
                        (default ${DEFAULT_MAX_NESTING_DEPTH})
  --users FILE          JSON file binding client certificates to users, keyed by certificate
                        subject Common Name: {"client-cn": {"username": "u", "password": "p"}}.
                        A request whose Authentication carries a Username and Password
                        Credential must then match the user of its certificate, or it gets
                        Authentication Not Successful; a request without one needs only the
                        certificate. Default: Credentials are not checked`;

/** Values of SERVER_LIMIT_OPTIONS as parseArgs returns them. */
export type ServerLimitValues = { [K in keyof typeof SERVER_LIMIT_OPTIONS]?: string };

const MAX_TIMEOUT_MS = 24 * 60 * 60 * 1000;
const MAX_MESSAGE_SIZE = 2 ** 31;

/** Parses the limit options; an absent one keeps the server's default. */
export function parseServerLimits(values: ServerLimitValues): LimitOptions {
  const limits: LimitOptions = {};
  const whole = (flag: keyof ServerLimitValues, min: number, max: number): number | undefined => {
    const text = values[flag];
    return text === undefined ? undefined : parseWholeNumber(`--${flag}`, text, min, max);
  };

  limits.maxConnections = whole("max-connections", 1, 1_000_000);
  limits.idleTimeoutMs = whole("idle-timeout", 1, MAX_TIMEOUT_MS);
  limits.messageTimeoutMs = whole("message-timeout", 1, MAX_TIMEOUT_MS);
  limits.handshakeTimeoutMs = whole("handshake-timeout", 1, MAX_TIMEOUT_MS);
  limits.maxMessageSize = whole("max-message-size", HEADER_SIZE, MAX_MESSAGE_SIZE);
  limits.maxNestingDepth = whole("max-nesting-depth", 1, 1000);
  return Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined)) as LimitOptions;
}

/** Reads and checks a --users file; every problem is a usage error naming the file and the entry. */
export async function readUsersFile(path: string): Promise<UserTable> {
  let document: unknown;
  try {
    document = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new UsageError(`cannot read --users ${path}: ${reason}; give a JSON file such as {"client-cn": {"username": "u", "password": "p"}}`);
  }

  if (document === null || typeof document !== "object" || Array.isArray(document)) {
    throw new UsageError(`--users ${path} must contain a JSON object keyed by certificate Common Name`);
  }

  for (const [commonName, user] of Object.entries(document)) {
    const { username, password } = (user ?? {}) as { username?: unknown; password?: unknown };
    if (typeof username !== "string" || typeof password !== "string") {
      throw new UsageError(`--users ${path}: entry ${JSON.stringify(commonName)} must be {"username": string, "password": string}`);
    }
  }
  return document as UserTable;
}
