/**
 * Trust scale: `GET /api/dashboard/trust` and `GET /api/actions?schoolId=` over real HTTP against
 * 60 schools, 600 documents, 30,000 actions and 300,000 history rows (issue 5 budget: 50 ms at
 * p95 each, on PGlite and on PostgreSQL). Prints the query plans the dashboard and list run.
 */
import { sql, type SQLWrapper } from "drizzle-orm";
import { hashPassword } from "../../server/auth/passwords.js";
import type { Db } from "../../server/db/client.js";
import { memberships, schools, users } from "../../server/db/schema/index.js";
import { testEnv } from "../../server/env.js";
import { actionListQueries } from "../../server/progress/queries/actionList.js";
import { todayInEngland } from "../../server/progress/queries/filters.js";
import { sefGradesSql } from "../../server/progress/queries/sefGrades.js";
import { rollupSql } from "../../server/progress/queries/rollupTotals.js";
import { activitySql } from "../../server/progress/queries/trustDashboard.js";
import { startServer } from "../../server/server.js";
import { benchDatabase, type Driver } from "./databases.js";
import { BENCH_PASSWORD, signInAs } from "./fixtures.js";
import { percentile, QUICK, report } from "./stats.js";
import { generateTrust, SCALE } from "./trustData.js";

async function explain(db: Db, label: string, query: SQLWrapper): Promise<void> {
  const result = (await db.execute(sql`explain (analyze, costs off, summary on) ${query}`)) as unknown;
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, string>[];
  console.log(`\n    -- ${label}`);
  for (const r of rows) console.log(`    ${Object.values(r)[0]}`);
}

async function timeRequests(url: string, cookie: string, paths: string[]): Promise<number[]> {
  const samples: number[] = [];
  for (const path of paths) {
    const started = performance.now();
    const res = await fetch(`${url}${path}`, { headers: { cookie } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    samples.push(performance.now() - started);
  }
  return samples;
}

export async function trustScaleBench(driver: Driver, showPlans: boolean): Promise<void> {
  console.log(`\nTrust scale, ${driver}: ${SCALE.schools} schools, ${SCALE.documents} documents, ${SCALE.actions} actions, ${SCALE.history} history rows`);
  const database = await benchDatabase(driver);
  try {
    const db = database.db;
    const started = performance.now();
    const counts = await generateTrust(db, console.log);
    console.log(`    generated in ${((performance.now() - started) / 1000).toFixed(1)} s: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(", ")}`);
    const [lead] = await db.insert(users).values({ email: "bench-lead@bench.test", name: "Bench Lead", passwordHash: await hashPassword(BENCH_PASSWORD) }).returning();
    await db.insert(memberships).values({ userId: lead!.id, role: "trust_lead", schoolId: null });
    const schoolIds = (await db.select({ id: schools.id }).from(schools)).map((s) => s.id);

    const server = await startServer({ env: testEnv({ PORT: 0, HOST: "127.0.0.1", LOG_LEVEL: "error" }), database, clientDir: "/nonexistent" });
    try {
      const cookie = await signInAs(server.url, "bench-lead@bench.test");
      const n = QUICK ? 10 : 50;
      const bySchool = Array.from({ length: n }, (_, i) => `/api/actions?schoolId=${schoolIds[(i * 7) % schoolIds.length]}`);
      await timeRequests(server.url, cookie, [...Array(5).fill("/api/dashboard/trust"), ...bySchool.slice(0, 5)]);
      const dashboard = await timeRequests(server.url, cookie, Array(n).fill("/api/dashboard/trust"));
      const actionsBySchool = await timeRequests(server.url, cookie, bySchool);
      const overdueBySchool = await timeRequests(server.url, cookie, bySchool.map((p) => `${p}&overdue=true&rag=red,amber`));
      const cards = await timeRequests(server.url, cookie, Array.from({ length: n }, (_, i) => `/api/schools/${schoolIds[(i * 11) % schoolIds.length]}/card`));
      const allActions = await timeRequests(server.url, cookie, Array(QUICK ? 5 : 20).fill("/api/actions"));
      report(`GET /api/dashboard/trust, p50 (${driver})`, percentile(dashboard, 50), "ms");
      report(`GET /api/dashboard/trust, p95 (${driver})`, percentile(dashboard, 95), "ms", 50);
      report(`GET /api/actions?schoolId=, p50 (${driver})`, percentile(actionsBySchool, 50), "ms");
      report(`GET /api/actions?schoolId=, p95 (${driver})`, percentile(actionsBySchool, 95), "ms", 50);
      report(`GET /api/actions?schoolId=&overdue=true&rag=red,amber, p95 (${driver})`, percentile(overdueBySchool, 95), "ms");
      report(`GET /api/schools/:id/card, p95 (${driver})`, percentile(cards, 95), "ms");
      report(`GET /api/actions (whole trust, first page), p95 (${driver})`, percentile(allActions, 95), "ms");

      if (showPlans) {
        const today = todayInEngland();
        const q = rollupSql(today);
        console.log(`\n  Query plans (${driver}, EXPLAIN ANALYZE)`);
        await explain(db, "dashboard: per-school totals from the live documents' rollups", q.totals);
        await explain(db, "dashboard: areas most often red", q.redAreas);
        await explain(db, "dashboard: last activity per school", activitySql());
        await explain(db, "dashboard: latest SEF grade per school and area", sefGradesSql());
        const list = actionListQueries(db, { schoolId: schoolIds[0]!, limit: 50, offset: 0, format: "json" }, { schools: "all", actorId: lead!.id, today }, { limit: 50, offset: 0 });
        await explain(db, "GET /api/actions?schoolId=: the page", list.page);
        await explain(db, "GET /api/actions?schoolId=: the count", list.count);
        const whole = actionListQueries(db, { limit: 50, offset: 0, format: "json" }, { schools: "all", actorId: lead!.id, today }, { limit: 50, offset: 0 });
        await explain(db, "GET /api/actions (whole trust): the first page", whole.page);
        await explain(db, "GET /api/actions (whole trust): the count", whole.count);
      }
    } finally {
      await server.stop();
    }
  } finally {
    await database.dispose();
  }
}
