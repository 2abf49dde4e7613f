/**
 * The trust dashboard: one row per school (tier, actions by RAG, overdue, targets by RAG, latest
 * SEF grades, last activity), trust-wide totals, and the areas most often red. Four aggregate
 * queries, each one pass over an index, whatever the number of schools.
 */
import { sql } from "drizzle-orm";
import { RAGS, type Rag } from "../../../shared/enums.js";
import { areaLabel } from "../../../shared/frameworks/index.js";
import type { Db } from "../../db/client.js";
import { loadSchoolsWithTier } from "../../schools/loadSchools.js";
import type { RagCounts, TrustDashboard, TrustSchoolRow } from "../apiTypes.js";
import { latestSefGrades, rowsOf } from "./sefGrades.js";

/** Zero for every RAG, and a total. */
export const emptyRagCounts = (): RagCounts => ({ red: 0, amber: 0, green: 0, blue: 0, none: 0, total: 0 });

function addTo(counts: RagCounts, rag: string, n: number): void {
  if ((RAGS as readonly string[]).includes(rag)) counts[rag as Rag] += n;
  counts.total += n;
}

interface Aggregate {
  school_id: string;
  rag: string;
  area: string | null;
  n: number;
  overdue?: number;
}

/** The dashboard's aggregate queries (the benchmark explains these very queries). */
export function dashboardSql(today: string) {
  return {
    // Index-only over actions_dashboard_idx; archived plans drop out through a hashed anti-join.
    actions: sql`
      select a.school_id, a.rag, a.area, count(*)::int as n,
        (count(*) filter (where a.due < ${today}::date and a.status <> 'complete'))::int as overdue
      from actions a
      where a.deleted_at is null and not a.placeholder
        and not exists (select 1 from documents d where d.id = a.document_id and d.status = 'archived')
      group by a.school_id, a.rag, a.area`,
    targets: sql`
      select t.school_id, t.rag, t.area, count(*)::int as n
      from targets t
      where t.deleted_at is null and not t.placeholder
        and not exists (select 1 from documents d where d.id = t.document_id and d.status = 'archived')
      group by t.school_id, t.rag, t.area`,
    // Per school, each max(updated_at) is one backward probe of a (school_id, updated_at) index.
    activity: sql`
      select s.id as school_id, greatest(
        (select max(updated_at) from actions where school_id = s.id),
        (select max(updated_at) from targets where school_id = s.id),
        (select max(updated_at) from priorities where school_id = s.id),
        (select max(updated_at) from judgements where school_id = s.id),
        (select max(updated_at) from findings where school_id = s.id),
        d.at) as at
      from schools s
      left join (select school_id, max(updated_at) as at from documents group by school_id) d on d.school_id = s.id`,
  };
}

/** Builds the dashboard for the whole trust (callers have checked `viewTrust`). */
export async function trustDashboard(db: Db, today: string): Promise<TrustDashboard> {
  const queries = dashboardSql(today);
  const [schoolRows, actionAgg, targetAgg, activity, sef] = await Promise.all([
    loadSchoolsWithTier(db, "all"),
    db.execute(queries.actions),
    db.execute(queries.targets),
    db.execute(queries.activity),
    latestSefGrades(db),
  ]);

  const rows = new Map<string, TrustSchoolRow>();
  for (const { school, tier } of schoolRows) {
    rows.set(school.id, {
      id: school.id,
      name: school.name,
      phase: school.phase,
      tier: tier ? { level: tier.level, name: tier.name } : null,
      actions: emptyRagCounts(),
      overdue: 0,
      targets: emptyRagCounts(),
      sef: sef.get(school.id) ?? [],
      lastActivity: null,
    });
  }
  const red = new Map<string, { schools: Set<string>; redActions: number; redTargets: number }>();
  const noteRed = (a: Aggregate, kind: "redActions" | "redTargets") => {
    if (a.rag !== "red" || !a.area) return;
    const entry = red.get(a.area) ?? { schools: new Set<string>(), redActions: 0, redTargets: 0 };
    entry.schools.add(a.school_id);
    entry[kind] += Number(a.n);
    red.set(a.area, entry);
  };
  for (const a of rowsOf<Aggregate>(actionAgg)) {
    const row = rows.get(a.school_id);
    if (!row) continue;
    addTo(row.actions, a.rag, Number(a.n));
    row.overdue += Number(a.overdue ?? 0);
    noteRed(a, "redActions");
  }
  for (const t of rowsOf<Aggregate>(targetAgg)) {
    const row = rows.get(t.school_id);
    if (!row) continue;
    addTo(row.targets, t.rag, Number(t.n));
    noteRed(t, "redTargets");
  }
  for (const r of rowsOf<{ school_id: string; at: Date | string | null }>(activity)) {
    const row = rows.get(r.school_id);
    if (row && r.at) row.lastActivity = new Date(r.at).toISOString();
  }

  const schools = [...rows.values()];
  const totals: TrustDashboard["totals"] = { schools: schools.length, actions: emptyRagCounts(), overdue: 0, targets: emptyRagCounts(), byTier: [] };
  const tiers = new Map<number | null, { level: number | null; name: string; schools: number }>();
  for (const s of schools) {
    for (const rag of RAGS) {
      totals.actions[rag] += s.actions[rag];
      totals.targets[rag] += s.targets[rag];
    }
    totals.actions.total += s.actions.total;
    totals.targets.total += s.targets.total;
    totals.overdue += s.overdue;
    const level = s.tier?.level ?? null;
    const tier = tiers.get(level) ?? { level, name: s.tier?.name ?? "No tier", schools: 0 };
    tier.schools++;
    tiers.set(level, tier);
  }
  totals.byTier = [...tiers.values()].sort((a, b) => (a.level ?? 99) - (b.level ?? 99));
  const redAreas = [...red.entries()]
    .map(([area, e]) => ({ area, label: areaLabel(null, area), schools: e.schools.size, redActions: e.redActions, redTargets: e.redTargets }))
    .sort((a, b) => b.schools - a.schools || b.redActions + b.redTargets - (a.redActions + a.redTargets) || a.label.localeCompare(b.label));
  return { schools, totals, redAreas, generatedAt: new Date().toISOString() };
}
