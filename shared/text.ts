/** Text that Postgres and JSON can always store: no NUL, no lone UTF-16 surrogate. */

// With the u flag a surrogate class matches only unpaired halves; a proper pair is one code point.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const LONE_SURROGATES = /[\uD800-\uDFFF]/gu;

/** Whether `text` holds a character Postgres refuses (NUL) or that is not valid Unicode (a lone surrogate). */
export function hasUnsafeChars(text: string): boolean {
  return text.includes("\u0000") || LONE_SURROGATE.test(text);
}

/** `text` with NULs removed and each lone surrogate replaced by U+FFFD, so it can always be stored. */
export function cleanText(text: string): string {
  const noNul = text.includes("\u0000") ? text.replaceAll("\u0000", "") : text;
  return LONE_SURROGATE.test(noNul) ? noNul.replace(LONE_SURROGATES, "\uFFFD") : noNul;
}

/** Deep-cleans every string in a JSON-like value (audit details, extracted rows). */
export function cleanDeep<T>(value: T): T {
  if (typeof value === "string") return cleanText(value) as T;
  if (Array.isArray(value)) return value.map(cleanDeep) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [cleanText(k), cleanDeep(v)])) as T;
  }
  return value;
}

/** The path of the first string (or key) in `value` that holds an unsafe character, or null. */
export function findUnsafeText(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === "string") return hasUnsafeChars(value) ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findUnsafeText(item, [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (hasUnsafeChars(key)) return [...path, key];
      const found = findUnsafeText(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
