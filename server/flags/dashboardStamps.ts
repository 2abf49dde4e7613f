/**
 * What the trust dashboard and its flags stand on, as stamps read in one query: one per school
 * (its name and phase, tier history, document rollups, documents, reviews, check-ins, and the last
 * activity on its progress rows), and a few for the trust (thresholds, the calendar, the tier
 * scheme, acknowledgements, plan edits). Small tables are stamped by count and the sum of their
 * rows' times, so a change to any row moves its school's stamp even when it is not the latest;
 * the progress rows by their latest time (one index probe per table and school), which is what the
 * dashboard shows as last activity and which every extraction moves.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { rowsOf } from "../progress/queries/sefGrades.js";

/** The trust-wide stamps: a change to one reloads that fact for every school. */
export interface TrustStamps {
  settings: string;
  calendar: string;
  tiers: string;
  acks: string;
  plans: string;
}

export interface DashboardStamps {
  trust: TrustStamps;
  /** Every school, in the dashboard's order (by name). */
  schools: { id: string; stamp: string }[];
}

// A float sum of epochs: cheap (numeric extract and interval sums cost several times more) and
// exact to well under a millisecond at these counts, which is all a stamp needs.
const sumOf = (column: string) => `count(*) || '/' || coalesce(sum(date_part('epoch', ${column})), 0)`;
const perSchool = (part: string, table: string, column: string, extra = "") =>
  sql.raw(`select '${part}', school_id, null::int, ${sumOf(column)} ${extra} from ${table} group by school_id`);
const trust = (part: keyof TrustStamps, value: string) => sql.raw(`select '${part}', null::uuid, null::int, (${value})::text`);

/**
 * The stamps query (the benchmark explains it): a union of small aggregates, one row per part,
 * joined into one stamp per school by a last aggregate. No joins: planning a join of them all cost
 * more than running it on PGlite, which plans every query afresh.
 */
export function dashboardStampsSql() {
  return sql`
    select 's' as part, school_id, max(n) as n, string_agg(part || ':' || coalesce(v, ''), '|' order by part) as v from (
    select 'o' as part, id as school_id, (row_number() over (order by name, id))::int as n, name || '|' || phase as v from schools
    union all ${perSchool("t", "school_tiers", "set_at")}
    union all ${perSchool("r", "document_rollups", "updated_at")}
    union all ${perSchool("d", "documents", "updated_at")}
    union all ${perSchool("v", "reviews", "updated_at")}
    union all ${perSchool("c", "school_checkins", "created_at", "|| '/' || max(held_on)")}
    union all select 'a', s.id, null::int, greatest(
      (select max(updated_at) from actions where school_id = s.id),
      (select max(updated_at) from targets where school_id = s.id),
      (select max(updated_at) from priorities where school_id = s.id),
      (select max(updated_at) from judgements where school_id = s.id),
      (select max(updated_at) from findings where school_id = s.id))::text from schools s
    ) parts group by school_id
    union all ${trust("settings", `select ${sumOf("updated_at")} from trust_settings`)}
    union all ${trust("calendar", `select ${sumOf("updated_at")} from calendar_half_terms`)}
    union all ${trust("tiers", "select string_agg(level || ':' || name || ':' || ceo_one_to_one_weeks || ':' || health_checks_per_year, ',' order by level) from tiers")}
    union all ${trust("acks", `select ${sumOf("acknowledged_at")} || '/' || (select md5(coalesce(string_agg(u.id::text || u.name, ',' order by u.id), '')) from users u where u.id in (select acknowledged_by from flag_acknowledgements)) from flag_acknowledgements`)}
    union all ${trust("plans", `select (select coalesce(max(id)::text, '') from document_updates) || '/' || (select ${sumOf("updated_at")} from document_snapshots)`)}`;
}

/** Every stamp, read now. */
export async function loadSchoolStamps(db: Db): Promise<DashboardStamps> {
  const rows = rowsOf<{ part: string; school_id: string | null; n: number | null; v: string | null }>(await db.execute(dashboardStampsSql()));
  const trust: TrustStamps = { settings: "", calendar: "", tiers: "", acks: "", plans: "" };
  const schools: { id: string; stamp: string; n: number }[] = [];
  for (const r of rows) {
    if (r.part in trust) trust[r.part as keyof TrustStamps] = r.v ?? "";
    // A school deleted between the parts' reads has no name part ("o", with its place): it is no school.
    else if (r.part === "s" && r.school_id && r.n !== null) schools.push({ id: r.school_id, stamp: r.v ?? "", n: Number(r.n) });
  }
  schools.sort((a, b) => a.n - b.n);
  return { trust, schools: schools.map(({ id, stamp }) => ({ id, stamp })) };
}
