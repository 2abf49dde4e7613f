/**
 * The trust dashboard: one row per school (tier, actions by RAG, overdue, targets by RAG, latest
 * SEF grades, last activity), trust-wide totals, and the areas most often red. It adds up the
 * per-document rollups, so its cost follows the number of documents, not of actions.
 */
import { sql } from "drizzle-orm";
import { RAGS, type Rag } from "../../../shared/enums.js";
import { areaLabel } from "../../../shared/frameworks/index.js";
import type { Db } from "../../db/client.js";
import { loadSchoolsWithTier } from "../../schools/loadSchools.js";
import type { RollupCounts } from "../../db/schema/index.js";
import type { RagCounts, TrustDashboard, TrustSchoolRow } from "../apiTypes.js";
import { overdueIn } from "../rollups.js";
import { latestSefGrades, rowsOf } from "./sefGrades.js";

/** Zero for every RAG, and a total. */
export const emptyRagCounts = (): RagCounts => ({ red: 0, amber: 0, green: 0, blue: 0, none: 0, total: 0 });

/** The dashboard's queries (the benchmark explains these very queries). */
export function dashboardSql() {
  return {
    // One row per live document: its totals were added up when it was extracted.
    rollups: sql`
      select r.school_id, r.actions, r.targets
      from document_rollups r
      join documents d on d.id = r.document_id
      where d.status <> 'archived'`,
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
  const queries = dashboardSql();
  const [schoolRows, rollups, activity, sef] = await Promise.all([
    loadSchoolsWithTier(db, "all"),
    db.execute(queries.rollups),
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
  const noteRed = (schoolId: string, areas: Record<string, number>, kind: "redActions" | "redTargets") => {
    for (const [area, n] of Object.entries(areas)) {
      const entry = red.get(area) ?? { schools: new Set<string>(), redActions: 0, redTargets: 0 };
      entry.schools.add(schoolId);
      entry[kind] += n;
      red.set(area, entry);
    }
  };
  for (const r of rowsOf<{ school_id: string; actions: RollupCounts | string; targets: RollupCounts | string }>(rollups)) {
    const row = rows.get(r.school_id);
    if (!row) continue;
    const a = parseJson(r.actions);
    const t = parseJson(r.targets);
    addCounts(row.actions, a);
    addCounts(row.targets, t);
    row.overdue += overdueIn(a, today);
    noteRed(r.school_id, a.redAreas, "redActions");
    noteRed(r.school_id, t.redAreas, "redTargets");
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

/** Adds a rollup's RAG counts into a RagCounts. */
export function addCounts(into: RagCounts, counts: RollupCounts): void {
  for (const [rag, n] of Object.entries(counts.rag)) if ((RAGS as readonly string[]).includes(rag)) into[rag as Rag] += n;
  into.total += counts.total;
}

/** jsonb arrives parsed from both drivers through drizzle's builders, but as text from a raw postgres.js query. */
export const parseJson = (value: RollupCounts | string): RollupCounts => (typeof value === "string" ? (JSON.parse(value) as RollupCounts) : value);
