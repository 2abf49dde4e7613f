/**
 * Progress benchmarks (issue 5): extraction CPU on a 1,000-block document, edit-to-API latency
 * through a real collab client, and the trust dashboard and action list at trust scale, on
 * PGlite and on PostgreSQL. `npx tsx bench/progress/index.ts`; BENCH_QUICK=1 for a smoke run.
 */
import { postgresAvailable } from "./databases.js";
import { extractionBench } from "./extraction.js";
import { latencyBench } from "./latency.js";
import { POSTGRES_URL, QUICK } from "./stats.js";
import { trustScaleBench } from "./trustScale.js";

// BENCH_ONLY=extraction,latency,trust runs only those parts.
const only = process.env.BENCH_ONLY?.split(",");
const wanted = (part: string) => !only || only.includes(part);

console.log(`Progress benchmarks${QUICK ? " (quick)" : ""}`);
if (wanted("extraction")) await extractionBench();
const postgres = await postgresAvailable();
if (!postgres) console.log(`\n(PostgreSQL at ${POSTGRES_URL} did not answer: its half is skipped)`);
if (wanted("latency")) {
  await latencyBench("pglite");
  if (postgres) await latencyBench("postgres");
}
if (wanted("trust")) {
  await trustScaleBench("pglite", true);
  if (postgres) await trustScaleBench("postgres", true);
}
