/**
 * A few schools' dashboard rows, red areas, own flag facts and plans in one query: what the
 * dashboard cache reads again when one school's stamp moves (an extraction, a check-in, a review).
 * Read as ten queries this was ten round trips, each planned afresh on PGlite and each a turn of
 * the event loop; as one statement of per-school subqueries it is one. When a rollup does not hold
 * today, or was counted before it kept its open areas, the answer is null and the caller takes the
 * grouped queries, which count those documents from their rows.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import type { TrustSchoolRow } from "../progress/apiTypes.js";
import { rollupCurrentSql } from "../progress/queries/rollupTotals.js";
import { rowsOf } from "../db/rows.js";
import { type SefGradeRow, sefGradesFromRows } from "../progress/queries/sefGrades.js";
import type { SchoolRedArea } from "../progress/queries/trustDashboard.js";
import type { ActionGroup, PlanFact, ReviewFact } from "./flagFacts.js";
import { type OwnFacts, weakAreas } from "./schoolFlags.js";

type Json<T> = T[] | string | null;
const parsed = <T>(value: Json<T>): T[] => (typeof value === "string" ? JSON.parse(value) : (value ?? []));

interface SnapshotRow {
  id: string;
  name: string;
  phase: TrustSchoolRow["phase"];
  tier_level: number | null;
  tier_name: string | null;
  set_at: string | Date | null;
  ceo_one_to_one_weeks: number | null;
  health_checks_per_year: number | null;
  at: string | Date | null;
  all_current: boolean | string | null;
  uncounted: boolean | string | null;
  overdue: Json<Record<string, { n: number; oldest: string }>>;
  open_areas: Json<string[]>;
  reds: Json<{ area: string; red_actions: number; red_targets: number }>;
  reviews: Json<{ id: string; document_id: string; academic_year: string; half_term: string; red_again: number | null; fell: number | null; previous_review_id: string | null; previous_half_term: string | null }>;
  checkins: Json<{ kind: string; held_on: string }>;
  sef: Json<SefGradeRow>;
  plans: Json<PlanFact>;
  [total: string]: unknown;
}

/** The query (the benchmark times it): one row per school, its lists as JSON. */
export function schoolSnapshotSql(today: string, schoolIds: readonly string[]) {
  const current = rollupCurrentSql(today);
  const ids = sql.join(schoolIds.map((id) => sql`${id}::uuid`), sql`, `);
  const sum = (column: string, as: string) => sql.raw(`coalesce(sum(r.${column}), 0)::int as ${as}`);
  const totals = sql.join(
    [
      ...["total", "red", "amber", "green", "blue", "none"].map((k) => sum(`actions_${k}`, `a_${k}`)),
      ...["total", "red", "amber", "green", "blue", "none"].map((k) => sum(`targets_${k}`, `t_${k}`)),
      sum("actions_overdue", "overdue_n"),
    ],
    sql`, `,
  );
  return sql`
    select s.id, s.name, s.phase, tier.level as tier_level, tier.name as tier_name, tier.set_at, tier.ceo_one_to_one_weeks, tier.health_checks_per_year,
      greatest(
        (select max(updated_at) from actions where school_id = s.id),
        (select max(updated_at) from targets where school_id = s.id),
        (select max(updated_at) from priorities where school_id = s.id),
        (select max(updated_at) from judgements where school_id = s.id),
        (select max(updated_at) from findings where school_id = s.id),
        (select max(updated_at) from documents where school_id = s.id)) as at,
      ru.*,
      (select json_agg(x) from (
        select ra.area, coalesce(sum(ra.n) filter (where ra.block_type = 'action'), 0)::int as red_actions,
          coalesce(sum(ra.n) filter (where ra.block_type = 'target'), 0)::int as red_targets
        from rollup_red_areas ra join documents d on d.id = ra.document_id
        where ra.school_id = s.id and d.status <> 'archived' group by ra.area) x) as reds,
      (select json_agg(x) from (
        select r.id, r.document_id, r.academic_year, r.half_term, (r.summary->>'redAgain')::numeric as red_again, (r.summary->>'fell')::numeric as fell,
          r.summary->>'previousReviewId' as previous_review_id, r.summary->>'previousHalfTerm' as previous_half_term
        from reviews r where r.school_id = s.id) x) as reviews,
      (select json_agg(x) from (select kind, max(held_on)::text as held_on from school_checkins where school_id = s.id group by kind) x) as checkins,
      (select json_agg(x) from (
        select distinct on (j.framework, j.area) j.school_id, j.framework, j.area, j.grade, j.graded_at, j.document_id
        from judgements j join documents d on d.id = j.document_id
        where j.school_id = s.id and j.deleted_at is null and j.grade is not null and not j.placeholder
          and j.framework is not null and j.area is not null and d.kind = 'sef' and d.status <> 'archived'
        order by j.framework, j.area, j.graded_at desc nulls last) x) as sef,
      (select json_agg(x) from (
        select d.id, d.school_id, d.title, d.academic_year, to_char(greatest(d.created_at,
          (select u.created_at from document_updates u where u.document_id = d.id order by u.id desc limit 1),
          (select sn.updated_at from document_snapshots sn where sn.document_id = d.id)) at time zone 'Europe/London', 'YYYY-MM-DD') as edited_on
        from documents d where d.school_id = s.id and d.status <> 'archived' and d.kind in ('single_plan', 'adp', 'action_plan')) x) as plans
    from schools s
    left join lateral (
      select st.set_at, t.level, t.name, t.ceo_one_to_one_weeks, t.health_checks_per_year
      from school_tiers st join tiers t on t.level = st.tier
      where st.school_id = s.id order by st.set_at desc, st.id desc limit 1) tier on true
    cross join lateral (
      select ${totals}, coalesce(bool_and(${current}), true) as all_current, coalesce(bool_or(r.open_areas is null), false) as uncounted,
        json_agg(r.overdue_by_rag) filter (where r.actions_overdue > 0) as overdue, json_agg(r.open_areas) as open_areas
      from document_rollups r join documents d on d.id = r.document_id
      where r.school_id = s.id and d.status <> 'archived') ru
    where s.id in (${ids})
    order by s.name`;
}

export interface SchoolSnapshot {
  rows: TrustSchoolRow[];
  reds: SchoolRedArea[];
  own: Map<string, OwnFacts>;
  plans: PlanFact[];
}

const truthy = (v: boolean | string | null) => v === true || v === "t" || v === "true";

/**
 * These schools as the grouped queries would read them (dashboardRows, loadOwnFacts and
 * loadPlanFacts), or null when a rollup must be counted from its rows.
 */
export async function loadSchoolSnapshot(db: Db, today: string, schoolIds: readonly string[]): Promise<SchoolSnapshot | null> {
  if (!schoolIds.length) return { rows: [], reds: [], own: new Map(), plans: [] };
  const result = rowsOf<SnapshotRow>(await db.execute(schoolSnapshotSql(today, schoolIds)));
  if (result.some((r) => !truthy(r.all_current) || truthy(r.uncounted))) return null;
  const out: SchoolSnapshot = { rows: [], reds: [], own: new Map(), plans: [] };
  for (const r of result) {
    const n = (k: string) => Number(r[k] ?? 0);
    const sef = sefGradesFromRows(parsed(r.sef)).get(r.id) ?? [];
    out.rows.push({
      id: r.id,
      name: r.name,
      phase: r.phase,
      tier: r.tier_level === null ? null : { level: Number(r.tier_level), name: r.tier_name! },
      actions: { red: n("a_red"), amber: n("a_amber"), green: n("a_green"), blue: n("a_blue"), none: n("a_none"), total: n("a_total") },
      overdue: n("overdue_n"),
      targets: { red: n("t_red"), amber: n("t_amber"), green: n("t_green"), blue: n("t_blue"), none: n("t_none"), total: n("t_total") },
      sef,
      lastActivity: r.at ? new Date(r.at).toISOString() : null,
    });
    for (const red of parsed(r.reds)) out.reds.push({ schoolId: r.id, area: red.area, redActions: Number(red.red_actions), redTargets: Number(red.red_targets) });
    // As loadOwnFacts groups them: overdue by document and RAG first, then the weak areas with an open action.
    const actions: ActionGroup[] = [];
    for (const byRag of parsed(r.overdue)) {
      for (const [rag, o] of Object.entries(byRag ?? {})) actions.push({ school_id: r.id, area: null, rag, open: 0, overdue: o.n, oldest: o.oldest });
    }
    const open = new Set(parsed(r.open_areas).flat());
    for (const area of new Set(weakAreas(sef))) if (open.has(area)) actions.push({ school_id: r.id, area, rag: "", open: 1, overdue: 0, oldest: null });
    const reviews = parsed(r.reviews).map(
      ({ red_again, fell, previous_review_id, previous_half_term, ...v }): ReviewFact => ({
        ...v,
        school_id: r.id,
        summary: { redAgain: Number(red_again ?? 0), fell: Number(fell ?? 0), previousReviewId: previous_review_id, previousHalfTerm: previous_half_term },
      }),
    );
    const tier =
      r.tier_level === null
        ? null
        : { set_at: r.set_at!, level: Number(r.tier_level), name: r.tier_name!, ceo_one_to_one_weeks: Number(r.ceo_one_to_one_weeks), health_checks_per_year: Number(r.health_checks_per_year) };
    out.own.set(r.id, { actions, reviews, checkins: parsed(r.checkins), tier });
    out.plans.push(...parsed(r.plans));
  }
  return out;
}
