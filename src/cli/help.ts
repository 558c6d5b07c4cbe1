/** Help texts of the commands. */
import { profileNames } from "../replay";
import { suiteProfiles } from "./suites";
import { FAULT_NAMES } from "../../bundled-server/faults";
import { DEFAULT_TIME_WINDOW_SECONDS } from "../match";
import { TARGET_HELP } from "./target-options";

export const MAIN_HELP = `kmipcheck: conformance test harness for KMIP 1.4 servers

Usage:
  kmipcheck run [options]        replay KMIP test vectors against a server and judge the responses
  kmipcheck decode HEX|FILE|-    print a TTLV message in the KMIP XML form
  kmipcheck fuzz [options]       send mutated TTLV messages and check the server survives them
  kmipcheck certs init|fetch     create a test PKI, or save a server's TLS certificate
  kmipcheck serve [options]      run the bundled server and report the protocol faults of its clients
  kmipcheck proxy [options]      forward clients to a server and report both sides' protocol faults
  kmipcheck load [options]       drive a request mix over N connections and report throughput and latency
  kmipcheck COMMAND --help       show the options of a command
  kmipcheck --version, -V        print the version of kmipcheck

Exit codes: 0 every selected vector and suite test passed; 1 one failed or erred; 2 invalid command line.
`;

export function runHelp(): string {
  return `Usage: kmipcheck run [--target NAME|bundled|HOST:PORT] [--config FILE] [target options]
                     [--vectors DIR]... [--profile NAME|auto]... [--grep REGEXP] [--bail]
                     [--accept-reason CHECK=REASON]... [--report-dir DIR]
                     [--time-window SECONDS] [--vector-timeout MS] [--no-cleanup]
                     [--https-url URL] [--bundled-option NAME=VALUE] [--fault NAME] [--verbose]

Replays each vector file (request/response steps in the OASIS KMIP XML form, or raw hex steps in
*.steps.json files) over one mutual-TLS connection, compares every response with the expected one,
runs the built-in suites of the selected profiles (suites exist for: ${suiteProfiles().join(", ") || "none"}), and
writes report.json, junit.xml and report.html to REPORT-DIR/RUN-ID/.

${TARGET_HELP}

Options:
  --vectors DIR               folder of *.xml and *.steps.json vector files; repeat for several
                              folders (required unless a selected profile has a built-in suite)
  --profile NAME              run only the vectors and suites of this profile; repeat for several
                              (default: all vectors of --vectors, or all suites without --vectors);
                              auto runs the profiles the server claims in Query Profiles
  --grep REGEXP               run only the suite tests whose full title matches, and the vectors
                              whose "PROFILE NAME" matches
  --bail                      stop at the first vector or test that does not pass
  --accept-reason CHECK=REASON  let suite check CHECK pass with Result Reason REASON too; the report
                              marks each such pass with an accepted-reason warning. Repeatable.
  --report-dir DIR            folder for run reports (default reports)
  --time-window SECONDS       accepted distance of Time Stamp and $NOW values from the local clock
                              (default ${DEFAULT_TIME_WINDOW_SECONDS})
  --vector-timeout MS         time one vector may take, in milliseconds; a vector still running
                              then stops and its steps left are reported as not run (default: no
                              limit beyond the response timeout of each step)
  --no-cleanup                keep the objects of a vector that stopped midway; by default they
                              are revoked if Active and destroyed, and the report says which
  --https-url URL             KMIP over HTTPS endpoint of a remote target, https://HOST:PORT/PATH
                              (path default /kmip). The MSGENC-HTTPS, MSGENC-JSON and MSGENC-XML
                              vectors go there with TTLV, JSON and XML bodies; the bundled target
                              opens its own endpoint
  --bundled-option rngSeedLimit=reject|BYTES  RNG Seed policy of the bundled server, which the
                              spec leaves to the server: reject seeds with Permission Denied, or
                              use at most BYTES of each seed (default: every byte)
  --fault NAME                make the bundled server answer wrong on purpose, to check the harness:
                              ${FAULT_NAMES.join(", ")}
  --verbose                   also print every rule applied to every step
  -h, --help                  show this help

Profiles: ${profileNames().join(", ")}
`;
}

export const DECODE_HELP = `Usage: kmipcheck decode HEX|FILE|-

Decodes one TTLV message leniently and prints it in the KMIP XML form. The argument is hex text
(spaces, newlines and | are ignored), a file holding hex text or raw TTLV bytes, or - for standard
input. Violations of the TTLV encoding are listed on standard error.

Exit codes: 0 the message is valid TTLV; 1 it has violations that fail strict decoding; 2 invalid input.
`;
