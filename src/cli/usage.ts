/**
 * Command-line errors and argument parsing shared by the commands. A UsageError ends the program
 * with exit code 2 and one line that names the bad value and the fix.
 */

import { KmipcheckError } from "../errors";

export const EXIT_PASSED = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
/** A run stopped by Ctrl-C, as shells report a process ended by SIGINT (128 + 2). */
export const EXIT_INTERRUPTED = 130;

export class UsageError extends KmipcheckError {
  constructor(message: string) {
    super("CLI_USAGE", message);
  }
}

/** Runs a node:util parseArgs call, turning its errors into UsageErrors that point to `command --help`. */
export function withUsageErrors<T>(command: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError(`${describeParseError(error)}; run \`kmipcheck ${command} --help\` for the options`);
  }
}

function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;

  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && unknown !== null) {
    return `unknown option ${unknown[1]}`;
  }

  const positional = /Unexpected argument '([^']+)'/.exec(message);
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL" && positional !== null) {
    return `unexpected argument ${positional[1]}`;
  }

  // ERR_PARSE_ARGS_INVALID_OPTION_VALUE: the value is missing, or starts with a dash ("ambiguous").
  const option = /^Option '(-[^' ]+)/.exec(message)?.[1];
  if (option !== undefined && message.includes("ambiguous")) {
    return `option ${option} needs a value, and the next argument starts with a dash; write ${option}=VALUE to pass such a value`;
  }

  if (option !== undefined) {
    return `option ${option} needs a value`;
  }

  return message.split("\n")[0].replace(/\.$/, "");
}
