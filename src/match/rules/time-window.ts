/**
 * `time-window`: the response header's Time Stamp and every Date-Time the vector writes as `$NOW`
 * or `$NOW±N` are accepted within a window around the local clock. The vectors were recorded at
 * another time, and the Profiles let these values follow the server's clock.
 */
import { Tag } from "../../kmip";
import { ItemType } from "../../ttlv/types";
import { isPlaceholder } from "../../vectors/types";
import { formatDateTime, typeName } from "../format";
import type { ItemPair, MatchState, Rule, RuleVerdict } from "../types";

/** Default half-width of the window: generous for clock skew between harness and server, tight enough to catch a wrong date. */
export const DEFAULT_TIME_WINDOW_SECONDS = 60;

const NOW_PATTERN = /^\$?NOW(?:([+-])(\d+))?$/;

/** Returns the offset N of `$NOW±N` in seconds, 0 for `$NOW`, undefined for any other text. */
export function nowOffset(placeholder: string): number | undefined {
  const match = NOW_PATTERN.exec(placeholder);
  if (match === null) {
    return undefined;
  }

  const magnitude = match[2] === undefined ? 0 : Number(match[2]);
  return match[1] === "-" ? -magnitude : magnitude;
}

export const timeWindow: Rule = {
  id: "time-window",
  description: `Time Stamp and $NOW±N Date-Time values are accepted within a window (default ±${DEFAULT_TIME_WINDOW_SECONDS} s) around the local clock.`,
  reference: "KMIP Profiles 1.4 test-case variations: time stamps and server-set dates follow the server clock; spec §6.5 Time Stamp",
  severity: "fail",

  judge(pair, state) {
    const offset = expectedOffset(pair);
    if (offset === undefined) {
      return undefined;
    }

    return judgeTime(pair, state, offset);
  },
};

function expectedOffset(pair: ItemPair): number | undefined {
  if (isPlaceholder(pair.expected.value)) {
    return nowOffset(pair.expected.value.placeholder);
  }

  return pair.expected.tag === Tag.TimeStamp ? 0 : undefined;
}

function judgeTime(pair: ItemPair, state: MatchState, offset: number): RuleVerdict {
  const label = offset === 0 ? "$NOW" : `$NOW${offset > 0 ? "+" : ""}${offset}`;

  if (pair.actual.type !== ItemType.DateTime) {
    const message = `expected a DateTime near ${label}, got type ${typeName(pair.actual.type)}`;
    return { note: message, diffs: [{ path: pair.path, kind: "type", severity: "fail", rule: "time-window", message, expected: "DateTime", actual: typeName(pair.actual.type) }] };
  }

  const [earliest, latest] = acceptedRange(pair, state, offset);
  const actual = Number(pair.actual.value);
  const shown = formatDateTime(actual);
  const range = `${formatDateTime(earliest)} .. ${formatDateTime(latest)}`;

  if (actual < earliest || actual > latest) {
    const message = `${shown} is outside the ${label} window ${range}`;
    return { note: message, diffs: [{ path: pair.path, kind: "value", severity: "fail", rule: "time-window", message, expected: `${label} (${range})`, actual: shown }] };
  }

  return { note: `${shown} is within the ${label} window ${range}`, diffs: [] };
}

/**
 * The response header's Time Stamp is set while the server handles this request, so it must fall
 * between this step's send and receive times. Other dates may have been set by any earlier step
 * (an Initial Date read back later), so they may fall anywhere since the vector started.
 */
function acceptedRange(pair: ItemPair, state: MatchState, offset: number): [number, number] {
  const { clock, timeWindowSeconds } = state;
  const isHeaderTimeStamp = pair.expected.tag === Tag.TimeStamp;
  const from = isHeaderTimeStamp ? clock.sentAt : clock.vectorStartedAt;
  return [from + offset - timeWindowSeconds, clock.receivedAt + offset + timeWindowSeconds];
}
