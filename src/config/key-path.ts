/** Key paths for messages: JSON Pointer "/targets/hsm1/port" becomes "targets.hsm1.port". */

const PLAIN_KEY = /^[A-Za-z0-9_$-]+$/;

/** Splits a JSON Pointer (RFC 6901) into its unescaped keys. */
export function pointerKeys(pointer: string): string[] {
  if (pointer === "") {
    return [];
  }

  return pointer
    .slice(1)
    .split("/")
    .map((key) => key.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** Joins keys with dots, writing a key with dots or other punctuation as ["key"]. */
export function formatKeyPath(keys: readonly string[]): string {
  let path = "";
  for (const key of keys) {
    if (PLAIN_KEY.test(key)) {
      path += path === "" ? key : `.${key}`;
    } else {
      path += `[${JSON.stringify(key)}]`;
    }
  }
  return path;
}

/** Describes a JSON value in a message: strings and numbers as JSON, containers by kind. */
export function describeValue(value: unknown): string {
  if (Array.isArray(value)) {
    return value.length === 0 ? "an empty array" : "an array";
  }

  if (value !== null && typeof value === "object") {
    return Object.keys(value).length === 0 ? "an empty object" : "an object";
  }

  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/** Returns the candidate closest to `key` when it differs by case or at most two edits. */
export function closestKey(key: string, candidates: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const sameLetters = candidates.find((candidate) => candidate.toLowerCase() === lower);
  if (sameLetters !== undefined) {
    return sameLetters;
  }

  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance <= 2 && (best === undefined || distance < best.distance)) {
      best = { candidate, distance };
    }
  }
  return best?.candidate;
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);

  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}
