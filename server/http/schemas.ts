/**
 * One zod schema per kind of value at the edge (path, query and body alike), so that every
 * route rejects the same bad input the same way: a 4xx naming the field, never a 500 from the
 * database. Use these rather than z.string() for ids, dates, years and free text.
 */
import { z } from "zod";
import { hasUnsafeChars } from "../../shared/text.js";

export { academicYearSchema } from "../../shared/enums.js";

/** A row id: an RFC 9562 UUID, as the database mints them. */
export const idSchema = z.uuid({ error: "Use an id such as 3f2b8c1e-5d4a-4e8b-9c7d-2a1b0c9d8e7f" });

/** A calendar date, 2026-12-18; impossible dates (2026-13-45, 2026-02-31) are refused. */
export const isoDateSchema = z.iso.date({ error: "Use a real date such as 2026-12-18" });

/** A whole number in a path or query string ("3"), parsed to a number; "1.5", "abc" and "" are refused. */
export function intString(options: { min?: number; max?: number } = {}) {
  const { min = 0, max = 1_000_000 } = options;
  return z
    .string()
    .regex(/^\d{1,9}$/, "Use a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}

/**
 * Free text that Postgres can store: at most `max` characters, no NUL, no lone UTF-16 surrogate
 * (both are refused with a message rather than silently changed, so what was typed is what is kept).
 * It returns a ZodString, so callers chain `.trim()`, `.min(1, "...")` as usual.
 */
export function textSchema(max: number) {
  return z
    .string()
    .max(max, `Keep it under ${max.toLocaleString("en-GB")} characters`)
    .refine((s) => !hasUnsafeChars(s), "Remove the invisible control characters (NUL or a broken emoji)");
}

/** A short query filter (a search term, an audit action name). */
export const queryTextSchema = textSchema(200);
