/**
 * The demo's termly cycle (issue 13): the trust's 2026/27 calendar for England, and two closed
 * half-termly reviews of every school's live plans, so charts and histories show a real trend.
 * Self-contained: it reads whatever plans the demo seeded (after extraction) and writes only the
 * cycle's own tables, so changes to the demo's documents do not break it.
 */
import { and, inArray, ne } from "drizzle-orm";
import { ENGLAND_2026_27, halfTermLabel, mergeCalendar, type HalfTerm } from "../../shared/calendar/index.js";
import { ensureTrustCalendar } from "../calendar/calendarStore.js";
import type { Db } from "../db/client.js";
import { documents, reviewItems, reviews } from "../db/schema/index.js";
import { todayInEngland } from "../progress/queries/filters.js";
import { summarise, takeSnapshot, type SnapshotItem } from "../reviews/reviewSnapshot.js";

const COMMENTARY = [
  "Evidence: learning walks and book looks",
  "Evidence: pupil voice and lesson drop-ins",
  "Data drop shows steady progress",
  "Staffing change slowed this; back on track",
  "Governor visit confirmed the impact",
  "Needs a sharper success measure",
];

/** A step worse or better, for the earlier review of the demo: the plans moved since. */
const WORSE: Record<string, string> = { blue: "green", green: "amber", amber: "red" };
const BETTER: Record<string, string> = { red: "amber", amber: "green" };

/** The two review points: the latest two half terms well under way by today (else the year's first two). */
function reviewPoints(today: string): HalfTerm[] {
  const calendar = mergeCalendar("2026/27", ENGLAND_2026_27);
  const started = calendar.halfTerms.filter((h) => h.startsOn <= today);
  return started.length >= 2 ? started.slice(-2) : calendar.halfTerms.slice(0, 2);
}

/** Seeds the calendar and the reviews; safe to call on a database that already has them. */
export async function seedDemoCycle(db: Db, today = todayInEngland()): Promise<void> {
  await ensureTrustCalendar(db, "2026/27", ENGLAND_2026_27);
  const plans = await db
    .select({ id: documents.id, schoolId: documents.schoolId, academicYear: documents.academicYear })
    .from(documents)
    .where(and(inArray(documents.kind, ["single_plan", "adp", "action_plan"]), ne(documents.status, "archived")));
  const [first, second] = reviewPoints(today);
  for (const plan of plans) {
    const current = await takeSnapshot(db, plan.id);
    if (!current.length) continue;
    const earlier: SnapshotItem[] = current.map((item, i) => ({
      ...item,
      rag: i % 3 === 0 ? (BETTER[item.rag] ?? item.rag) : i % 4 === 1 ? (WORSE[item.rag] ?? item.rag) : item.rag,
      commentary: i % 2 === 0 ? COMMENTARY[i % COMMENTARY.length]! : "",
    }));
    const later = current.map((item, i) => ({ ...item, commentary: i % 3 === 1 ? COMMENTARY[(i + 2) % COMMENTARY.length]! : "" }));
    let previous: { id: string; halfTerm: string; items: SnapshotItem[] } | null = null;
    for (const [point, items] of [[first!, earlier], [second!, later]] as const) {
      // Closed at the end of the half term, or today for the one still running.
      const closedAt = new Date(`${[point.endsOn, today].sort()[0]}T15:30:00Z`);
      const [row]: { id: string }[] = await db
        .insert(reviews)
        .values({ documentId: plan.id, schoolId: plan.schoolId, academicYear: "2026/27", halfTerm: point.halfTerm, status: "closed", summary: summarise(items, previous), openedAt: closedAt, updatedAt: closedAt, closedAt })
        .onConflictDoNothing()
        .returning({ id: reviews.id });
      if (!row) break;
      await db.insert(reviewItems).values(items.map((item) => ({ ...item, reviewId: row.id })));
      previous = { id: row.id, halfTerm: point.halfTerm, items };
    }
  }
}

/** "Autumn 1 and Autumn 2": which review points the demo seeds, for the README and tests. */
export const demoReviewPoints = (today = todayInEngland()) => reviewPoints(today).map((h) => halfTermLabel(h.halfTerm));
