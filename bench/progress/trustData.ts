/**
 * Trust-scale data, generated in SQL so it loads in seconds: 60 schools with tiers, 10 people
 * each, 600 documents (8 plans, one of them archived, and 2 SEFs per school), 30,000 actions,
 * 5,760 targets, 1,440 priorities, 960 judgements and 300,000 status_history rows. Values come
 * from hashes, so every run and both drivers get the same shape of data.
 */
import { sql } from "drizzle-orm";
import { ensureTierScheme } from "../../server/bootstrap.js";
import type { Db } from "../../server/db/client.js";
import { refreshRollups } from "../../server/progress/rollups.js";

export const SCALE = { schools: 60, documents: 600, actions: 30_000, history: 300_000 };

const STEPS: [string, string][] = [
  ["schools", `insert into schools (name, slug, phase)
    select 'Academy ' || lpad(g::text, 2, '0'), 'bench-school-' || g, (array['primary','secondary','all_through','special'])[1 + g % 4]
    from generate_series(1, 60) g`],
  ["tiers", `insert into school_tiers (school_id, tier, reason, set_at)
    select id, 1 + (row_number() over (order by slug))::int % 4, 'Set by the Trust Board', now() - interval '60 days' from schools where slug like 'bench-school-%'`],
  ["people", `insert into users (email, name)
    select 'u' || s.slug || '-' || g || '@bench.test', 'Person ' || g || ' of ' || s.name
    from schools s, generate_series(0, 9) g where s.slug like 'bench-school-%'`],
  ["memberships", `insert into memberships (user_id, role, school_id)
    select u.id, case when u.email like '%-0@%' then 'school_leader' else 'improvement_champion' end, s.id
    from schools s join users u on u.email like 'u' || s.slug || '-%'`],
  ["people index", `create table bench_people as
    select school_id, user_id, (row_number() over (partition by school_id order by user_id) - 1)::int as n
    from memberships where school_id is not null`],
  ["documents", `insert into documents (school_id, kind, title, academic_year, term, framework, status, updated_at)
    select s.id,
      case when g < 8 then (array['single_plan','adp','action_plan'])[1 + g % 3] else 'sef' end,
      'Document ' || g || ' of ' || s.name, '2026/27', 'autumn', 'ofsted-2025',
      case when g = 7 then 'archived' else 'draft' end, now() - (g || ' days')::interval
    from schools s, generate_series(0, 9) g where s.slug like 'bench-school-%'`],
  ["plan numbering", `create table bench_plans as
    select id, school_id, (row_number() over (order by id))::int as rn from documents where kind <> 'sef'`],
  ["priorities", `insert into priorities (document_id, block_key, block_id, school_id, position, text, area)
    select d.id, md5(d.id::text || ':p:' || g)::uuid::text, md5(d.id::text || ':p:' || g)::uuid::text, d.school_id, g * 100000,
      'Priority ' || g, (array['inclusion','curriculum_teaching','achievement','attendance_behaviour','personal_development','leadership_governance'])[1 + abs(hashtext(d.id::text || g)) % 6]
    from bench_plans d, generate_series(0, 2) g`],
  ["targets", `insert into targets (document_id, block_key, block_id, school_id, position, text, priority_key, area, baseline, current, goal, due, owners, rag)
    select d.id, md5(d.id::text || ':t:' || g)::uuid::text, md5(d.id::text || ':t:' || g)::uuid::text, d.school_id, (g % 3) * 100000 + g * 10 + 1,
      'Target ' || g, md5(d.id::text || ':p:' || (g % 3))::uuid::text,
      (array['inclusion','curriculum_teaching','achievement','attendance_behaviour','personal_development','leadership_governance'])[1 + abs(hashtext(d.id::text || 't' || g)) % 6],
      '50%', (50 + abs(hashtext(d.id::text || 'c' || g)) % 30) || '%', '80%', current_date + 200, array[p.user_id],
      (array['red','amber','green','blue','none'])[1 + abs(hashtext(d.id::text || 'r' || g)) % 5]
    from bench_plans d, generate_series(0, 11) g, bench_people p where p.school_id = d.school_id and p.n = g % 10`],
  ["actions", `insert into actions (document_id, block_key, block_id, school_id, position, text, priority_key, target_key, area, owners, due, rag, status)
    select d.id, md5(d.id::text || ':a:' || g)::uuid::text, md5(d.id::text || ':a:' || g)::uuid::text, d.school_id, (g % 3) * 100000 + (g % 12) * 10 + 2 + g * 0.001,
      'Action ' || g || ': training, coaching and monitoring', md5(d.id::text || ':p:' || (g % 3))::uuid::text, md5(d.id::text || ':t:' || (g % 12))::uuid::text,
      (array['inclusion','curriculum_teaching','achievement','attendance_behaviour','personal_development','leadership_governance'])[1 + abs(hashtext(d.id::text || 'a' || g)) % 6],
      array[p.user_id], current_date + (abs(hashtext(d.id::text || 'due' || g)) % 240 - 120),
      (array['red','amber','green','blue','none'])[1 + abs(hashtext(d.id::text || 'rag' || g)) % 5],
      (array['not_started','in_progress','complete','dropped'])[1 + abs(hashtext(d.id::text || 'st' || g)) % 4]
    from bench_plans d, generate_series(0, 62) g, bench_people p
    where p.school_id = d.school_id and p.n = g % 10 and (g < 62 or d.rn <= 240)`],
  ["judgements", `insert into judgements (document_id, block_key, block_id, school_id, position, text, framework, area, grade, graded_at)
    select d.id, md5(d.id::text || ':j:' || g)::uuid::text, md5(d.id::text || ':j:' || g)::uuid::text, d.school_id, g * 1024, 'Evidence ' || g, 'ofsted-2025',
      (array['inclusion','curriculum_teaching','achievement','attendance_behaviour','personal_development','leadership_governance','early_years','sixth_form'])[1 + g],
      (array['exceptional','strong_standard','expected_standard','needs_attention','urgent_improvement'])[1 + abs(hashtext(d.id::text || 'g' || g)) % 5],
      now() - ((abs(hashtext(d.id::text || 'ga' || g)) % 300) || ' days')::interval
    from documents d, generate_series(0, 7) g where d.kind = 'sef' and d.title like 'Document %'`],
  ["action history", `insert into status_history (document_id, school_id, block_key, block_id, block_type, field, old_value, new_value, changed_at, changed_by)
    select a.document_id, a.school_id, a.block_key, a.block_id, 'action', case when g % 3 = 0 then 'status' else 'rag' end,
      case when g % 3 = 0 then 'not_started' else (array['red','amber','green'])[1 + (g + 1) % 3] end,
      case when g % 3 = 0 then 'in_progress' else (array['red','amber','green'])[1 + g % 3] end,
      now() - ((g * 9 + abs(hashtext(a.block_key)) % 9) || ' days')::interval, null
    from actions a, generate_series(1, 9) g`],
  ["target history", `insert into status_history (document_id, school_id, block_key, block_id, block_type, field, old_value, new_value, changed_at, changed_by)
    select t.document_id, t.school_id, t.block_key, t.block_id, 'target', 'rag',
      (array['red','amber','green'])[1 + (g + 1) % 3], (array['red','amber','green'])[1 + g % 3], now() - ((g * 20 + abs(hashtext(t.block_key)) % 20) || ' days')::interval, null
    from targets t, generate_series(1, 5) g`],
  ["history top-up", `insert into status_history (document_id, school_id, block_key, block_id, block_type, field, old_value, new_value, changed_at)
    select j.document_id, j.school_id, j.block_key, j.block_id, 'judgement', 'grade', null, j.grade, j.graded_at
    from judgements j, generate_series(1, 10) g
    limit greatest(0, 300000 - (select count(*) from status_history))`],
  ["clean up", `drop table bench_people; drop table bench_plans`],
];

/** Loads the trust into an empty database and returns the counts it reached. */
export async function generateTrust(db: Db, log: (line: string) => void): Promise<Record<string, number>> {
  await ensureTierScheme(db);
  for (const [name, statement] of STEPS) {
    const started = performance.now();
    for (const part of statement.split(/;\s*(?=drop )/)) await db.execute(sql.raw(part));
    log(`    ${name.padEnd(16)} ${Math.round(performance.now() - started)} ms`);
  }
  // The per-document totals, exactly as the extractor rebuilds them after a write.
  let started = performance.now();
  const ids = ((await db.execute(sql.raw("select id from documents"))) as unknown);
  const idRows = (Array.isArray(ids) ? ids : (ids as { rows: { id: string }[] }).rows) as { id: string }[];
  await refreshRollups(db, idRows.map((r) => r.id));
  log(`    ${"rollups".padEnd(16)} ${Math.round(performance.now() - started)} ms`);
  started = performance.now();
  // Index-only scans need the visibility map, and the planner needs statistics.
  await db.execute(sql.raw("vacuum analyze"));
  log(`    ${"vacuum analyze".padEnd(16)} ${Math.round(performance.now() - started)} ms`);
  const counts: Record<string, number> = {};
  for (const table of ["schools", "documents", "priorities", "targets", "actions", "judgements", "status_history"]) {
    const result = (await db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown;
    const rows = Array.isArray(result) ? result : (result as { rows: { n: number }[] }).rows;
    counts[table] = Number((rows[0] as { n: number }).n);
  }
  return counts;
}
