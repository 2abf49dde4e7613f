/** The trust's calendar: `GET /api/calendar?year=&schoolId=` for everyone signed in; a trust admin edits it. */
import { Hono } from "hono";
import { z } from "zod";
import { academicYearOfDay, calendarProblems, positionOn } from "../../shared/calendar/index.js";
import { calendarUpdateSchema, halfTermSchema } from "../../shared/calendar/schemas.js";
import { academicYearSchema } from "../../shared/enums.js";
import { requireActor } from "../auth/middleware.js";
import { clearOverrides, loadCalendar, saveHalfTerms } from "../calendar/calendarStore.js";
import { audit } from "../commands/auditLogger.js";
import type { AppEnv } from "../http/context.js";
import { HttpError } from "../http/errors.js";
import { parseBody, parseQuery } from "../http/validate.js";
import { authorize } from "../policies/index.js";
import { todayInEngland } from "../progress/queries/filters.js";

const calendarQuery = z.object({ year: academicYearSchema.optional(), schoolId: z.uuid().optional() });
const putBody = calendarUpdateSchema.extend({
  academicYear: academicYearSchema,
  /** A school's half terms to hand back to the trust's dates. */
  clear: z.array(halfTermSchema).max(6).optional(),
});

export const calendarRoutes = new Hono<AppEnv>()
  .get("/calendar", async (c) => {
    const actor = requireActor(c);
    const q = parseQuery(c, calendarQuery);
    if (q.schoolId) authorize(actor, "read", { type: "school", id: q.schoolId });
    const today = todayInEngland();
    const calendar = await loadCalendar(c.var.deps.db, q.year ?? academicYearOfDay(today), q.schoolId ?? null);
    return c.json({ ...calendar, today, ...positionOn(calendar, today) });
  })
  .put("/calendar", async (c) => {
    const actor = requireActor(c);
    const body = await parseBody(c, putBody);
    authorize(actor, "manageCalendar", { type: "trust" });
    const { db } = c.var.deps;
    const schoolId = body.schoolId ?? null;
    if (body.clear?.length && !schoolId) throw new HttpError(400, "invalid_request", "Only a school's own dates can be cleared");
    const before = await loadCalendar(db, body.academicYear, schoolId);
    const merged = new Map(before.halfTerms.map((h) => [h.halfTerm, { halfTerm: h.halfTerm, startsOn: h.startsOn, endsOn: h.endsOn }]));
    for (const h of body.halfTerms) merged.set(h.halfTerm, h);
    const problems = calendarProblems([...merged.values()]);
    if (problems.length) throw new HttpError(400, "invalid_calendar", problems[0]!, problems);
    const year = Number(body.academicYear.slice(0, 4));
    const outside = body.halfTerms.find((h) => h.startsOn < `${year}-08-01` || h.endsOn > `${year + 1}-08-31`);
    if (outside) throw new HttpError(400, "invalid_calendar", `${outside.halfTerm} falls outside the ${body.academicYear} academic year`);
    await saveHalfTerms(db, body.academicYear, schoolId, body.halfTerms, actor.id);
    if (schoolId && body.clear?.length) await clearOverrides(db, body.academicYear, schoolId, body.clear);
    await audit(c, "calendar.updated", { academicYear: body.academicYear, schoolId, halfTerms: body.halfTerms, clear: body.clear ?? [] }, actor.id);
    return c.json(await loadCalendar(db, body.academicYear, schoolId));
  });
