/** The academy card: a school's targets with progress and RAG over time, and its actions counted by RAG and status. */
import { and, asc, eq, sql } from "drizzle-orm";
import { ACTION_STATUSES, type ActionStatus, type Rag } from "../../../shared/enums.js";
import type { Db } from "../../db/client.js";
import { statusHistory } from "../../db/schema/index.js";
import type { AcademyCard, StatusCounts } from "../apiTypes.js";
import { listTargets } from "./targetList.js";
import { latestSefGrades, rowsOf } from "./sefGrades.js";
import { emptyRagCounts } from "./trustDashboard.js";
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
    db.execute(sql`
      select a.rag, a.status, count(*)::int as n,
        (count(*) filter (where a.due < ${scope.today}::date and a.status <> 'complete'))::int as overdue
      from actions a
      where a.school_id = ${school.id} and a.deleted_at is null and not a.placeholder
        and not exists (select 1 from documents d where d.id = a.document_id and d.status = 'archived')
      group by a.rag, a.status`),
    db
      .select({ documentId: statusHistory.documentId, key: statusHistory.blockKey, rag: statusHistory.newValue, at: statusHistory.changedAt })
      .from(statusHistory)
      .where(and(eq(statusHistory.schoolId, school.id), eq(statusHistory.blockType, "target"), eq(statusHistory.field, "rag")))
      .orderBy(asc(statusHistory.changedAt), asc(statusHistory.id)),
    latestSefGrades(db, school.id),
  ]);

  const byRag = emptyRagCounts();
  const byStatus = Object.fromEntries(ACTION_STATUSES.map((s) => [s, 0])) as StatusCounts;
  let overdue = 0;
  for (const r of rowsOf<{ rag: Rag; status: ActionStatus; n: number; overdue: number }>(counts)) {
    byRag[r.rag] = (byRag[r.rag] ?? 0) + Number(r.n);
    byRag.total += Number(r.n);
    if (r.status in byStatus) byStatus[r.status] += Number(r.n);
    overdue += Number(r.overdue);
  }

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
