/**
 * What the flags stand on, read for the whole trust in a few grouped queries: open actions by
 * school, area and RAG (with overdue counts), review points, when each live plan last changed,
 * check-ins and tier dates, and the latest acknowledgements. Costs follow schools and documents;
 * the one pass over actions reads only open ones, from actions_dashboard_idx.
 */
import { sql } from "drizzle-orm";
import type { ReviewSummary } from "../db/schema/index.js";
import type { Db } from "../db/client.js";
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

/** A review point of a school. */
export interface ReviewFact {
  id: string;
  school_id: string;
  document_id: string;
  academic_year: string;
  half_term: string;
  summary: ReviewSummary;
  updated_at: string | Date;
  live: boolean;
}

/** A live plan and when it last changed. */
export interface PlanFact {
  id: string;
  school_id: string;
  title: string;
  academic_year: string;
  edited_at: string | Date;
}

/**
 * Overdue actions of live documents by school and RAG (the benchmark explains it). Only overdue
 * rows are read: the range `(status = 'complete') = false and due < today` of actions_order_idx.
 */
export function overdueSql(today: string) {
  return sql`
    select a.school_id, null::text as area, a.rag, 0 as open, count(*)::int as overdue, min(a.due)::text as oldest
    from actions a
    join documents d on d.id = a.document_id
    where a.deleted_at is null and not a.placeholder and (a.status = 'complete') = false and a.due < ${today} and d.status <> 'archived'
    group by a.school_id, a.rag`;
}

/** Which of these (school, area) pairs have an open action (neither complete nor dropped) in a live document. */
export async function openAreas(db: Db, pairs: { schoolId: string; area: string }[]): Promise<ActionGroup[]> {
  if (!pairs.length) return [];
  const wanted = sql.join(pairs.map((p) => sql`(${p.schoolId}::uuid, ${p.area}::text)`), sql`, `);
  const rows = await db.execute(sql`
    select distinct a.school_id, a.area, ''::text as rag, 1 as open, 0 as overdue, null::text as oldest
    from actions a
    join documents d on d.id = a.document_id
    where a.deleted_at is null and not a.placeholder and a.status not in ('complete', 'dropped') and d.status <> 'archived'
      and (a.school_id, a.area) in (${wanted})`);
  return rowsOf<ActionGroup>(rows);
}

/** Everything the flags depend on besides plan edits, as one cheap string: equal strings, equal flags. */
export function factsVersionSql() {
  const stamp = (table: string, column: string) => sql.raw(`(select coalesce(max(${column})::text, '') || '/' || count(*) from ${table})`);
  return sql`select concat_ws('|', ${stamp("document_rollups", "updated_at")}, ${stamp("documents", "updated_at")}, ${stamp("reviews", "updated_at")},
    ${stamp("school_checkins", "created_at")}, ${stamp("school_tiers", "set_at")}, ${stamp("flag_acknowledgements", "acknowledged_at")},
    ${stamp("trust_settings", "updated_at")}, ${stamp("calendar_half_terms", "updated_at")},
    (select string_agg(level || ':' || ceo_one_to_one_weeks || ':' || health_checks_per_year, ',' order by level) from tiers)) as version`;
}

/** Each live plan and when it last changed: the log is the truth; compaction folds it into the snapshot. */
export async function loadPlanFacts(db: Db): Promise<PlanFact[]> {
  return rowsOf<PlanFact>(
    await db.execute(sql`
      select d.id, d.school_id, d.title, d.academic_year, greatest(d.created_at,
        (select u.created_at from document_updates u where u.document_id = d.id order by u.id desc limit 1),
        (select s.updated_at from document_snapshots s where s.document_id = d.id)) as edited_at
      from documents d
      where d.status <> 'archived' and d.kind in ('single_plan', 'adp', 'action_plan')`),
  );
}

/** Every fact the rules need, for every school. */
export async function loadFlagFacts(db: Db, today: string) {
  const [actionRows, reviewRows, checkinRows, tierRows, ackRows] = await Promise.all([
    db.execute(overdueSql(today)),
    db.execute(sql`
      select r.id, r.school_id, r.document_id, r.academic_year, r.half_term, r.summary, r.updated_at, (d.status <> 'archived') as live
      from reviews r join documents d on d.id = r.document_id`),
    db.execute(sql`select school_id, kind, max(held_on)::text as held_on from school_checkins group by school_id, kind`),
    db.execute(sql`
      select distinct on (st.school_id) st.school_id, st.set_at, t.level, t.name, t.ceo_one_to_one_weeks, t.health_checks_per_year
      from school_tiers st join tiers t on t.level = st.tier
      order by st.school_id, st.set_at desc, st.id desc`),
    db.execute(sql`
      select distinct on (f.school_id, f.rule) f.school_id, f.rule, f.facts, f.note, f.acknowledged_by, f.acknowledged_at, u.name
      from flag_acknowledgements f left join users u on u.id = f.acknowledged_by
      order by f.school_id, f.rule, f.acknowledged_at desc`),
  ]);
  return {
    actions: rowsOf<ActionGroup>(actionRows),
    reviews: rowsOf<ReviewFact>(reviewRows).map((r) => ({ ...r, summary: typeof r.summary === "string" ? (JSON.parse(r.summary) as ReviewSummary) : r.summary })),
    checkins: rowsOf<{ school_id: string; kind: string; held_on: string }>(checkinRows),
    tiers: rowsOf<{ school_id: string; set_at: string | Date; level: number; name: string; ceo_one_to_one_weeks: number; health_checks_per_year: number }>(tierRows),
    acks: rowsOf<{ school_id: string; rule: string; facts: string; note: string; acknowledged_by: string | null; acknowledged_at: string | Date; name: string | null }>(ackRows),
  };
}

export type FlagFacts = Awaited<ReturnType<typeof loadFlagFacts>>;

// One formatter for every timestamp: building an Intl.DateTimeFormat per call cost ~0.3 ms each, per plan.
const ENGLAND_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar day in England of a stored timestamp (YYYY-MM-DD). */
export const englandDay = (at: string | Date): string => ENGLAND_DAY.format(new Date(at));
