/**
 * Entry point of the kmipcheck command: dispatches to the commands and maps errors to exit codes.
 * Usage errors print one line and exit 2; other failures print one line and exit 1. Set
 * NODE_DEBUG=kmipcheck:cli to see the stack of an unexpected error.
 */
import { debuglog } from "node:util";
import { KmipcheckError } from "../errors";
import { certsCommand } from "./certs-command";
import { decodeCommand } from "./decode-command";
import { fuzzCommand } from "./fuzz-command";
import { loadCommand } from "./load-command";
import { MAIN_HELP } from "./help";
import { proxyCommand } from "./proxy-command";
import { runCommand, type Io } from "./run-command";
import { serveCommand } from "./serve-command";
import { EXIT_FAILED, EXIT_PASSED, EXIT_USAGE, UsageError } from "./usage";
import { TOOL } from "./version";

const log = debuglog("kmipcheck:cli");

const COMMANDS: Record<string, (args: string[], io: Io) => Promise<number>> = {
  run: runCommand,
  decode: decodeCommand,
  fuzz: fuzzCommand,
  certs: certsCommand,
  serve: serveCommand,
  proxy: proxyCommand,
  load: loadCommand,
};

export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }): Promise<number> {
  const [command, ...args] = argv;

  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    io.stdout.write(MAIN_HELP);
    return command === undefined ? EXIT_USAGE : EXIT_PASSED;
  }

  if (command === "--version" || command === "-V") {
    io.stdout.write(`${TOOL.name} ${TOOL.version}\n`);
    return EXIT_PASSED;
  }

  const handler = COMMANDS[command];
  if (handler === undefined) {
    io.stderr.write(`kmipcheck: unknown command ${command}; use one of ${Object.keys(COMMANDS).join(", ")} (kmipcheck --help)\n`);
    return EXIT_USAGE;
  }

  try {
    return await handler(args, io);
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: Io): number {
  log("%s", error instanceof Error ? error.stack : error);

  if (error instanceof UsageError) {
    io.stderr.write(`kmipcheck: ${error.message}\n`);
    return EXIT_USAGE;
  }

  const code = error instanceof KmipcheckError ? ` (${error.code})` : "";
  io.stderr.write(`kmipcheck: ${error instanceof Error ? error.message : String(error)}${code}\n`);
  return EXIT_FAILED;
}

/** Runs the command line of this process and sets its exit code. */
export function runFromProcess(): void {
  ignoreClosedOutput(process.stdout);
  ignoreClosedOutput(process.stderr);

  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`kmipcheck: ${String(error)}\n`);
      process.exitCode = EXIT_FAILED;
    },
  );
}

/**
 * Drops the output once the reader of a pipe has gone (`kmipcheck run | head -1`): Node.js then
 * raises EPIPE as an 'error' event, which without a listener ends the process with a stack trace.
 * The command goes on, so a run still writes its report files and sets its exit code.
 */
function ignoreClosedOutput(stream: NodeJS.WriteStream): void {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") {
      log("output closed by its reader; the rest of the output is dropped");
      return;
    }

    process.exitCode = EXIT_FAILED;
    log("output stream error: %s", error.stack);
  });
}
