/**
 * The trust dashboard with its flags, answered from the last computation while nothing it stands
 * on has changed. "Nothing changed" is one cheap query (dashboardVersionSql) read from the
 * database, so every server process sees every other's writes; the day is part of the key, since
 * overdue counts and school days move at midnight even when no row does.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { activitySql, trustDashboard } from "../progress/queries/trustDashboard.js";
import { rowsOf } from "../progress/queries/sefGrades.js";
import { factsVersionSql } from "./flagFacts.js";
import { attachFlags } from "./schoolFlags.js";

/**
 * Everything the dashboard and its flags read, as one string: the flags' facts (rollups, reviews,
 * check-ins, tiers, acknowledgements, thresholds, calendar), each school's last activity (the same
 * per-school index probes the dashboard makes, so edits that move no total still count), plan
 * edits (the update log and its compacted snapshots), the SEF grades' judgements through that
 * activity, schools' names and the acknowledgers' names. Documents count by max(updated_at) and
 * number, since every status change stamps updated_at (documentStatusChanger, archiveOnApproval).
 */
export function dashboardVersionSql() {
  return sql`
    select concat_ws('#',
      (${factsVersionSql()}),
      (select coalesce(max(at)::text, '') from (${activitySql()}) activity),
      (select coalesce(max(id)::text, '') from document_updates),
      (select coalesce(max(updated_at)::text, '') || '/' || count(*) from document_snapshots),
      (select md5(coalesce(string_agg(id::text || name || phase, ',' order by id), '')) from schools),
      (select md5(coalesce(string_agg(u.id::text || u.name, ',' order by u.id), '')) from users u where u.id in (select acknowledged_by from flag_acknowledgements))
    ) as version`;
}

interface Entry {
  key: string;
  /** The response body, serialised once. */
  body: Promise<string>;
}

// Per database, so a test's closed database takes its entry with it.
const last = new WeakMap<Db, Entry>();

/** Reads answered and computations made, for the benchmark to tell hits from misses. */
export const dashboardCacheStats = { reads: 0, computed: 0 };

/** The key the dashboard is cached under on `today`. */
export async function dashboardKey(db: Db, today: string): Promise<string> {
  const version = rowsOf<{ version: string }>(await db.execute(dashboardVersionSql()))[0]?.version ?? "";
  return `${today}|${version}`;
}

/**
 * `GET /api/dashboard/trust`'s body as JSON text. The version is read before the facts, so what is
 * kept is never older than its key: a write landing mid-computation only costs the next read a
 * recomputation. Requests that arrive while one is computing share it.
 */
export async function trustDashboardBody(db: Db, today: string): Promise<string> {
  const key = await dashboardKey(db, today);
  dashboardCacheStats.reads++;
  const cached = last.get(db);
  if (cached?.key === key) return cached.body;
  dashboardCacheStats.computed++;
  const body = (async () => JSON.stringify(await attachFlags(db, await trustDashboard(db, today), today)))();
  const entry = { key, body };
  last.set(db, entry);
  // A failed computation is not kept: the next read tries again.
  body.catch(() => {
    if (last.get(db) === entry) last.delete(db);
  });
  return body;
}
