/**
 * The once-a-day reminders: actions due within 7 days or overdue (to their owners), and support
 * check-ins that are due (to the school's leaders and the trust leads). Each reminder carries a
 * dedupe key, so a second run on the same day, or from a second process, tells nobody twice.
 */
import { addDays, formatISO, parseISO } from "date-fns";
import { and, desc, eq, isNull, lte, notInArray, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { actions, documents, schoolCheckins, schools, schoolTiers, tiers } from "../db/schema/index.js";
import { nextCheckins } from "../schools/supportCadence.js";
import { formatUkDate } from "./ukDates.js";
import type { Notifier } from "./Notifier.js";
import { holdersOf } from "./recipients.js";

const DUE_SOON_DAYS = 7;

/** Reminds the owners of open actions that are due within a week or overdue; returns notifications made. */
export async function remindActionOwners(db: Db, notifier: Notifier, today: string): Promise<number> {
  const horizon = formatISO(addDays(parseISO(today), DUE_SOON_DAYS), { representation: "date" });
  const rows = await db
    .select({ documentId: actions.documentId, blockId: actions.blockId, blockKey: actions.blockKey, text: actions.text, due: actions.due, owners: actions.owners, title: documents.title })
    .from(actions)
    .innerJoin(documents, eq(documents.id, actions.documentId))
    .where(and(isNull(actions.deletedAt), eq(actions.placeholder, false), notInArray(actions.status, ["complete", "dropped"]), lte(actions.due, horizon), sql`cardinality(${actions.owners}) > 0`, notInArray(documents.status, ["archived"])));
  let made = 0;
  for (const row of rows) {
    const overdue = row.due! < today;
    const state = overdue ? "overdue" : "due_soon";
    const title = overdue ? `Overdue since ${formatUkDate(row.due!)}: ${row.text}` : `Due ${formatUkDate(row.due!)}: ${row.text}`;
    const sent = await notifier.send({
      kind: "action_due", userIds: row.owners, about: { documentId: row.documentId }, title, excerpt: `In ${row.title}`,
      link: `/documents/${row.documentId}${row.blockId ? `#block-${row.blockId}` : ""}`,
      dedupeKey: `action_due:${row.documentId}:${row.blockKey}:${row.due}:${state}`,
    });
    made += sent.length;
  }
  return made;
}

const CHECKIN_LABELS: Record<string, string> = { ceo_one_to_one: "CEO 1:1", health_check: "health check" };

/** Tells each school's leaders and the trust leads when a check-in falls due; returns notifications made. */
export async function remindCheckinsDue(db: Db, notifier: Notifier, today: string): Promise<number> {
  const current = await db
    .selectDistinctOn([schoolTiers.schoolId], { schoolId: schoolTiers.schoolId, setAt: schoolTiers.setAt, name: schools.name, cadence: { ceoOneToOneWeeks: tiers.ceoOneToOneWeeks, healthChecksPerYear: tiers.healthChecksPerYear } })
    .from(schoolTiers)
    .innerJoin(tiers, eq(tiers.level, schoolTiers.tier))
    .innerJoin(schools, eq(schools.id, schoolTiers.schoolId))
    .orderBy(schoolTiers.schoolId, desc(schoolTiers.setAt), desc(schoolTiers.id));
  const held = await db.select({ schoolId: schoolCheckins.schoolId, kind: schoolCheckins.kind, heldOn: schoolCheckins.heldOn }).from(schoolCheckins);
  let made = 0;
  for (const school of current) {
    const due = nextCheckins(school.cadence, held.filter((h) => h.schoolId === school.schoolId), school.setAt, parseISO(today)).filter((n) => n.due <= today);
    if (!due.length) continue;
    const recipients = await holdersOf(db, school.schoolId, ["school_leader"], ["trust_lead"]);
    for (const next of due) {
      const label = CHECKIN_LABELS[next.kind] ?? next.kind;
      const sent = await notifier.send({
        kind: "checkin_due", userIds: recipients, about: { schoolId: school.schoolId },
        title: `${school.name}: the ${label} is ${next.due < today ? `overdue (due ${formatUkDate(next.due)})` : "due today"}`,
        excerpt: next.last ? `The last was on ${formatUkDate(next.last)}.` : "None is recorded yet.",
        link: `/schools/${school.schoolId}`,
        dedupeKey: `checkin_due:${school.schoolId}:${next.kind}:${next.due}`,
      });
      made += sent.length;
    }
  }
  return made;
}
