/**
 * The trust dashboard: one row per school (tier, actions by RAG, overdue, targets by RAG, latest
 * SEF grades, last activity), trust-wide totals, and the areas most often red. It adds up the
 * per-document rollups, so its cost follows the number of documents, not of actions; the rows of
 * some schools can be rebuilt alone and added up again (flags/dashboardCache.ts).
 */
import { sql } from "drizzle-orm";
import { RAGS } from "../../../shared/enums.js";
import { areaLabel } from "../../../shared/frameworks/index.js";
import type { Db } from "../../db/client.js";
import { loadSchoolsWithTier } from "../../schools/loadSchools.js";
import type { SefGrade, TrustDashboard, TrustSchoolRow } from "../apiTypes.js";
import { emptyRagCounts, redAreaCountsBySchool, schoolTotals } from "./rollupTotals.js";
import { schoolFilter } from "./schoolFilter.js";
import { latestSefGrades, rowsOf } from "./sefGrades.js";

/** The dashboard's own query (the benchmark explains it): last activity per school (all, or some). */
export function activitySql(schoolIds?: readonly string[]) {
  // Per school, each max(updated_at) is one backward probe of a (school_id, updated_at) index.
  return sql`
    select s.id as school_id, greatest(
      (select max(updated_at) from actions where school_id = s.id),
      (select max(updated_at) from targets where school_id = s.id),
      (select max(updated_at) from priorities where school_id = s.id),
      (select max(updated_at) from judgements where school_id = s.id),
      (select max(updated_at) from findings where school_id = s.id),
      d.at) as at
    from schools s
    left join (select school_id, max(updated_at) as at from documents group by school_id) d on d.school_id = s.id
    where true ${schoolFilter(sql`s.id`, schoolIds)}`;
}

/** One school's red actions and targets in one area. */
export interface SchoolRedArea {
  schoolId: string;
  area: string;
  redActions: number;
  redTargets: number;
}

/**
 * The dashboard's rows of these schools (all when none are named), ordered by name, with each
 * school's red areas: what assembleDashboard adds up. Rows of some schools can be rebuilt alone.
 */
export async function dashboardRows(db: Db, today: string, schoolIds?: readonly string[]): Promise<{ rows: TrustSchoolRow[]; reds: SchoolRedArea[] }> {
  // One school's SEF grades are an indexed read; a few schools' are a few of them.
  const sefOf = async () => {
    if (!schoolIds || schoolIds.length > 4) return latestSefGrades(db);
    const out = new Map<string, SefGrade[]>();
    for (const id of schoolIds) for (const [k, v] of await latestSefGrades(db, id)) out.set(k, v);
    return out;
  };
  const [schoolRows, totals, reds, activity, sef] = await Promise.all([
    loadSchoolsWithTier(db, schoolIds ? [...schoolIds] : "all"),
    schoolTotals(db, today, schoolIds),
    redAreaCountsBySchool(db, today, schoolIds),
    db.execute(activitySql(schoolIds)),
    sefOf(),
  ]);

  const rows = new Map<string, TrustSchoolRow>();
  for (const { school, tier } of schoolRows) {
    const t = totals.get(school.id);
    rows.set(school.id, {
      id: school.id,
      name: school.name,
      phase: school.phase,
      tier: tier ? { level: tier.level, name: tier.name } : null,
      actions: t?.actions ?? emptyRagCounts(),
      overdue: t?.overdue ?? 0,
      targets: t?.targets ?? emptyRagCounts(),
      sef: sef.get(school.id) ?? [],
      lastActivity: null,
    });
  }
  for (const r of rowsOf<{ school_id: string; at: Date | string | null }>(activity)) {
    const row = rows.get(r.school_id);
    if (row && r.at) row.lastActivity = new Date(r.at).toISOString();
  }
  return { rows: [...rows.values()], reds: reds.filter((r) => rows.has(r.schoolId)) };
}

/** The dashboard from its rows: trust-wide totals, schools per tier, and the areas red in most schools. */
export function assembleDashboard<R extends TrustSchoolRow>(schools: R[], reds: Iterable<SchoolRedArea>): Omit<TrustDashboard, "schools"> & { schools: R[] } {
  const summary: TrustDashboard["totals"] = { schools: schools.length, actions: emptyRagCounts(), overdue: 0, targets: emptyRagCounts(), byTier: [] };
  const tiers = new Map<number | null, { level: number | null; name: string; schools: number }>();
  for (const s of schools) {
    for (const key of [...RAGS, "total"] as const) {
      summary.actions[key] += s.actions[key];
      summary.targets[key] += s.targets[key];
    }
    summary.overdue += s.overdue;
    const level = s.tier?.level ?? null;
    const tier = tiers.get(level) ?? { level, name: s.tier?.name ?? "No tier", schools: 0 };
    tier.schools++;
    tiers.set(level, tier);
  }
  summary.byTier = [...tiers.values()].sort((a, b) => (a.level ?? 99) - (b.level ?? 99));
  const byArea = new Map<string, { schools: number; redActions: number; redTargets: number }>();
  for (const r of reds) {
    const area = byArea.get(r.area) ?? { schools: 0, redActions: 0, redTargets: 0 };
    area.schools++;
    area.redActions += r.redActions;
    area.redTargets += r.redTargets;
    byArea.set(r.area, area);
  }
  const redAreas = [...byArea]
    .map(([area, r]) => ({ area, label: areaLabel(null, area), schools: r.schools, redActions: r.redActions, redTargets: r.redTargets }))
    .sort((a, b) => b.schools - a.schools || b.redActions + b.redTargets - (a.redActions + a.redTargets) || a.label.localeCompare(b.label));
  return { schools, totals: summary, redAreas, generatedAt: new Date().toISOString() };
}

/** Builds the dashboard for the whole trust (callers have checked `viewTrust`). */
export async function trustDashboard(db: Db, today: string): Promise<TrustDashboard> {
  const { rows, reds } = await dashboardRows(db, today);
  return assembleDashboard(rows, reds);
}
