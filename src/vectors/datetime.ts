/**
 * Conversion between KMIP Date-Time values (signed 64-bit POSIX seconds, KMIP 1.4 spec §9.1.1.4)
 * and the xsd:dateTime text the XML and JSON encodings use.
 */

const SECONDS_PER_DAY = 86400n;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

// XML encodings §6.1.6.11 and §4.1.6.11: '-'? yyyy '-' mm '-' dd 'T' hh ':' mm ':' ss ('.' s+)?
// ((('+' | '-') hh ':' mm) | 'Z')?. The zone is required here because a time without one names no
// single instant.
const DATE_TIME_PATTERN = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an xsd:dateTime with a zone into POSIX seconds, or returns the reason it is invalid. */
export function parseIsoDateTime(text: string): bigint | { invalid: string } {
  const match = DATE_TIME_PATTERN.exec(text);
  if (match === null) {
    return { invalid: "not of the form YYYY-MM-DDThh:mm:ss followed by Z or +hh:mm" };
  }

  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const fieldProblem = checkFields(year, month, day, hour, minute, second);
  if (fieldProblem !== undefined) {
    return { invalid: fieldProblem };
  }

  const offset = parseOffset(match[7]);
  if (typeof offset !== "number") {
    return offset;
  }

  // Fractional seconds are dropped: the encodings document states that they are not used in KMIP and are
  // truncated when present.
  const days = BigInt(daysFromCivil(year, month, day));
  const seconds = days * SECONDS_PER_DAY + BigInt(hour * 3600 + minute * 60 + second - offset);
  if (seconds < INT64_MIN || seconds > INT64_MAX) {
    return { invalid: "outside the signed 64-bit range of a Date-Time" };
  }
  return seconds;
}

/** Formats POSIX seconds as `YYYY-MM-DDThh:mm:ss+00:00`, the UTC form the OASIS vectors use. */
export function formatIsoDateTime(seconds: bigint): string {
  const days = floorDiv(seconds, SECONDS_PER_DAY);
  const secondOfDay = Number(seconds - days * SECONDS_PER_DAY);
  const { year, month, day } = civilFromDays(Number(days));

  const yearText = year < 0 ? `-${pad(-year, 4)}` : pad(year, 4);
  const hour = Math.floor(secondOfDay / 3600);
  const minute = Math.floor((secondOfDay % 3600) / 60);
  const second = secondOfDay % 60;
  return `${yearText}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}+00:00`;
}

function checkFields(year: number, month: number, day: number, hour: number, minute: number, second: number): string | undefined {
  if (month < 1 || month > 12) {
    return `month ${month} is not between 01 and 12`;
  }
  if (day < 1 || day > daysInMonth(year, month)) {
    return `day ${day} does not exist in month ${month}`;
  }
  // xsd:dateTime allows 24:00:00 as the end of a day, so hour 24 is accepted only with zero minutes and seconds.
  if (hour > 24 || (hour === 24 && (minute !== 0 || second !== 0))) {
    return `hour ${hour} is not between 00 and 23`;
  }
  if (minute > 59) {
    return `minute ${minute} is not between 00 and 59`;
  }
  if (second > 59) {
    return `second ${second} is not between 00 and 59`;
  }
  return undefined;
}

/** Returns the zone offset east of UTC in seconds. */
function parseOffset(zone: string): number | { invalid: string } {
  if (zone === "Z") {
    return 0;
  }

  const sign = zone.startsWith("-") ? -1 : 1;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (hours > 14 || minutes > 59 || (hours === 14 && minutes !== 0)) {
    return { invalid: `zone offset ${zone} is outside -14:00..+14:00` };
  }
  return sign * (hours * 3600 + minutes * 60);
}

function daysInMonth(year: number, month: number): number {
  const lengths = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return lengths[month - 1];
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Inverse of {@link daysFromCivil} (H. Hinnant's civil_from_days). */
function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function floorDiv(a: bigint, b: bigint): bigint {
  const quotient = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? quotient - 1n : quotient;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}
