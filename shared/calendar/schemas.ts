/**
 * The calendar's zod schemas, apart from ./index.ts so the client's pages that only show dates
 * (a plan's review walk, its roll-forward) do not download zod.
 */
import { z } from "zod";
import { HALF_TERMS, type HalfTermDates } from "./index.js";

export const halfTermSchema = z.enum(HALF_TERMS);

const isoDay = z.iso.date();

/** One half term's dates, as stored (trust-wide or a school's own). */
export const halfTermDatesSchema = z
  .object({ halfTerm: halfTermSchema, startsOn: isoDay, endsOn: isoDay })
  .refine((h) => h.startsOn <= h.endsOn, { message: "A half term must end on or after the day it starts", path: ["endsOn"] }) satisfies z.ZodType<HalfTermDates>;

/** The body of `PUT /api/calendar/:year`: some or all half terms, for the trust or one school. */
export const calendarUpdateSchema = z.object({
  schoolId: z.uuid().nullish(),
  halfTerms: z.array(halfTermDatesSchema).min(1).max(6),
});
