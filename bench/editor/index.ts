/**
 * Editor budgets (issue 4), in headless Chromium against a real server:
 * - a remote edit to a 1,000-block document must apply and render within 16 ms at p95;
 * - the editor route's JavaScript must be 350 KB gzipped or less.
 * A Node client edits the document through /collab like any other editor would; the page times each
 * update from its arrival on the socket to React's commit plus layout (see pageProbe.ts).
 * `npx tsx bench/editor/index.ts`; BENCH_QUICK=1 for a short run.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import * as Y from "yjs";
import { documentUpdates } from "../../server/db/schema/index.js";
import { PRIORITIES } from "../../server/seed/demoContentPlans.js";
import { RAGS } from "../../shared/enums.js";
import { writePlanNodes, type PlanNode } from "../../shared/templates/index.js";
import { connectClient, synced } from "../../test/collab/clients.js";
import { contextSignedInAs, CLIENT_DIR, launchBrowser } from "../../test/e2e/support.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../../test/factories.js";
import { signIn, startTestServer } from "../../test/support.js";
import { PAGE_PROBE } from "./pageProbe.js";

const BLOCKS = 1000;
const EDITS = process.env.BENCH_QUICK ? 40 : 200;
const WARMUP = 10;
const RENDER_BUDGET_MS = 16;
const BUNDLE_BUDGET_KB = 350;

/** A plan of `count` blocks drawn from the demo priorities, each block's text made unique. */
function planNodes(count: number, owners: string[]): PlanNode[] {
  const seeds = Object.values(PRIORITIES);
  const nodes: PlanNode[] = [];
  let blocks = 0;
  for (let i = 0; blocks < count; i++) {
    const seed = seeds[i % seeds.length]!;
    if (i % 5 === 0) nodes.push({ type: "heading", level: 2, text: `Section ${i / 5 + 1}` });
    const group: PlanNode[] = [
      { type: "priority", attrs: { area: seed.area }, text: `${seed.title} (${i + 1})` },
      ...seed.targets.map((t): PlanNode => ({ type: "target", attrs: { measure: t.measure, baseline: t.baseline, goal: t.goal, rag: t.rag, owners }, text: t.text })),
      ...seed.actions.map((a, k): PlanNode => ({ type: "action", attrs: { rag: RAGS[k % 4], status: "in_progress", owners, successCriteria: a.successCriteria }, text: a.text })),
    ];
    for (const node of group.slice(0, count - blocks)) nodes.push(node);
    blocks += Math.min(group.length, count - blocks);
  }
  return nodes;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(label: string, values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const p95 = percentile(s, 95);
  console.log(`  ${label.padEnd(28)} n=${String(s.length).padStart(3)}  p50 ${percentile(s, 50).toFixed(2)} ms  p95 ${p95.toFixed(2)} ms  max ${s.at(-1)!.toFixed(2)} ms`);
  return p95;
}

async function ensureClientBuilt(): Promise<void> {
  if (existsSync(join(CLIENT_DIR, "index.html"))) return;
  console.log("Building the client first...");
  const { build } = await import("vite");
  await build({ configFile: fileURLToPath(new URL("../../vite.config.ts", import.meta.url)), logLevel: "warn" });
}

await ensureClientBuilt();
const server = await startTestServer({ clientDir: CLIENT_DIR, env: { LOG_LEVEL: "warn" } });
const browser = await launchBrowser();
try {
  const db = server.database.db;
  const school = await buildSchool(db, { name: "Bench Academy", phase: "secondary" });
  const reader = await buildUser(db, { role: "school_leader", schoolId: school.id, name: "Page Reader" });
  const writer = await buildUser(db, { role: "school_leader", schoolId: school.id, name: "Remote Writer" });
  const plan = await buildDocument(db, { schoolId: school.id, kind: "adp" });
  const seedDoc = new Y.Doc();
  writePlanNodes(seedDoc.getXmlFragment("default"), planNodes(BLOCKS, [reader.id, writer.id]));
  await db.insert(documentUpdates).values({ documentId: plan.id, update: Y.encodeStateAsUpdate(seedDoc) });

  const context = await contextSignedInAs(browser, server.url, reader.email);
  await context.addInitScript(PAGE_PROBE);
  const page = await context.newPage();
  const scripts: string[] = [];
  page.on("response", (r) => {
    if (r.url().endsWith(".js")) scripts.push(new URL(r.url()).pathname);
  });

  const opened = performance.now();
  await page.goto(`${server.url}/documents/${plan.id}`);
  await page.waitForFunction((n) => document.querySelectorAll("[data-block]").length === n, BLOCKS, { timeout: 120_000 });
  await page.locator(".pe-connection[data-state=online]").waitFor();
  const loadMs = performance.now() - opened;

  const remote = connectClient(server.url, plan.id, await signIn(server.url, writer.email, TEST_PASSWORD));
  await synced(remote);
  const blocks = remote.doc.getXmlFragment("default").toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName !== "heading");
  const actions = blocks.filter((b) => b.nodeName === "action");

  // Which blocks are on screen: their edits need style and layout; off-screen ones are skipped by
  // content-visibility until scrolled to, so they are reported apart. Scroll to where actions are.
  await page.locator("[data-block=action]").first().scrollIntoViewIfNeeded();
  const visible = new Set(await page.evaluate(() => {
    const ids: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>("[data-block-id]")) {
      const r = el.getBoundingClientRect();
      if (r.bottom > 0 && r.top < innerHeight) ids.push(el.dataset.blockId!);
    }
    return ids;
  }));
  const onScreen = blocks.filter((b) => visible.has(b.getAttribute("id") as string));
  const onScreenActions = actions.filter((b) => visible.has(b.getAttribute("id") as string));

  const samples: Record<string, number[]> = { "text, on screen": [], "text, off screen": [], "RAG, on screen": [], "RAG, off screen": [] };
  let failed = 0;
  for (let i = 0; i < EDITS + WARMUP; i++) {
    // Alternate typing into a block's text and changing an action's RAG, on screen and anywhere in the document.
    const isText = i % 2 === 0;
    const seen = i % 4 < 2 && (isText ? onScreen : onScreenActions).length > 0;
    const pool = isText ? (seen ? onScreen : blocks) : seen ? onScreenActions : actions;
    const block = pool[(i * 397) % pool.length]!;
    const blockId = block.getAttribute("id") as string;
    const rag = RAGS[i % RAGS.length]!;
    const marker = ` r${i}`;
    await page.evaluate((e) => (window as unknown as { __bench: { arm(e: unknown): void } }).__bench.arm(e), isText ? { blockId, text: marker } : { blockId, rag });
    remote.doc.transact(() => {
      if (!isText) return block.setAttribute("rag", rag);
      const t = block.toArray().find((c): c is Y.XmlText => c instanceof Y.XmlText);
      t?.insert(t.length, marker);
    });
    await page.waitForFunction((n) => (window as unknown as { __bench: { samples: unknown[] } }).__bench.samples.length >= n, i + 1, { timeout: 10_000 });
    const sample = await page.evaluate((k) => (window as unknown as { __bench: { samples: { ms: number; ok: boolean }[] } }).__bench.samples[k]!, i);
    if (!sample.ok) failed++;
    if (i < WARMUP) continue;
    samples[`${isText ? "text" : "RAG"}, ${seen && visible.has(blockId) ? "on screen" : "off screen"}`]!.push(sample.ms);
  }
  remote.destroy();

  const assets = [...new Set(scripts)].filter((p) => p.startsWith("/assets/"));
  const gzipKb = assets.reduce((sum, p) => sum + gzipSync(readFileSync(join(CLIENT_DIR, p))).length, 0) / 1024;

  console.log(`Editor with ${BLOCKS} blocks in headless Chromium (${EDITS} remote edits after ${WARMUP} warm-up)`);
  console.log(`  open to ${BLOCKS} node views rendered: ${loadMs.toFixed(0)} ms`);
  for (const [label, values] of Object.entries(samples)) if (values.length) summary(`remote ${label}`, values);
  const p95 = summary("all remote edits", Object.values(samples).flat());
  console.log(`  rendered correctly: ${EDITS + WARMUP - failed} of ${EDITS + WARMUP}`);
  console.log(`  p95 / budget: ${(p95 / RENDER_BUDGET_MS).toFixed(2)} (budget ${RENDER_BUDGET_MS} ms)`);
  console.log(`Editor route JavaScript: ${gzipKb.toFixed(1)} KB gzipped in ${assets.length} files (${assets.join(", ")})`);
  console.log(`  size / budget: ${(gzipKb / BUNDLE_BUDGET_KB).toFixed(2)} (budget ${BUNDLE_BUDGET_KB} KB)`);
  if (failed) process.exitCode = 1;
} finally {
  await browser.close();
  await server.closeAll();
}
