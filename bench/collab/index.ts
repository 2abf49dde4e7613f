/**
 * Collab benchmarks (issue 3): fan-out and capacity against Trellis and a stock Hocuspocus in
 * the same run, with ours/theirs ratios; durability throughput; cold load and storage.
 * Each server runs in its own child process so its RSS and CPU are its own.
 * `npx tsx bench/collab/index.ts`; BENCH_QUICK=1 for a short smoke run; BENCH_ONLY=compaction
 * (or any of idle, fanout, capacity, durability, cold-load, compaction, comma-separated) runs only those.
 */
import { availableParallelism, loadavg } from "node:os";
import { coldLoad } from "./coldLoad.js";
import { compaction } from "./compaction.js";
import { benchDatabase, seedDocuments, type Driver } from "./data.js";
import { durability } from "./durability.js";
import { POSTGRES_URL, QUICK, settings } from "./options.js";
import { startServerChild } from "./serverChild.js";
import { mb, ms, rssBytes } from "./stats.js";
import { capacity, fanout, type Target, type WorkloadResult } from "./workloads.js";

/** A workload's figures plus the server's RSS before any client connected. */
type Measured = WorkloadResult & { idleRssBytes: number };

const liveDriver: Driver = POSTGRES_URL ? "postgres" : "pglite";
const log = (line: string) => console.log(line);

/** Runs a workload against our server (all of Trellis, or its collab server alone) on a freshly seeded database. */
async function onTrellis(
  driver: Driver,
  documents: number,
  run: (target: Target, ids: string[]) => Promise<WorkloadResult>,
  kind: "trellis" | "collab-only" = "trellis",
): Promise<Measured> {
  const database = await benchDatabase(driver);
  try {
    const { cookies, documentIds } = await seedDocuments(database, documents);
    const child = await startServerChild(kind, database.env);
    try {
      const idleRssBytes = rssBytes(child.pid);
      return { ...(await run({ server: "trellis", port: child.port, cookies, child }, documentIds)), idleRssBytes };
    } finally {
      await child.stop();
    }
  } finally {
    await database.dispose();
  }
}

/** Runs a workload against a stock Hocuspocus server. */
async function onHocuspocus(documents: number, run: (target: Target, ids: string[]) => Promise<WorkloadResult>): Promise<Measured> {
  const child = await startServerChild("hocuspocus");
  try {
    const idleRssBytes = rssBytes(child.pid);
    const names = Array.from({ length: documents }, (_, i) => `bench-doc-${i}`);
    return { ...(await run({ server: "hocuspocus", port: child.port, cookies: [], child }, names)), idleRssBytes };
  } finally {
    await child.stop();
  }
}

function describe(label: string, r: Measured) {
  log(
    `  ${label.padEnd(26)} p50 ${ms(r.p50)} ms  p99 ${ms(r.p99)} ms  max ${ms(r.max)} ms  samples ${r.samples} (${r.sent} updates)\n` +
      `  ${"".padEnd(26)} server RSS ${mb(r.rssBytes)} MB (peak ${mb(r.peakRssBytes)}, idle before clients ${mb(r.idleRssBytes)}, growth ${mb(r.rssBytes - r.idleRssBytes)})  CPU ${Math.round(r.cpuPercent)}% of a core\n` +
      `  ${"".padEnd(26)} event-loop delay: server p99 ${r.serverLoopDelay?.p99 ?? "?"} max ${r.serverLoopDelay?.max ?? "?"} ms, clients max ${ms(r.clientLoopDelayMax)} ms; load average ${r.loadAverage.toFixed(1)}`,
  );
}

function ratios(ours: Measured, theirs: Measured) {
  const p99 = ours.p99 / theirs.p99;
  const rss = ours.rssBytes / theirs.rssBytes;
  const growth = (ours.rssBytes - ours.idleRssBytes) / (theirs.rssBytes - theirs.idleRssBytes);
  log(`  ratio to hocuspocus        p99 ${p99.toFixed(2)}  RSS ${rss.toFixed(2)}  RSS growth under load ${growth.toFixed(2)}`);
  return { p99, rss, growth };
}

const only = process.env.BENCH_ONLY?.split(",").map((part) => part.trim());
const runs = (part: string) => !only || only.includes(part);
const results: Record<string, unknown> = { quick: QUICK, liveDriver };
log(`collab benchmarks${QUICK ? " (BENCH_QUICK: shortened)" : ""}; our server's log on ${liveDriver}`);

if (runs("idle")) {
  log("\nIdle server RSS, 3 s after start, no clients (Trellis from an esbuild bundle under node, Hocuspocus from its compiled package)");
  const idle: Record<string, number> = {};
  for (const [label, kind, runtime] of [
    ["trellis, bundled", "trellis", "bundle"],
    ["trellis under tsx (npm run demo)", "trellis", "tsx"],
    ["hocuspocus, as it ships", "hocuspocus", "bundle"],
  ] as const) {
    const database = await benchDatabase(liveDriver);
    try {
      await seedDocuments(database, 1);
      const child = await startServerChild(kind, kind === "trellis" ? database.env : {}, runtime);
      await new Promise((r) => setTimeout(r, 3000));
      idle[label] = rssBytes(child.pid);
      await child.stop();
    } finally {
      await database.dispose();
    }
    log(`  ${label.padEnd(30)} ${mb(idle[label]!)} MB`);
  }
  results.idleRss = idle;
}

if (runs("fanout")) {
  const f = settings.fanout;
  log(`\nFan-out: 1 writer, ${f.readers} readers, ${f.rate} updates/s for ${f.seconds} s (budget p99 <= 10 ms)`);
  const fanOurs = await onTrellis(liveDriver, 1, (t, ids) => fanout(t, ids[0]!, f));
  describe("trellis", fanOurs);
  const fanTheirs = await onHocuspocus(1, (t, ids) => fanout(t, ids[0]!, f));
  describe("hocuspocus", fanTheirs);
  results.fanout = { ours: fanOurs, hocuspocus: fanTheirs, ratio: ratios(fanOurs, fanTheirs) };
  if (liveDriver === "postgres") {
    const fanModule = await onTrellis("postgres", 1, (t, ids) => fanout(t, ids[0]!, f), "collab-only");
    describe("trellis collab module alone", fanModule);
    results.fanoutModule = { ours: fanModule, ratio: ratios(fanModule, fanTheirs) };
  }
}

if (runs("capacity")) {
  const k = settings.capacity;
  log(`\nCapacity: ${k.connections} connections over ${k.documents} documents, ${k.rate} updates/s for ${k.seconds} s (budget p99 <= 5 ms, RSS <= 1 GB)`);
  const capOurs = await onTrellis(liveDriver, k.documents, (t, ids) => capacity(t, ids, k));
  describe(`trellis (log on ${liveDriver})`, capOurs);
  const capTheirs = await onHocuspocus(k.documents, (t, ids) => capacity(t, ids, k));
  describe("hocuspocus", capTheirs);
  results.capacity = { ours: capOurs, hocuspocus: capTheirs, ratio: ratios(capOurs, capTheirs) };
  if (liveDriver === "postgres") {
    const capModule = await onTrellis("postgres", k.documents, (t, ids) => capacity(t, ids, k), "collab-only");
    describe("trellis collab module alone", capModule);
    results.capacityModule = { ours: capModule, ratio: ratios(capModule, capTheirs) };
    // The default deployment embeds PGlite in the server process, so its memory counts as ours too.
    const capPglite = await onTrellis("pglite", k.documents, (t, ids) => capacity(t, ids, k));
    describe("trellis (log on PGlite)", capPglite);
    results.capacityPglite = { ours: capPglite, ratio: ratios(capPglite, capTheirs) };
  }
}

if (runs("durability")) {
  const d = settings.durability;
  log(`\nDurability throughput: log saturated for ${d.seconds} s over ${d.documents} documents`);
  const durable: Record<string, unknown> = {};
  for (const driver of POSTGRES_URL ? (["postgres", "pglite"] as const) : (["pglite"] as const)) {
    const r = await durability(driver, d);
    durable[driver] = r;
    log(`  ${driver.padEnd(9)} ${r.updatesPerSecond} updates/s stored (mean batch ${r.meanBatch} rows)`);
  }
  results.durability = durable;
}

if (runs("cold-load")) {
  const c = settings.coldLoad;
  log(`\nCold load and storage: ${c.updates} keystroke updates in one document's log (budgets: load <= 100 ms compacted, stored <= 2x state)`);
  const cold: Record<string, unknown> = {};
  for (const driver of POSTGRES_URL ? (["postgres", "pglite"] as const) : (["pglite"] as const)) {
    const r = await coldLoad(driver, c);
    cold[driver] = r;
    log(
      `  ${driver.padEnd(9)} state ${r.stateBytes} B; before compaction ${r.logRowsBefore} rows, ${r.storedBytesBefore} B (${r.ratioBefore.toFixed(1)}x), load ${ms(r.loadBeforeMs)} ms; ` +
        `compaction ${Math.round(r.compactMs)} ms; after ${r.storedBytesAfter} B (${r.ratioAfter.toFixed(2)}x), load ${ms(r.loadAfterMs)} ms (first ${ms(r.loadAfterFirstMs)} ms)`,
    );
  }
  results.coldLoad = cold;
}

if (runs("compaction")) {
  log(
    "\nCompaction of a ~400 KB document: longest main-thread block (budget <= 20 ms), merge on the main thread vs the merge worker\n" +
      `  (a gap's wall time includes waiting for a core; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores)`,
  );
  const compacted: Record<string, unknown> = {};
  for (const driver of POSTGRES_URL ? (["postgres", "pglite"] as const) : (["pglite"] as const)) {
    const r = await compaction(driver, { stateBytes: 400_000 });
    compacted[driver] = r;
    log(`  ${driver.padEnd(9)} state ${r.stateBytes} B in ${r.rows} rows`);
    for (const [label, f] of Object.entries(r.figures)) {
      log(
        `    ${label.padEnd(26)} longest block ${ms(f.blockCpuMs)} ms of main-thread CPU (${(f.blockCpuMs / 20).toFixed(2)}x budget); ` +
          `widest gap ${ms(f.stallMs)} ms wall (event-loop delay max ${ms(f.eldMaxMs)} ms); took ${Math.round(f.wallMs)} ms`,
      );
    }
  }
  results.compaction = compacted;
}

log(`\nJSON ${JSON.stringify(results)}`);
// Providers and pools may hold timers; the figures are printed, so leave now.
process.exit(0);
