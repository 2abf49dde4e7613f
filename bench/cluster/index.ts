/**
 * `npm run bench -- cluster` (issue 14): what crossing processes costs. Trellis as 3 compiled
 * processes on one PostgreSQL database and one Redis (deploy/cluster.ts) against one process
 * in the same run, and stock Hocuspocus with @hocuspocus/extension-redis as the anchor:
 * - fan-out, 1 writer on one process and 50 readers spread over 3, 20 updates/s: p99 vs one process;
 * - Redis messages per accepted update and per presence change, counted with MONITOR on each
 *   system's own prefix (clients with no presence of their own while updates are counted);
 * - the capacity workload over 3 processes vs one: p99 and total RSS.
 * Clients connect to the processes directly (not through HAProxy) so their spread is exact.
 * Needs PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL) and Redis (BENCH_REDIS_URL,
 * TEST_REDIS_URL, else redis://127.0.0.1:6379). BENCH_QUICK=1 shortens it.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { Redis } from "ioredis";
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { startCluster, type Cluster } from "../../deploy/cluster.js";
import { freePort } from "../../deploy/freePort.js";
import { createSession, SESSION_COOKIE } from "../../server/auth/sessions.js";
import { openDatabase } from "../../server/db/client.js";
import { memberships, users } from "../../server/db/schema/index.js";
import type { WorkerPlan } from "../collab/clientWorker.js";
import { until } from "../collab/clients.js";
import { benchDatabase, seedDocuments } from "../collab/data.js";
import { POSTGRES_URL, QUICK, settings } from "../collab/options.js";
import { mb, ms, percentile, sampleProcess } from "../collab/stats.js";
import { ANCHOR_SERVERS, ensureAnchors } from "../anchors/install.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const REDIS_URL = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const log = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

if (!POSTGRES_URL) {
  log("bench/cluster needs PostgreSQL: set BENCH_DATABASE_URL or TEST_DATABASE_URL");
  process.exit(0);
}
// The processes run the compiled server, as npm start and npm run cluster do.
if (spawnSync("npm", ["run", "build:server", "--silent"], { cwd: ROOT, stdio: "inherit" }).status !== 0) throw new Error("npm run build:server failed");

interface Figures {
  samples: number;
  sent: number;
  p50: number;
  p99: number;
  max: number;
  rssBytes: number;
  peakRssBytes: number;
  loadAverage: number;
}

type Plan = Omit<WorkerPlan, "server"> & { server: WorkerPlan["server"] };

/** Runs client worker threads (each on one process's port) over a warm-up and a measured window. */
async function runPlans(plans: Plan[], pids: number[], o: { seconds: number; warmupSeconds: number }, during?: { start(): void; stop(): void }): Promise<Figures> {
  const workers: Worker[] = [];
  for (const plan of plans) {
    const entry = new URL("../collab/clientWorker.ts", import.meta.url).href;
    const worker = new Worker(`import("tsx/esm/api").then((t) => { t.register(); return import(${JSON.stringify(entry)}); });`, { eval: true, workerData: plan });
    await new Promise<void>((resolve, reject) => {
      worker.once("message", () => resolve());
      worker.once("error", reject);
    });
    workers.push(worker);
  }
  const tell = (m: string) => {
    for (const w of workers) w.postMessage(m);
  };
  tell("start");
  await sleep(o.warmupSeconds * 1000);
  tell("measure");
  during?.start();
  const samplers = pids.map((pid) => sampleProcess(pid));
  await sleep(o.seconds * 1000);
  const sampled = samplers.map((s) => s.stop());
  const loadAverage = loadavg()[0]!;
  tell("stop");
  await sleep(500);
  during?.stop();
  const reports = await Promise.all(
    workers.map((w) => new Promise<{ latencies: number[]; sent: number }>((resolve) => {
      w.once("message", resolve);
      w.postMessage("report");
    })),
  );
  const latencies = reports.flatMap((r) => r.latencies);
  return {
    samples: latencies.length,
    sent: reports.reduce((n, r) => n + r.sent, 0),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: percentile(latencies, 100),
    rssBytes: sampled.reduce((n, s) => n + s.rssBytes, 0),
    peakRssBytes: sampled.reduce((n, s) => n + s.peakRssBytes, 0),
    loadAverage,
  };
}

/** Readers one person may hold on a document (the server caps sockets per person per document at 8). */
const PER_PERSON = 7;

/**
 * Fan-out plans: the writer on the first port, readers split evenly over every port, in
 * threads of at most PER_PERSON readers, each thread signed in as its own person.
 */
function fanoutPlans(server: Plan["server"], ports: number[], cookies: string[], name: string, readers: number, rate: number): Plan[] {
  const plans: Plan[] = [{ server, port: ports[0]!, cookies: cookies.slice(0, 1), names: [name], rate, writers: 1 }];
  let person = 1;
  ports.forEach((port, i) => {
    let share = Math.floor(readers / ports.length) + (i < readers % ports.length ? 1 : 0);
    while (share > 0) {
      const n = Math.min(PER_PERSON, share);
      plans.push({ server, port, cookies: cookies.slice(person, ++person), names: Array(n).fill(name), rate: 0, writers: 0 });
      share -= n;
    }
  });
  return plans;
}

/** Sessions of `count` more trust admins (one per fan-out thread). */
async function moreCookies(databaseUrl: string, count: number): Promise<string[]> {
  const database = await openDatabase({ url: databaseUrl, max: 2 });
  try {
    const cookies: string[] = [];
    for (let i = 0; i < count; i++) {
      const [user] = await database.db.insert(users).values({ email: `bench-${tag}-${i}@example.test`, name: `Bench Reader ${i}`, passwordHash: null }).returning();
      await database.db.insert(memberships).values({ userId: user!.id, role: "trust_admin", schoolId: null });
      cookies.push(`${SESSION_COOKIE}=${(await createSession(database.db, user!.id)).token}`);
    }
    return cookies;
  } finally {
    await database.close();
  }
}

/** Capacity plans: client i on document i mod N and on process i mod P; two threads per process. */
function capacityPlans(ports: number[], cookie: string, names: string[], connections: number, rate: number): Plan[] {
  const threads = ports.length === 1 ? 2 : ports.length;
  const plans: Plan[] = [];
  for (let t = 0; t < threads; t++) {
    const mine: string[] = [];
    for (let i = t; i < connections; i += threads) mine.push(names[i % names.length]!);
    plans.push({ server: "trellis", port: ports[t % ports.length]!, cookies: [cookie], names: mine, rate: rate / threads, writers: mine.length });
  }
  return plans;
}

/** Counts the Redis commands naming `prefix` (channels and keys) while it runs. */
async function redisCounter(prefix: string) {
  const redis = new Redis(REDIS_URL);
  const monitor = await redis.monitor();
  const counts = { publish: 0, other: 0 };
  let on = false;
  monitor.on("monitor", (_time: string, args: string[]) => {
    if (!on || !args.some((a) => typeof a === "string" && a.includes(prefix))) return;
    if (args[0]?.toLowerCase() === "publish") counts.publish++;
    else counts.other++;
  });
  return {
    start() {
      counts.publish = 0;
      counts.other = 0;
      on = true;
    },
    async read() {
      // MONITOR lines trail the commands a little.
      await sleep(300);
      on = false;
      return { ...counts };
    },
    close() {
      monitor.disconnect();
      redis.disconnect();
    },
  };
}

/** A main-thread client for the message counts: presence off unless it is the one changing it. */
interface SmallClient {
  doc: Y.Doc;
  synced(): boolean;
  setPresence(value: number | null): void;
  destroy(): void;
}

function trellisClient(port: number, cookie: string, name: string): SmallClient {
  class CookieWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/collab`, name, doc, { WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket, disableBc: true });
  provider.awareness.setLocalState(null);
  return {
    doc,
    synced: () => provider.synced,
    // setLocalStateField does nothing on a null state: set the whole state.
    setPresence: (v) => provider.awareness.setLocalState(v === null ? null : { cursor: v }),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

function hocuspocusClient(port: number, name: string): SmallClient {
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url: `ws://127.0.0.1:${port}`, WebSocketPolyfill: WebSocket });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name, document: doc });
  provider.attach();
  provider.awareness?.setLocalState(null);
  return {
    doc,
    synced: () => provider.isSynced,
    setPresence: (v) => provider.awareness?.setLocalState(v === null ? null : { cursor: v }),
    destroy: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}

/** Redis traffic of one writer on process 1 with two silent readers on each process, then of presence changes. */
async function messageCounts(clients: (port: number) => SmallClient, ports: number[], prefix: string, updates: number) {
  const counter = await redisCounter(prefix);
  const writer = clients(ports[0]!);
  const readers = ports.flatMap((p) => [clients(p), clients(p)]);
  const all = [writer, ...readers];
  try {
    await until(() => all.every((c) => c.synced()), 60_000, "message-count clients to sync");
    await sleep(1000);
    counter.start();
    for (let i = 0; i < updates; i++) {
      writer.doc.getText("body").insert(0, "x");
      await sleep(50);
    }
    await until(() => readers.every((r) => r.doc.getText("body").length >= updates), 30_000, "readers to see every update");
    const perUpdate = await counter.read();
    const changes = QUICK ? 20 : 50;
    counter.start();
    for (let i = 0; i < changes; i++) {
      writer.setPresence(i);
      await sleep(50);
    }
    await sleep(500);
    const perPresence = await counter.read();
    return {
      updates,
      presenceChanges: changes,
      publishesPerUpdate: perUpdate.publish / updates,
      commandsPerUpdate: (perUpdate.publish + perUpdate.other) / updates,
      publishesPerPresence: perPresence.publish / changes,
      commandsPerPresence: (perPresence.publish + perPresence.other) / changes,
    };
  } finally {
    for (const c of all) c.destroy();
    counter.close();
  }
}

/** N Hocuspocus processes with the Redis extension, on their own prefix. */
async function startHocuspocus(count: number, prefix: string): Promise<{ ports: number[]; children: ChildProcess[]; stop(): Promise<void> }> {
  ensureAnchors();
  const ports: number[] = [];
  const children: ChildProcess[] = [];
  for (let i = 0; i < count; i++) {
    const port = await freePort();
    const child = spawn(process.execPath, [ANCHOR_SERVERS.hocuspocusRedis], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), REDIS_URL, HOCUSPOCUS_PREFIX: prefix },
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.once("data", () => resolve());
      child.once("exit", (code) => reject(new Error(`hocuspocus exited (${code})`)));
    });
    ports.push(port);
    children.push(child);
  }
  return {
    ports,
    children,
    async stop() {
      await Promise.all(children.map((c) => new Promise<void>((resolve) => {
        c.once("exit", () => resolve());
        c.kill("SIGTERM");
        setTimeout(() => c.kill("SIGKILL"), 10_000).unref();
      })));
    },
  };
}

/** A Trellis cluster (or one process) on a freshly seeded PostgreSQL database. */
async function withTrellis<T>(processes: number, redis: boolean, documents: number, fn: (c: Cluster, cookie: string, ids: string[], prefix: string, cookies: string[]) => Promise<T>): Promise<T> {
  const database = await benchDatabase("postgres");
  const prefix = `trellis:bench:${tag}:${processes}:`;
  try {
    const { cookie, documentIds } = await seedDocuments(database, documents);
    const cookies = [cookie, ...(await moreCookies(database.env.DATABASE_URL!, 12))];
    const cluster = await startCluster({
      processes,
      databaseUrl: database.env.DATABASE_URL!,
      redisUrl: redis ? REDIS_URL : undefined,
      frontPort: 0,
      env: { LOG_LEVEL: "warn", NODE_ENV: "production", REDIS_PREFIX: prefix },
      onOutput: (who, line) => {
        if (who !== "haproxy" && process.env.BENCH_SERVER_STDERR) process.stderr.write(`${who} | ${line}\n`);
      },
    });
    try {
      return await fn(cluster, cookie, documentIds, prefix, cookies);
    } finally {
      await cluster.stop();
    }
  } finally {
    await database.dispose();
  }
}

const describe = (label: string, r: Figures) =>
  log(`  ${label.padEnd(34)} p50 ${ms(r.p50)} ms  p99 ${ms(r.p99)} ms  max ${ms(r.max)} ms  samples ${r.samples} (${r.sent} updates)  RSS total ${mb(r.rssBytes)} MB (peak ${mb(r.peakRssBytes)})  load ${r.loadAverage.toFixed(1)}`);

const results: Record<string, unknown> = { quick: QUICK };
const f = settings.fanout;
const k = settings.capacity;
log(`cluster benchmarks${QUICK ? " (BENCH_QUICK: shortened)" : ""}: Trellis on PostgreSQL, Redis ${REDIS_URL}; load average ${loadavg()[0]!.toFixed(1)} on 2 cores at the start`);

log(`\nFan-out: 1 writer, ${f.readers} readers, ${f.rate} updates/s for ${f.seconds} s (budget: 3 processes p99 <= 1.5x one process)`);
const fanSingle = await withTrellis(1, false, 1, (c, _cookie, ids, _prefix, cookies) => runPlans(fanoutPlans("trellis", [c.processes[0]!.port], cookies, ids[0]!, f.readers, f.rate), c.processes.map((p) => p.child.pid!), f));
describe("trellis, one process", fanSingle);
const fanCluster = await withTrellis(3, true, 1, async (c, cookie, ids, prefix, cookies) => {
  const fan = await runPlans(fanoutPlans("trellis", c.processes.map((p) => p.port), cookies, ids[0]!, f.readers, f.rate), c.processes.map((p) => p.child.pid!), f);
  let next = 0;
  // Seven clients: one person each, so the per-person cap never closes one.
  const messages = await messageCounts((port) => trellisClient(port, cookies[next++ % cookies.length] ?? cookie, ids[0]!), c.processes.map((p) => p.port), prefix, QUICK ? 40 : 100);
  return { fan, messages };
});
describe("trellis, 3 processes + Redis", fanCluster.fan);
const hpPrefix = `hpbench${tag}`;
const hocuspocus = await startHocuspocus(3, hpPrefix);
let hpFan: Figures;
let hpMessages: Awaited<ReturnType<typeof messageCounts>>;
try {
  hpFan = await runPlans(fanoutPlans("hocuspocus", hocuspocus.ports, [], `bench-doc-${tag}`, f.readers, f.rate), hocuspocus.children.map((c) => c.pid!), f);
  hpMessages = await messageCounts((port) => hocuspocusClient(port, `bench-msg-${tag}`), hocuspocus.ports, hpPrefix, QUICK ? 40 : 100);
} finally {
  await hocuspocus.stop();
}
describe("hocuspocus + redis, 3 processes", hpFan);
const fanRatio = fanCluster.fan.p99 / fanSingle.p99;
log(`  ratio 3 processes / one process   p99 ${fanRatio.toFixed(2)} (budget <= 1.5)   trellis 3 / hocuspocus 3: p99 ${(fanCluster.fan.p99 / hpFan.p99).toFixed(2)}`);

log("\nRedis messages with 3 processes (1 writer on process 1, 2 readers on each process; MONITOR on each system's prefix)");
for (const [label, m] of [["trellis", fanCluster.messages], ["hocuspocus + extension-redis", hpMessages]] as const) {
  log(
    `  ${label.padEnd(30)} per accepted update: ${m.publishesPerUpdate.toFixed(2)} PUBLISH (${m.commandsPerUpdate.toFixed(2)} commands)   ` +
      `per presence change: ${m.publishesPerPresence.toFixed(2)} PUBLISH (${m.commandsPerPresence.toFixed(2)} commands)`,
  );
}
log(`  ratio trellis / hocuspocus     per update ${(fanCluster.messages.commandsPerUpdate / hpMessages.commandsPerUpdate).toFixed(2)}   per presence change ${(fanCluster.messages.commandsPerPresence / hpMessages.commandsPerPresence).toFixed(2)}`);

log(`\nCapacity: ${k.connections} connections over ${k.documents} documents, ${k.rate} updates/s for ${k.seconds} s`);
const capSingle = await withTrellis(1, false, k.documents, (c, cookie, ids) => runPlans(capacityPlans([c.processes[0]!.port], cookie, ids, k.connections, k.rate), c.processes.map((p) => p.child.pid!), k));
describe("trellis, one process", capSingle);
const capCluster = await withTrellis(3, true, k.documents, (c, cookie, ids) => runPlans(capacityPlans(c.processes.map((p) => p.port), cookie, ids, k.connections, k.rate), c.processes.map((p) => p.child.pid!), k));
describe("trellis, 3 processes + Redis", capCluster);
log(`  ratio 3 processes / one process   p99 ${(capCluster.p99 / capSingle.p99).toFixed(2)}   total RSS ${(capCluster.rssBytes / capSingle.rssBytes).toFixed(2)}`);

results.fanout = { single: fanSingle, cluster: fanCluster.fan, hocuspocus: hpFan, ratio: fanRatio };
results.messages = { trellis: fanCluster.messages, hocuspocus: hpMessages };
results.capacity = { single: capSingle, cluster: capCluster };
log(`\nJSON ${JSON.stringify(results)}`);
process.exit(0);
