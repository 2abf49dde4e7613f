/**
 * What the flags stand on, read for the whole trust (or some schools) in a few grouped queries: open actions by
 * school, area and RAG (overdue counts from the per-document rollups), review points, when each live plan last changed,
 * check-ins and tier dates, and the latest acknowledgements. Costs follow schools and documents:
 * actions are read only for documents whose rollup went stale, and for the weak SEF areas.
 */
import { sql } from "drizzle-orm";
import type { ReviewSummary } from "../db/schema/index.js";
import type { Db } from "../db/client.js";
import { rollupCurrentSql } from "../progress/queries/rollupTotals.js";
import { schoolFilter } from "../progress/queries/schoolFilter.js";
import { rowsOf } from "../progress/queries/sefGrades.js";

/** Open (not complete) actions of live documents, per school, area and RAG. */
export interface ActionGroup {
  school_id: string;
  area: string | null;
  rag: string;
  /** Neither complete nor dropped. */
  open: number;
  /** Due before today and not complete. */
  overdue: number;
  oldest: string | null;
}

/** A review point of a school, with the parts of its summary the rules read. */
export interface ReviewFact {
  id: string;
  school_id: string;
  document_id: string;
  academic_year: string;
  half_term: string;
  summary: Pick<ReviewSummary, "redAgain" | "fell" | "previousReviewId" | "previousHalfTerm">;
}

/** A live plan and when it last changed. */
export interface PlanFact {
  id: string;
  school_id: string;
  title: string;
  academic_year: string;
  /** The day in England it last changed (YYYY-MM-DD): all the rules read of it. */
  edited_on: string;
}

/**
 * Overdue actions of live documents by school and RAG, counted from the rows: only for documents
 * whose rollup does not hold today. Only overdue rows are read: the range
 * `(status = 'complete') = false and due < today` of actions_order_idx.
 */
export function overdueSql(today: string, documentIds?: readonly string[]) {
  const only = documentIds ? sql`and a.document_id in (${sql.join(documentIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql``;
  return sql`
    select a.school_id, null::text as area, a.rag, 0 as open, count(*)::int as overdue, min(a.due)::text as oldest
    from actions a
    join documents d on d.id = a.document_id
    where a.deleted_at is null and not a.placeholder and (a.status = 'complete') = false and a.due < ${today} and d.status <> 'archived' ${only}
    group by a.school_id, a.rag`;
}

/**
 * Live documents' rollups that have overdue actions or do not hold today (the benchmark explains
 * it): one row per document, so the cost follows documents, not actions.
 */
export function overdueRollupSql(today: string, schoolIds?: readonly string[]) {
  const current = rollupCurrentSql(today);
  return sql`
    select r.document_id, r.school_id, r.overdue_by_rag, ${current} as current
    from document_rollups r
    join documents d on d.id = r.document_id
    where d.status <> 'archived' and (r.actions_overdue > 0 or not ${current}) ${schoolFilter(sql`r.school_id`, schoolIds)}`;
}

type OverdueByRag = Record<string, { n: number; oldest: string }>;

/** Overdue actions by school and RAG (all schools, or some): from the rollups where they hold, from the rows of the documents where they do not. */
export async function loadOverdue(db: Db, today: string, schoolIds?: readonly string[]): Promise<ActionGroup[]> {
  const rows = rowsOf<{ document_id: string; school_id: string; overdue_by_rag: OverdueByRag | string | null; current: boolean | string }>(
    await db.execute(overdueRollupSql(today, schoolIds)),
  );
  const out: ActionGroup[] = [];
  const stale: string[] = [];
  for (const r of rows) {
    if (r.current !== true && r.current !== "t") {
      stale.push(r.document_id);
      continue;
    }
    const byRag: OverdueByRag = typeof r.overdue_by_rag === "string" ? JSON.parse(r.overdue_by_rag) : (r.overdue_by_rag ?? {});
    for (const [rag, o] of Object.entries(byRag)) out.push({ school_id: r.school_id, area: null, rag, open: 0, overdue: o.n, oldest: o.oldest });
  }
  if (stale.length) out.push(...rowsOf<ActionGroup>(await db.execute(overdueSql(today, stale))));
  return out;
}

/**
 * Which of these (school, area) pairs have an open action (neither complete nor dropped) in a live
 * document: from each document's rollup (open_areas), and from the rows of documents whose rollup
 * was counted before it kept them.
 */
export async function openAreas(db: Db, pairs: { schoolId: string; area: string }[]): Promise<ActionGroup[]> {
  if (!pairs.length) return [];
  const schoolIds = sql.join([...new Set(pairs.map((p) => p.schoolId))].map((id) => sql`${id}::uuid`), sql`, `);
  const rollups = rowsOf<{ document_id: string; school_id: string; open_areas: string[] | string | null }>(
    await db.execute(sql`
      select r.document_id, r.school_id, r.open_areas
      from document_rollups r
      join documents d on d.id = r.document_id
      where d.status <> 'archived' and r.school_id in (${schoolIds})`),
  );
  const wanted = new Set(pairs.map((p) => `${p.schoolId}|${p.area}`));
  const found = new Set<string>();
  const uncounted: string[] = [];
  for (const r of rollups) {
    if (r.open_areas === null) {
      uncounted.push(r.document_id);
      continue;
    }
    const areas: string[] = typeof r.open_areas === "string" ? JSON.parse(r.open_areas) : r.open_areas;
    for (const area of areas) if (wanted.has(`${r.school_id}|${area}`)) found.add(`${r.school_id}|${area}`);
  }
  if (uncounted.length) {
    const pairList = sql.join(pairs.map((p) => sql`(${p.schoolId}::uuid, ${p.area}::text)`), sql`, `);
    const rows = rowsOf<{ school_id: string; area: string }>(
      await db.execute(sql`
        select distinct a.school_id, a.area
        from actions a
        where a.deleted_at is null and not a.placeholder and a.status not in ('complete', 'dropped')
          and a.document_id in (${sql.join(uncounted.map((id) => sql`${id}::uuid`), sql`, `)}) and (a.school_id, a.area) in (${pairList})`),
    );
    for (const r of rows) found.add(`${r.school_id}|${r.area}`);
  }
  return [...found].map((k) => {
    const at = k.indexOf("|");
    return { school_id: k.slice(0, at), area: k.slice(at + 1), rag: "", open: 1, overdue: 0, oldest: null };
  });
}

/** Each live plan and when it last changed: the log is the truth; compaction folds it into the snapshot. */
export async function loadPlanFacts(db: Db, schoolIds?: readonly string[]): Promise<PlanFact[]> {
  return planFacts(db, schoolFilter(sql`d.school_id`, schoolIds));
}

async function planFacts(db: Db, condition: ReturnType<typeof sql>): Promise<PlanFact[]> {
  return rowsOf<PlanFact>(
    await db.execute(sql`
      select d.id, d.school_id, d.title, d.academic_year, to_char(greatest(d.created_at,
        (select u.created_at from document_updates u where u.document_id = d.id order by u.id desc limit 1),
        (select s.updated_at from document_snapshots s where s.document_id = d.id)) at time zone 'Europe/London', 'YYYY-MM-DD') as edited_on
      from documents d
      where d.status <> 'archived' and d.kind in ('single_plan', 'adp', 'action_plan') ${condition}`),
  );
}

/** A trust lead's latest acknowledgement of each school's flag, with the acknowledger's name. */
export interface AckFact {
  school_id: string;
  rule: string;
  facts: string;
  note: string;
  acknowledged_by: string | null;
  acknowledged_at: string | Date;
  name: string | null;
}

/** The latest acknowledgement per school and rule (all schools, or some). */
export async function loadAcknowledgements(db: Db, schoolIds?: readonly string[]): Promise<AckFact[]> {
  return rowsOf<AckFact>(
    await db.execute(sql`
      select distinct on (f.school_id, f.rule) f.school_id, f.rule, f.facts, f.note, f.acknowledged_by, f.acknowledged_at, u.name
      from flag_acknowledgements f left join users u on u.id = f.acknowledged_by
      where true ${schoolFilter(sql`f.school_id`, schoolIds)}
      order by f.school_id, f.rule, f.acknowledged_at desc`),
  );
}

/**
 * Every per-school fact the rules need, for every school or some. Reviews come with only the
 * summary fields the rules read: parsing every summary's JSON was most of this read's time.
 */
export async function loadFlagFacts(db: Db, today: string, schoolIds?: readonly string[]) {
  const only = (column: string) => schoolFilter(sql.raw(column), schoolIds);
  const [actionRows, reviewRows, checkinRows, tierRows] = await Promise.all([
    loadOverdue(db, today, schoolIds),
    db.execute(sql`
      select r.id, r.school_id, r.document_id, r.academic_year, r.half_term, (r.summary->>'redAgain')::numeric as red_again, (r.summary->>'fell')::numeric as fell,
        r.summary->>'previousReviewId' as previous_review_id, r.summary->>'previousHalfTerm' as previous_half_term
      from reviews r where true ${only("r.school_id")}`),
    db.execute(sql`select school_id, kind, max(held_on)::text as held_on from school_checkins where true ${only("school_id")} group by school_id, kind`),
    db.execute(sql`
      select distinct on (st.school_id) st.school_id, st.set_at, t.level, t.name, t.ceo_one_to_one_weeks, t.health_checks_per_year
      from school_tiers st join tiers t on t.level = st.tier
      where true ${only("st.school_id")}
      order by st.school_id, st.set_at desc, st.id desc`),
  ]);
  type ReviewRow = Omit<ReviewFact, "summary"> & { red_again: number | null; fell: number | null; previous_review_id: string | null; previous_half_term: string | null };
  return {
    actions: actionRows,
    reviews: rowsOf<ReviewRow>(reviewRows).map(({ red_again, fell, previous_review_id, previous_half_term, ...r }): ReviewFact => ({
      ...r,
      summary: { redAgain: Number(red_again ?? 0), fell: Number(fell ?? 0), previousReviewId: previous_review_id, previousHalfTerm: previous_half_term },
    })),
    checkins: rowsOf<{ school_id: string; kind: string; held_on: string }>(checkinRows),
    tiers: rowsOf<{ school_id: string; set_at: string | Date; level: number; name: string; ceo_one_to_one_weeks: number; health_checks_per_year: number }>(tierRows),
  };
}

export type FlagFacts = Awaited<ReturnType<typeof loadFlagFacts>>;
