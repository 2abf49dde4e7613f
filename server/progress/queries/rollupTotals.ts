/** Adds up document rollups per school: RAG and status counts, overdue, and red areas; archived documents left out. */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import type { RagCounts, StatusCounts } from "../apiTypes.js";
import { countOverdue, refreshStaleRollups } from "../rollups.js";
import { schoolFilter } from "./schoolFilter.js";
import { rowsOf } from "./sefGrades.js";

/** One school's totals. */
export interface SchoolTotals {
  actions: RagCounts;
  targets: RagCounts;
  byStatus: StatusCounts;
  overdue: number;
}

/** Zero for every RAG, and a total. */
export const emptyRagCounts = (): RagCounts => ({ red: 0, amber: 0, green: 0, blue: 0, none: 0, total: 0 });

/**
 * Whether rollup `r`'s overdue figures hold on `today` (rollupIsCurrent in SQL); a rollup counted
 * before overdue_by_rag existed is not current, so it is counted from its rows and recounted.
 */
export const rollupCurrentSql = (today: string) =>
  sql`(r.counted_on <= ${today}::date and (r.next_due is null or r.next_due >= ${today}::date) and r.overdue_by_rag is not null)`;

/** The queries behind schoolTotals and redAreas (the benchmark explains these very queries). */
export function rollupSql(today: string, schoolId?: string | readonly string[]) {
  const current = rollupCurrentSql(today);
  return {
    totals: sql`
      select r.school_id,
        sum(r.actions_total)::int as a_total, sum(r.actions_red)::int as a_red, sum(r.actions_amber)::int as a_amber,
        sum(r.actions_green)::int as a_green, sum(r.actions_blue)::int as a_blue, sum(r.actions_none)::int as a_none,
        sum(r.actions_not_started)::int as s_not_started, sum(r.actions_in_progress)::int as s_in_progress,
        sum(r.actions_complete)::int as s_complete, sum(r.actions_dropped)::int as s_dropped,
        (sum(r.actions_overdue) filter (where ${current}))::int as overdue,
        array_remove(array_agg(case when ${current} then null else r.document_id end), null) as stale,
        sum(r.targets_total)::int as t_total, sum(r.targets_red)::int as t_red, sum(r.targets_amber)::int as t_amber,
        sum(r.targets_green)::int as t_green, sum(r.targets_blue)::int as t_blue, sum(r.targets_none)::int as t_none
      from document_rollups r
      join documents d on d.id = r.document_id
      where d.status <> 'archived' ${schoolFilter(sql`r.school_id`, schoolId)}
      group by r.school_id`,
    // Per area and school first, then per area: two hash aggregates rather than a sort for count(distinct).
    redAreas: sql`
      select area, count(*)::int as schools, sum(red_actions)::int as red_actions, sum(red_targets)::int as red_targets
      from (
        select ra.area, ra.school_id,
          coalesce(sum(ra.n) filter (where ra.block_type = 'action'), 0) as red_actions,
          coalesce(sum(ra.n) filter (where ra.block_type = 'target'), 0) as red_targets
        from rollup_red_areas ra
        join documents d on d.id = ra.document_id
        where d.status <> 'archived'
        group by ra.area, ra.school_id
      ) per_school
      group by area`,
    // The same per school, so a trust's red areas can be added up from the schools that changed.
    redAreasBySchool: sql`
      select ra.school_id, ra.area,
        coalesce(sum(ra.n) filter (where ra.block_type = 'action'), 0)::int as red_actions,
        coalesce(sum(ra.n) filter (where ra.block_type = 'target'), 0)::int as red_targets
      from rollup_red_areas ra
      join documents d on d.id = ra.document_id
      where d.status <> 'archived' ${schoolFilter(sql`ra.school_id`, schoolId)}
      group by ra.school_id, ra.area`,
  };
}

interface TotalsRow {
  school_id: string;
  stale: string[] | string | null;
  [column: string]: unknown;
}

// Documents being recounted in the background, so a burst of requests starts one recount each.
const recounting = new Set<string>();

/** Per-school totals (all, one or some); documents whose overdue count went stale since they were counted are counted from their rows. */
export async function schoolTotals(db: Db, today: string, schoolId?: string | readonly string[]): Promise<Map<string, SchoolTotals>> {
  const rows = rowsOf<TotalsRow>(await db.execute(rollupSql(today, schoolId).totals));
  const out = new Map<string, SchoolTotals>();
  const staleBySchool = new Map<string, string[]>();
  for (const r of rows) {
    const n = (k: string) => Number(r[k] ?? 0);
    out.set(r.school_id, {
      actions: { red: n("a_red"), amber: n("a_amber"), green: n("a_green"), blue: n("a_blue"), none: n("a_none"), total: n("a_total") },
      targets: { red: n("t_red"), amber: n("t_amber"), green: n("t_green"), blue: n("t_blue"), none: n("t_none"), total: n("t_total") },
      byStatus: { not_started: n("s_not_started"), in_progress: n("s_in_progress"), complete: n("s_complete"), dropped: n("s_dropped") },
      overdue: n("overdue"),
    });
    const stale = parseUuidArray(r.stale);
    if (stale.length) staleBySchool.set(r.school_id, stale);
  }
  const stale = [...staleBySchool.values()].flat();
  if (stale.length) {
    const counted = await countOverdue(db, stale, today);
    for (const [school, ids] of staleBySchool) for (const id of ids) out.get(school)!.overdue += counted.get(id) ?? 0;
    const fresh = stale.filter((id) => !recounting.has(id));
    for (const id of fresh) recounting.add(id);
    // The rollups are derived data: bring them up to today after answering, so later requests read them as they are.
    void refreshStaleRollups(db, fresh, today)
      .catch(() => undefined)
      .finally(() => {
        for (const id of fresh) recounting.delete(id);
      });
  }
  return out;
}

/** Areas with red actions or targets, and in how many schools. */
export async function redAreaCounts(db: Db, today: string) {
  return rowsOf<{ area: string; schools: number; red_actions: number; red_targets: number }>(await db.execute(rollupSql(today).redAreas)).map((r) => ({
    area: r.area,
    schools: Number(r.schools),
    redActions: Number(r.red_actions),
    redTargets: Number(r.red_targets),
  }));
}

/** Red actions and targets per school and area (all schools, or some). */
export async function redAreaCountsBySchool(db: Db, today: string, schoolIds?: readonly string[]) {
  return rowsOf<{ school_id: string; area: string; red_actions: number; red_targets: number }>(await db.execute(rollupSql(today, schoolIds).redAreasBySchool)).map((r) => ({
    schoolId: r.school_id,
    area: r.area,
    redActions: Number(r.red_actions),
    redTargets: Number(r.red_targets),
  }));
}

/** postgres.js parses uuid[]; PGlite may hand back the text form `{a,b}`. */
function parseUuidArray(value: string[] | string | null): string[] {
  if (!value) return [];
  if (Array.isArray(value)) return value;
  return value.replace(/^\{|\}$/g, "").split(",").filter(Boolean);
}
