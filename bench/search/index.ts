/**
 * Search at trust scale (issue 15 budget: p95 50 ms or less on PGlite and on PostgreSQL):
 * `GET /api/search` over real HTTP against bench/progress's trust (60 schools, 600 documents,
 * 30,000 actions), with topic words mixed into the block text and fields and 1,200 comment
 * threads, for a trust lead (every school) and a school leader (one school). It times a rare
 * word, a common phrase, a word in nearly every action (the worst case: every hit is ranked)
 * and a title search. `npm run bench -- search`; BENCH_QUICK=1 for a smoke run.
 */
import { sql } from "drizzle-orm";
import { hashPassword } from "../../server/auth/passwords.js";
import type { Db } from "../../server/db/client.js";
import { memberships, schools, users } from "../../server/db/schema/index.js";
import { testEnv } from "../../server/env.js";
import { startServer } from "../../server/server.js";
import { benchDatabase, postgresAvailable, type Driver } from "../progress/databases.js";
import { BENCH_PASSWORD, signInAs } from "../progress/fixtures.js";
import { percentile, POSTGRES_URL, QUICK, report } from "../progress/stats.js";
import { generateTrust, SCALE } from "../progress/trustData.js";

const TOPICS = ["phonics and early reading", "reading fluency", "persistent absence", "SEND provision", "maths mastery", "behaviour routines", "curriculum sequencing", "oracy", "careers guidance", "safeguarding culture"];

/** Mixes topic words into block text and fields, and adds two comment threads per document. */
async function addSearchableWords(db: Db): Promise<void> {
  const topics = `array[${TOPICS.map((t) => `'${t}'`).join(",")}]`;
  await db.execute(sql.raw(`update actions set text = text || ' for ' || (${topics})[1 + abs(hashtext(block_key)) % 10],
    success_criteria = 'Monitoring shows ' || (${topics})[1 + abs(hashtext(block_key || 's')) % 10] || ' improving'`));
  await db.execute(sql.raw(`update targets set text = 'Improve ' || (${topics})[1 + abs(hashtext(block_key)) % 10], measure = 'Termly assessment'`));
  await db.execute(sql.raw(`update priorities set text = 'Strengthen ' || (${topics})[1 + abs(hashtext(block_key)) % 10]`));
  await db.execute(sql.raw(`insert into comment_threads (document_id, anchor_from, anchor_to, quote)
    select d.id, 'AAAA', 'AAAA', 'Priority ' || g from documents d, generate_series(1, 2) g`));
  await db.execute(sql.raw(`insert into comments (thread_id, body)
    select t.id, 'How will governors see the impact on ' || (${topics})[1 + abs(hashtext(t.id::text)) % 10] || ' this term?' from comment_threads t`));
  await db.execute(sql.raw("vacuum analyze"));
}

async function time(url: string, cookie: string, paths: string[]): Promise<{ samples: number[]; hits: number }> {
  const samples: number[] = [];
  let hits = 0;
  for (const path of paths) {
    const started = performance.now();
    const res = await fetch(`${url}${path}`, { headers: { cookie } });
    const body = (await res.json()) as { hits: unknown[] };
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    samples.push(performance.now() - started);
    hits = body.hits.length;
  }
  return { samples, hits };
}

async function searchBench(driver: Driver): Promise<void> {
  console.log(`\nSearch, ${driver}: ${SCALE.schools} schools, ${SCALE.documents} documents, ${SCALE.actions} actions, 1,200 comment threads`);
  const database = await benchDatabase(driver);
  try {
    const db = database.db;
    const started = performance.now();
    await generateTrust(db, () => {});
    await addSearchableWords(db);
    console.log(`    generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const [school] = await db.select({ id: schools.id }).from(schools).limit(1);
    const [lead, head] = await db
      .insert(users)
      .values([
        { email: "bench-lead@bench.test", name: "Bench Lead", passwordHash },
        { email: "bench-head@bench.test", name: "Bench Head", passwordHash },
      ])
      .returning();
    await db.insert(memberships).values([
      { userId: lead!.id, role: "trust_lead", schoolId: null },
      { userId: head!.id, role: "school_leader", schoolId: school!.id },
    ]);
    const server = await startServer({ env: testEnv({ PORT: 0, HOST: "127.0.0.1", LOG_LEVEL: "error" }), database, clientDir: "/nonexistent" });
    try {
      const people = { "trust lead": await signInAs(server.url, "bench-lead@bench.test"), "school leader": await signInAs(server.url, "bench-head@bench.test") };
      const n = QUICK ? 10 : 60;
      const queries: [string, string][] = [
        ["a topic word, stemmed ('phonic')", "q=phonic"],
        ["a two-word phrase ('reading fluency')", "q=reading+fluency"],
        ["a word in nearly every action ('monitoring')", "q=monitoring"],
        ["a document title ('Academy 07')", "q=academy+07"],
        ["a word nothing has ('zeppelin')", "q=zeppelin"],
      ];
      const all: number[] = [];
      for (const [who, cookie] of Object.entries(people)) {
        await time(server.url, cookie, queries.map(([, q]) => `/api/search?${q}`));
        for (const [label, q] of queries) {
          const { samples, hits } = await time(server.url, cookie, Array(n).fill(`/api/search?${q}`));
          all.push(...samples);
          report(`${who}: ${label}, ${hits} hits, p95 (${driver})`, percentile(samples, 95), "ms", 50);
        }
      }
      report(`GET /api/search, every query above, p50 (${driver})`, percentile(all, 50), "ms");
      report(`GET /api/search, every query above, p95 (${driver})`, percentile(all, 95), "ms", 50);
    } finally {
      await server.stop();
    }
  } finally {
    await database.dispose();
  }
}

console.log(`Search benchmarks${QUICK ? " (quick)" : ""}`);
await searchBench("pglite");
if (await postgresAvailable()) await searchBench("postgres");
else console.log(`\n(PostgreSQL at ${POSTGRES_URL} did not answer: its half is skipped)`);
