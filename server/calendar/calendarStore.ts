/** Reading and writing the trust's calendar: trust-wide half terms, and a school's own dates that win over them. */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { mergeCalendar, type AcademicCalendar, type HalfTermDates, type HalfTermKey } from "../../shared/calendar/index.js";
import type { Db } from "../db/client.js";
import { calendarHalfTerms } from "../db/schema/index.js";

const toDates = (r: { halfTerm: string; startsOn: string; endsOn: string }): HalfTermDates => ({
  halfTerm: r.halfTerm as HalfTermKey,
  startsOn: r.startsOn,
  endsOn: r.endsOn,
});

/** One year's calendar for the trust, or as one school sees it (its overrides applied). */
export async function loadCalendar(db: Db, academicYear: string, schoolId: string | null = null): Promise<AcademicCalendar> {
  const rows = await db
    .select()
    .from(calendarHalfTerms)
    .where(and(eq(calendarHalfTerms.academicYear, academicYear), schoolId ? sql`(${calendarHalfTerms.schoolId} is null or ${calendarHalfTerms.schoolId} = ${schoolId})` : isNull(calendarHalfTerms.schoolId)));
  const trust = rows.filter((r) => r.schoolId === null).map(toDates);
  const own = rows.filter((r) => r.schoolId !== null).map(toDates);
  return mergeCalendar(academicYear, trust, own, schoolId);
}

/**
 * Every school's calendar for these years in one read: school id -> calendars (trust dates where
 * a school has none of its own). The flags read this for the whole trust at once.
 */
export async function loadCalendarsForSchools(db: Db, years: string[], schoolIds: string[]): Promise<Map<string, AcademicCalendar[]>> {
  const rows = years.length ? await db.select().from(calendarHalfTerms).where(inArray(calendarHalfTerms.academicYear, years)) : [];
  const out = new Map<string, AcademicCalendar[]>();
  for (const id of schoolIds) {
    out.set(
      id,
      years.map((y) => {
        const ofYear = rows.filter((r) => r.academicYear === y);
        return mergeCalendar(y, ofYear.filter((r) => r.schoolId === null).map(toDates), ofYear.filter((r) => r.schoolId === id).map(toDates), id);
      }),
    );
  }
  return out;
}

/** Sets half terms for the trust (schoolId null) or one school; half terms not named are left as they are. */
export async function saveHalfTerms(db: Db, academicYear: string, schoolId: string | null, halfTerms: HalfTermDates[], actorId: string): Promise<void> {
  await db.transaction(async (tx) => {
    for (const h of halfTerms) {
      const where = and(
        eq(calendarHalfTerms.academicYear, academicYear),
        eq(calendarHalfTerms.halfTerm, h.halfTerm),
        schoolId ? eq(calendarHalfTerms.schoolId, schoolId) : isNull(calendarHalfTerms.schoolId),
      );
      const updated = await tx
        .update(calendarHalfTerms)
        .set({ startsOn: h.startsOn, endsOn: h.endsOn, updatedBy: actorId, updatedAt: new Date() })
        .where(where)
        .returning({ id: calendarHalfTerms.id });
      if (!updated.length) {
        await tx.insert(calendarHalfTerms).values({ academicYear, schoolId, halfTerm: h.halfTerm, startsOn: h.startsOn, endsOn: h.endsOn, updatedBy: actorId });
      }
    }
  });
}

/** Removes a school's own dates for these half terms, so the trust's apply again. */
export async function clearOverrides(db: Db, academicYear: string, schoolId: string, halfTerms: string[]): Promise<void> {
  if (!halfTerms.length) return;
  await db
    .delete(calendarHalfTerms)
    .where(and(eq(calendarHalfTerms.academicYear, academicYear), eq(calendarHalfTerms.schoolId, schoolId), inArray(calendarHalfTerms.halfTerm, halfTerms)));
}

/** Writes these half terms as the trust's dates where the trust has none yet (the demo seed). */
export async function ensureTrustCalendar(db: Db, academicYear: string, halfTerms: HalfTermDates[]): Promise<void> {
  const existing = await db
    .select({ halfTerm: calendarHalfTerms.halfTerm })
    .from(calendarHalfTerms)
    .where(and(eq(calendarHalfTerms.academicYear, academicYear), isNull(calendarHalfTerms.schoolId)));
  const have = new Set(existing.map((e) => e.halfTerm));
  const missing = halfTerms.filter((h) => !have.has(h.halfTerm));
  if (missing.length) await db.insert(calendarHalfTerms).values(missing.map((h) => ({ academicYear, schoolId: null, ...h })));
}
