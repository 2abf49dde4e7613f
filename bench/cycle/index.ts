/**
 * Termly-cycle benchmarks (issue 13): `GET /api/dashboard/trust` with every school's early-warning
 * flags at trust scale (60 schools, 30,000 actions, 300,000 history rows, two reviews per plan),
 * budget 50 ms at p95 on PGlite and on PostgreSQL; and rolling a 1,000-block plan forward, budget
 * 1 s. `npm run bench -- cycle`; BENCH_QUICK=1 for a smoke run. PostgreSQL comes from
 * BENCH_DATABASE_URL or TEST_DATABASE_URL (else the progress benches' default).
 */
import { sql } from "drizzle-orm";
import * as Y from "yjs";

const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (pgUrl && !process.env.BENCH_POSTGRES_URL) process.env.BENCH_POSTGRES_URL = pgUrl;

const { ENGLAND_2026_27 } = await import("../../shared/calendar/index.js");
const { hashPassword } = await import("../../server/auth/passwords.js");
const { ensureTrustCalendar } = await import("../../server/calendar/calendarStore.js");
const { documentUpdates, memberships, users, documents, schools } = await import("../../server/db/schema/index.js");
const { testEnv } = await import("../../server/env.js");
const { loadFlagFacts, loadPlanFacts, overdueRollupSql } = await import("../../server/flags/flagFacts.js");
const { attachFlags, computeFlags, loadOwnFacts } = await import("../../server/flags/schoolFlags.js");
const { loadSchoolSnapshot } = await import("../../server/flags/schoolSnapshot.js");
const { dashboardCacheStats, dashboardKey, dashboardVersionSql, trustDashboardBody } = await import("../../server/flags/dashboardCache.js");
const { dashboardRows, trustDashboard } = await import("../../server/progress/queries/trustDashboard.js");
const { planUpdate, rollPlanForward } = await import("../../server/rollForward/planRoller.js");
const { createLogger } = await import("../../server/logger.js");
const { startServer } = await import("../../server/server.js");
const { todayInEngland } = await import("../../server/progress/queries/filters.js");
const { rowsOf } = await import("../../server/progress/queries/sefGrades.js");
const { refreshRollups } = await import("../../server/progress/rollups.js");
const { benchDatabase, postgresAvailable } = await import("../progress/databases.js");
const { BENCH_PASSWORD, planNodes, signInAs } = await import("../progress/fixtures.js");
const { percentile, QUICK, report, POSTGRES_URL } = await import("../progress/stats.js");
const { generateTrust, SCALE } = await import("../progress/trustData.js");
const { writePlanNodes } = await import("../../shared/templates/planNodes.js");

type Driver = "pglite" | "postgres";
type Db = Awaited<ReturnType<typeof benchDatabase>>["db"];

/** Two closed reviews (autumn 1 and 2) of every live plan, with summaries as the recorder writes them. */
async function addReviews(db: Db): Promise<number> {
  const summary = (i: number) => JSON.stringify({ targets: { red: 2, amber: 3, green: 4, blue: 1, none: 0 }, actions: { red: 10, amber: 15, green: 20, blue: 5, none: 0 }, redAgain: i % 3, fell: i % 4, previousReviewId: null, previousHalfTerm: i ? "autumn-1" : null });
  await db.execute(sql`
    insert into reviews (document_id, school_id, academic_year, half_term, status, summary, closed_at)
    select d.id, d.school_id, '2026/27', h.half_term, 'closed', (case when h.half_term = 'autumn-1' then ${summary(0)} else ${summary(1)} end)::jsonb, now()
    from documents d, (values ('autumn-1'), ('autumn-2')) as h(half_term)
    where d.kind in ('single_plan', 'adp', 'action_plan')`);
  // Review items: a snapshot per review, as the school cards read them (not the flags).
  await db.execute(sql`
    insert into review_items (review_id, block_key, block_id, block_type, position, text, rag, status, due, commentary)
    select r.id, a.block_key, a.block_id, 'action', a.position::int, a.text, a.rag, a.status, a.due, 'Evidence: learning walk'
    from reviews r join actions a on a.document_id = r.document_id`);
  return Number(rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from review_items`))[0]?.n ?? 0);
}

async function timeGets(url: string, cookie: string, path: string, n: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const res = await fetch(`${url}${path}`, { headers: { cookie } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    samples.push(performance.now() - started);
  }
  return samples;
}

async function dashboardBench(driver: Driver): Promise<void> {
  console.log(`\nFlags at trust scale, ${driver}: ${SCALE.schools} schools, ${SCALE.actions} actions, ${SCALE.history} history rows, two reviews per plan`);
  const database = await benchDatabase(driver);
  try {
    const db = database.db;
    await generateTrust(db, () => {});
    await ensureTrustCalendar(db, "2026/27", ENGLAND_2026_27);
    const items = await addReviews(db);
    console.log(`    plus the 2026/27 calendar and ${items} review items`);
    const [lead] = await db.insert(users).values({ email: "bench-lead@bench.test", name: "Bench Lead", passwordHash: await hashPassword(BENCH_PASSWORD) }).returning();
    await db.insert(memberships).values({ userId: lead!.id, role: "trust_lead", schoolId: null });
    const server = await startServer({ env: testEnv({ PORT: 0, HOST: "127.0.0.1", LOG_LEVEL: "error" }), database, clientDir: "/nonexistent" });
    try {
      const today = todayInEngland();
      const cookie = await signInAs(server.url, "bench-lead@bench.test");
      const check = (await (await fetch(`${server.url}/api/dashboard/trust`, { headers: { cookie } })).json()) as { schools: { flags: unknown[] }[] };
      console.log(`    ${check.schools.length} rows, ${check.schools.reduce((s, r) => s + r.flags.length, 0)} flags`);
      await timeGets(server.url, cookie, "/api/dashboard/trust", 5);
      const before = { ...dashboardCacheStats };
      const samples = await timeGets(server.url, cookie, "/api/dashboard/trust", QUICK ? 10 : 50);
      console.log(`    ${dashboardCacheStats.reads - before.reads} reads, ${dashboardCacheStats.computed - before.computed} of them computed afresh, ${dashboardCacheStats.schoolsRebuilt - before.schoolsRebuilt} schools rebuilt (facts changed or the background recount moved a rollup)`);
      report(`GET /api/dashboard/trust with flags, p50 (${driver})`, percentile(samples, 50), "ms");
      report(`GET /api/dashboard/trust with flags, p95 (${driver})`, percentile(samples, 95), "ms", 50);
      // Cold: a threshold saved before every read (its value moves), so every school's rules run again.
      const cold: number[] = [];
      for (let i = 0; i < (QUICK ? 5 : 20); i++) {
        const value = JSON.stringify({ overdueHighCount: 5 + (i % 2) });
        await db.execute(sql`insert into trust_settings (key, value) values ('flag_thresholds', ${value}::jsonb) on conflict (key) do update set value = excluded.value, updated_at = clock_timestamp()`);
        cold.push(...(await timeGets(server.url, cookie, "/api/dashboard/trust", 1)));
      }
      report(`  the same, every read after a threshold is saved, p50 (${driver})`, percentile(cold, 50), "ms");
      report(`  the same, every read after a threshold is saved, p95 (${driver})`, percentile(cold, 95), "ms", 50);
      // Cold for one school: an action's RAG and due date written with its document's rollup, as
      // extraction writes them, before every read (a different school each time).
      const picks = rowsOf<{ block_key: string; document_id: string }>(await db.execute(sql`
        select distinct on (a.school_id) a.block_key, a.document_id from actions a join documents d on d.id = a.document_id
        where d.status <> 'archived' and a.deleted_at is null and not a.placeholder order by a.school_id, a.document_id, a.block_key`));
      const extracted: number[] = [];
      for (let i = 0; i < (QUICK ? 5 : 20); i++) {
        const pick = picks[i % picks.length]!;
        await db.transaction(async (tx) => {
          await tx.execute(sql`update actions set rag = ${i % 2 ? "red" : "amber"}, due = ${todayInEngland(new Date(Date.now() - (1 + (i % 5)) * 86_400_000))}, updated_at = clock_timestamp() where document_id = ${pick.document_id} and block_key = ${pick.block_key}`);
          await refreshRollups(tx as unknown as Db, [pick.document_id], today);
        });
        extracted.push(...(await timeGets(server.url, cookie, "/api/dashboard/trust", 1)));
      }
      report(`  the same, every read after one school's extraction, p50 (${driver})`, percentile(extracted, 50), "ms");
      report(`  the same, every read after one school's extraction, p95 (${driver})`, percentile(extracted, 95), "ms", 50);
      // Cold for the plans: an edit logged to one plan before every read (as the room logs it), which
      // moves no school's rows, only the trust-wide plans stamp.
      const planIds = rowsOf<{ id: string }>(await db.execute(sql`select id from documents where kind = 'single_plan' and status <> 'archived' order by id limit 20`));
      const emptyUpdate = Y.encodeStateAsUpdate(new Y.Doc());
      const edited: number[] = [];
      for (let i = 0; i < (QUICK ? 5 : 20); i++) {
        await db.insert(documentUpdates).values({ documentId: planIds[i % planIds.length]!.id, update: emptyUpdate });
        edited.push(...(await timeGets(server.url, cookie, "/api/dashboard/trust", 1)));
      }
      report(`  the same, every read after a plan edit, p50 (${driver})`, percentile(edited, 50), "ms");
      report(`  the same, every read after a plan edit, p95 (${driver})`, percentile(edited, 95), "ms", 50);
      // After all those partial rebuilds, the kept body must be what a rebuild from nothing gives.
      const kept = (JSON.parse(await trustDashboardBody(db, today)) as { schools: unknown[] }).schools;
      const fresh = (await attachFlags(db, await trustDashboard(db, today), today)).schools;
      const differ = kept.filter((row, i) => JSON.stringify(row) !== JSON.stringify(fresh[i])).length;
      console.log(`    kept body against a rebuild from nothing: ${differ ? `${differ} rows DIFFER` : "the same"}`);
      // The flags' own share, in process: the dashboard's queries alone, and the flags for the whole trust and for one school.
      const dash = await trustDashboard(db, today);
      const timeIt = async (f: () => Promise<unknown>, n: number) => {
        const out: number[] = [];
        for (let i = 0; i < n; i++) {
          const started = performance.now();
          await f();
          out.push(performance.now() - started);
        }
        return out;
      };
      const n = QUICK ? 5 : 20;
      report(`  in process: trustDashboard() without flags, p50 (${driver})`, percentile(await timeIt(() => trustDashboard(db, today), n), 50), "ms");
      report(`  in process: computeFlags() whole trust, p50 (${driver})`, percentile(await timeIt(() => computeFlags(db, dash.schools, today), n), 50), "ms");
      report(`  in process: computeFlags() one school, p50 (${driver})`, percentile(await timeIt(() => computeFlags(db, dash.schools.slice(0, 1), today), n), 50), "ms");
      // The pieces a one-school refresh reads, minimum of repeats (the machine is shared): the
      // grouped queries for one school against the one statement (flags/schoolSnapshot.ts), and a
      // plan edit's whole-trust plan reload against the plans edited since the last read.
      const one = [dash.schools[0]!.id];
      const reps = QUICK ? 5 : 30;
      const grouped = await timeIt(async () => {
        const facts = loadFlagFacts(db, today, one);
        const plans = loadPlanFacts(db, one);
        const built = await dashboardRows(db, today, one);
        await Promise.all([loadOwnFacts(db, built.rows, today, one, facts), plans]);
      }, reps);
      const snap = await timeIt(() => loadSchoolSnapshot(db, today, one), reps);
      if (!(await loadSchoolSnapshot(db, today, one))) console.log("    (the one-school statement declined: a rollup needs counting from its rows)");
      report(`  in process: one school, grouped queries, min (${driver})`, Math.min(...grouped), "ms");
      report(`  in process: one school, grouped queries, p50 (${driver})`, percentile(grouped, 50), "ms");
      report(`  in process: one school, one statement, min (${driver})`, Math.min(...snap), "ms");
      report(`  in process: one school, one statement, p50 (${driver})`, percentile(snap, 50), "ms");
      const allPlans = await timeIt(() => loadPlanFacts(db), reps);
      report(`  in process: every plan's last edit, min (${driver})`, Math.min(...allPlans), "ms");
      // The read the route makes when nothing changed: the schools' stamps, then the kept body.
      await trustDashboardBody(db, today);
      report(`  in process: the schools' stamps alone, p50 (${driver})`, percentile(await timeIt(() => dashboardKey(db, today), n), 50), "ms");
      report(`  in process: trustDashboardBody() unchanged facts, p50 (${driver})`, percentile(await timeIt(() => trustDashboardBody(db, today), n), 50), "ms");
      const explain = async (title: string, query: ReturnType<typeof sql>) => {
        const result = (await db.execute(sql`explain (analyze, costs off, summary on) ${query}`)) as unknown;
        const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, string>[];
        console.log(`\n    -- ${title} (${driver})`);
        for (const r of rows) console.log(`    ${Object.values(r)[0]}`);
      };
      await explain("flags: overdue actions by RAG from the document rollups", overdueRollupSql(today));
      if (process.env.BENCH_EXPLAIN_ALL) await explain("the schools' stamps", dashboardVersionSql());
    } finally {
      await server.stop();
    }
  } finally {
    await database.dispose();
  }
}

async function rollForwardBench(): Promise<void> {
  console.log("\nRolling a 1,000-block plan forward (PGlite): one stored update, extracted once");
  const database = await benchDatabase("pglite");
  try {
    const db = database.db;
    const [school] = await db.insert(schools).values({ name: "Bench Primary", slug: "bench-primary", phase: "primary" }).returning();
    const [head] = await db.insert(users).values({ email: "bench-head@bench.test", name: "Bench Head", passwordHash: await hashPassword(BENCH_PASSWORD) }).returning();
    await db.insert(memberships).values({ userId: head!.id, role: "school_leader", schoolId: school!.id });
    const server = await startServer({ env: testEnv({ PORT: 0, HOST: "127.0.0.1", LOG_LEVEL: "error" }), database, clientDir: "/nonexistent" });
    try {
      const cookie = await signInAs(server.url, "bench-head@bench.test");
      const samples: number[] = [];
      const listed: number[] = [];
      for (let run = 0; run < (QUICK ? 2 : 5); run++) {
        const [doc] = await db.insert(documents).values({ schoolId: school!.id, kind: "single_plan", title: `Plan ${run}`, academicYear: "2026/27", term: "autumn", framework: "ofsted-2025" }).returning();
        const { nodes } = planNodes(1000, [head!.id]);
        await server.collab.changeDocument(doc!.id, (d) => writePlanNodes(d.getXmlFragment("default"), nodes), head!.id);
        // Wait for extraction: the roll-forward reads the progress tables.
        for (;;) {
          const n = Number(rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from actions where document_id = ${doc!.id}`))[0]?.n ?? 0);
          if (n >= 870) break;
          await new Promise((res) => setTimeout(res, 50));
        }
        // The setup's own trailing work (owners told of 870 actions, the room unloading) is not the roll-forward's.
        await server.collab.flushAll();
        await new Promise((res) => setTimeout(res, 600));
        await server.deps.notifier.idle();
        const started = performance.now();
        const res = await fetch(`${server.url}/api/documents/${doc!.id}/roll-forward`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ term: "spring", academicYear: "2026/27" }) });
        const body = (await res.json()) as { carried: number; document: { id: string } };
        samples.push(performance.now() - started);
        if (res.status !== 201) throw new Error(`roll-forward: ${res.status} ${JSON.stringify(body)}`);
        if (run === 0) console.log(`    carried ${body.carried} open targets and actions`);
        // Extracted once, after the response: its rows land before the next run starts.
        const newId = body.document.id;
        for (;;) {
          if (Number(rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from actions where document_id = ${newId}`))[0]?.n ?? 0) >= 870) break;
          await new Promise((res) => setTimeout(res, 50));
        }
        listed.push(performance.now() - started);
      }
      // Where the time goes: reading and building in process, and writing the new plan through the room server.
      const [doc] = await db.insert(documents).values({ schoolId: school!.id, kind: "single_plan", title: "Plan split", academicYear: "2026/27", term: "autumn", framework: "ofsted-2025" }).returning();
      await server.collab.changeDocument(doc!.id, (d) => writePlanNodes(d.getXmlFragment("default"), planNodes(1000, [head!.id]).nodes), head!.id);
      for (;;) {
        if (Number(rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from actions where document_id = ${doc!.id}`))[0]?.n ?? 0) >= 870) break;
        await new Promise((res) => setTimeout(res, 50));
      }
      // Where the time goes, in process: the whole roll-forward, building the new plan's update on
      // its own, and the extraction's share (its compute time; its database time is the rest).
      const [plan] = await db.insert(documents).values({ schoolId: school!.id, kind: "single_plan", title: "Plan split", academicYear: "2026/27", term: "autumn", framework: "ofsted-2025" }).returning();
      const { nodes } = planNodes(1000, [head!.id]);
      await server.collab.changeDocument(plan!.id, (d) => writePlanNodes(d.getXmlFragment("default"), nodes), head!.id);
      for (;;) {
        if (Number(rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from actions where document_id = ${plan!.id}`))[0]?.n ?? 0) >= 870) break;
        await new Promise((res) => setTimeout(res, 50));
      }
      let extracted = { computeMs: 0, written: 0 };
      const started = performance.now();
      const rolled = await rollPlanForward({ db, logger: createLogger("error"), onExtracted: (_, stats) => (extracted = stats) }, plan!, { term: "spring", academicYear: "2026/27" }, head!.id);
      const total = performance.now() - started;
      await rolled.extractRows();
      const extracting = performance.now() - started - total;
      const building = performance.now();
      planUpdate(nodes);
      report("  in process: rollPlanForward() (the request's share)", total, "ms");
      report("  of which building the new plan as one Yjs update (timed alone)", performance.now() - building, "ms");
      report(`  then extracting its rows, after the response (${extracted.written} rows written)`, extracting, "ms");
      report("  the new plan's actions in the progress tables, from the request, p50", percentile(listed, 50), "ms");
      report("POST /api/documents/:id/roll-forward (1,000 blocks), p50", percentile(samples, 50), "ms");
      report("POST /api/documents/:id/roll-forward (1,000 blocks), max", Math.max(...samples), "ms", 1000);
    } finally {
      await server.stop();
    }
  } finally {
    await database.dispose();
  }
}

console.log(`Termly-cycle benchmarks${QUICK ? " (quick)" : ""}`);
// BENCH_ONLY=roll-forward or BENCH_ONLY=flags runs one half (`npm run bench -- cycle` runs both).
const only = process.env.BENCH_ONLY;
if (only && only !== "roll-forward" && only !== "flags") throw new Error(`BENCH_ONLY: roll-forward or flags, not ${only}`);
if (only !== "flags") await rollForwardBench();
if (only !== "roll-forward") {
  // BENCH_DRIVERS=postgres (or pglite) runs one database only.
  const drivers = (process.env.BENCH_DRIVERS ?? "pglite,postgres").split(",");
  if (drivers.includes("pglite")) await dashboardBench("pglite");
  if (!drivers.includes("postgres")) console.log("\n(PostgreSQL not asked for: BENCH_DRIVERS)");
  else if (await postgresAvailable()) await dashboardBench("postgres");
  else console.log(`\n(PostgreSQL at ${POSTGRES_URL} did not answer: its half is skipped)`);
}
