/**
 * The trust dashboard: one row per school (tier, actions by RAG, overdue, targets by RAG, latest
 * SEF grades, last activity), trust-wide totals, and the areas most often red. It adds up the
 * per-document rollups, so its cost follows the number of documents, not of actions.
 */
import { sql } from "drizzle-orm";
import { RAGS } from "../../../shared/enums.js";
import { areaLabel } from "../../../shared/frameworks/index.js";
import type { Db } from "../../db/client.js";
import { loadSchoolsWithTier } from "../../schools/loadSchools.js";
import type { TrustDashboard, TrustSchoolRow } from "../apiTypes.js";
import { emptyRagCounts, redAreaCounts, schoolTotals } from "./rollupTotals.js";
import { latestSefGrades, rowsOf } from "./sefGrades.js";

/** The dashboard's own query (the benchmark explains it): last activity per school. */
export function activitySql() {
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
    left join (select school_id, max(updated_at) as at from documents group by school_id) d on d.school_id = s.id`;
}

/** Builds the dashboard for the whole trust (callers have checked `viewTrust`). */
export async function trustDashboard(db: Db, today: string): Promise<TrustDashboard> {
  const [schoolRows, totals, reds, activity, sef] = await Promise.all([
    loadSchoolsWithTier(db, "all"),
    schoolTotals(db, today),
    redAreaCounts(db, today),
    db.execute(activitySql()),
    latestSefGrades(db),
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

  const schools = [...rows.values()];
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
  const redAreas = reds
    .map((r) => ({ area: r.area, label: areaLabel(null, r.area), schools: r.schools, redActions: r.redActions, redTargets: r.redTargets }))
    .sort((a, b) => b.schools - a.schools || b.redActions + b.redTargets - (a.redActions + a.redTargets) || a.label.localeCompare(b.label));
  return { schools, totals: summary, redAreas, generatedAt: new Date().toISOString() };
}
