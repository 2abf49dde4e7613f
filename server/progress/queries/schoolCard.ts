/** The academy card: a school's targets with progress and RAG over time, and its actions counted by RAG and status. */
import { and, asc, eq } from "drizzle-orm";
import type { Rag } from "../../../shared/enums.js";
import type { Db } from "../../db/client.js";
import { statusHistory } from "../../db/schema/index.js";
import type { AcademyCard, StatusCounts } from "../apiTypes.js";
import { listTargets } from "./targetList.js";
import { latestSefGrades } from "./sefGrades.js";
import { emptyRagCounts, schoolTotals } from "./rollupTotals.js";
import type { ListScope } from "./actionList.js";

const MAX_CARD_TARGETS = 500;

/** Builds the card of one school (callers have checked the actor may read it). */
export async function schoolCard(
  db: Db,
  school: AcademyCard["school"],
  scope: Pick<ListScope, "actorId" | "today">,
): Promise<AcademyCard> {
  const [targetPage, counts, history, sef] = await Promise.all([
    listTargets(db, { schoolId: school.id }, { ...scope, schools: [school.id] }, { limit: MAX_CARD_TARGETS, offset: 0 }),
    schoolTotals(db, scope.today, school.id),
    db
      .select({ documentId: statusHistory.documentId, key: statusHistory.blockKey, rag: statusHistory.newValue, at: statusHistory.changedAt })
      .from(statusHistory)
      .where(and(eq(statusHistory.schoolId, school.id), eq(statusHistory.blockType, "target"), eq(statusHistory.field, "rag")))
      .orderBy(asc(statusHistory.changedAt), asc(statusHistory.id)),
    latestSefGrades(db, school.id),
  ]);

  const totals = counts.get(school.id);
  const byRag = totals?.actions ?? emptyRagCounts();
  const byStatus: StatusCounts = totals?.byStatus ?? { not_started: 0, in_progress: 0, complete: 0, dropped: 0 };
  const overdue = totals?.overdue ?? 0;

  const trends = new Map<string, { at: string; rag: Rag }[]>();
  for (const h of history) {
    const k = `${h.documentId}|${h.key}`;
    const list = trends.get(k) ?? [];
    list.push({ at: h.at.toISOString(), rag: (h.rag ?? "none") as Rag });
    trends.set(k, list);
  }
  const targets = targetPage.rows.map((t) => {
    const trend = trends.get(`${t.document.id}|${t.key}`) ?? [];
    // A target never re-rated still has a point: its RAG as it stands.
    return { ...t, trend: trend.length ? trend : [{ at: t.updatedAt, rag: t.rag }] };
  });
  return { school, targets, actions: { byRag, byStatus, overdue, total: byRag.total }, sef: sef.get(school.id) ?? [] };
}
