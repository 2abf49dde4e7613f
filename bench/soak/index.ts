/**
 * Soak benchmark (issue 10, item 15): 30 minutes of editing over 50 documents against the
 * compiled Trellis server in a child process, with real WebsocketProvider clients that come
 * and go (each with its presence and the page's event stream, as a browser tab has). Prints
 * the server's RSS every minute and the growth over the last 10 minutes against the 5%
 * budget. Beside the editors, a "browser" walks what a person does between edits and the
 * editing tabs do not: Word and PDF exports, governor packs, searches, and the progress and
 * notification event streams opened and dropped (the demo that grew to 933 MB was used that way).
 * BENCH_QUICK=1 runs about 2.5 minutes (samples every 15 s, the last third judged);
 * SOAK_MINUTES=n sets another length.
 * `npm run bench -- soak`
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { benchDatabase, seedDocuments } from "../collab/data.js";
import { QUICK } from "../collab/options.js";
import { startServerChild } from "../collab/serverChild.js";
import { mb, rssBytes } from "../collab/stats.js";

const SETTINGS = QUICK
  ? { minutes: 2.5, sampleSeconds: 15, judgedMinutes: 50 / 60, documents: 50, clients: 20, keystrokesPerSecond: 20, churnPerSecond: 2, browseStepsPerSecond: 2 }
  : { minutes: 30, sampleSeconds: 60, judgedMinutes: 10, documents: 50, clients: 30, keystrokesPerSecond: 20, churnPerSecond: 1, browseStepsPerSecond: 1 };
// SOAK_MINUTES overrides the length (judging the last third, at most 10 minutes).
if (process.env.SOAK_MINUTES) {
  SETTINGS.minutes = Number(process.env.SOAK_MINUTES);
  SETTINGS.judgedMinutes = Math.min(10, SETTINGS.minutes / 3);
  SETTINGS.sampleSeconds = QUICK ? 15 : 60;
}
const BUDGET = 0.05;
/** SOAK_PROBE=1 also prints the server's heap figures after a full GC (with BENCH_SERVER_STDERR=1), to tell a leak from allocator slack. */
const PROBE: Record<string, string> = process.env.SOAK_PROBE === "1" ? { NODE_OPTIONS: `--expose-gc --import ${fileURLToPath(new URL("./memoryProbe.mjs", import.meta.url))}` } : {};
/**
 * SOAK_HEAP_SNAPSHOTS=dir (an empty one) writes the server's heap snapshots there after the first sample and at
 * the end (SIGUSR1; the eventLoopProbe has SIGUSR2); bench/soak/heapDiff.ts compares two.
 */
const SNAPSHOT_DIR = process.env.SOAK_HEAP_SNAPSHOTS;
if (SNAPSHOT_DIR) PROBE.NODE_OPTIONS = `${PROBE.NODE_OPTIONS ?? ""} --heapsnapshot-signal=SIGUSR1 --diagnostic-dir=${SNAPSHOT_DIR}`.trim();
// Each y-websocket provider adds a process "exit" listener until it is destroyed.
process.setMaxListeners(0);

/** One open "tab": a provider on a document, with presence, the page's API reads and its event stream. */
interface Tab {
  doc: Y.Doc;
  provider: WebsocketProvider;
  stream: AbortController;
  close(): void;
}

function openTab(port: number, cookie: string, documentId: string, name: string): Tab {
  class CookieWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/collab`, documentId, doc, {
    WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  provider.awareness.setLocalStateField("user", { name, color: "#1d70b8" });
  // What the document page fetches when it opens (the browser does the same on every visit).
  for (const path of ["/api/me", `/api/documents/${documentId}`, `/api/documents/${documentId}/comments`, `/api/documents/${documentId}/blocks`, "/api/notifications", "/api/dashboard/trust"]) {
    void fetch(`http://127.0.0.1:${port}${path}`, { headers: { cookie } }).then((r) => r.arrayBuffer()).catch(() => {});
  }
  const stream = new AbortController();
  // The document page's comment/status stream, read and discarded.
  void fetch(`http://127.0.0.1:${port}/api/documents/${documentId}/events`, { headers: { cookie }, signal: stream.signal })
    .then(async (res) => {
      const reader = res.body?.getReader();
      while (reader && !(await reader.read()).done);
    })
    .catch(() => {});
  return {
    doc,
    provider,
    stream,
    close() {
      stream.abort();
      provider.awareness.setLocalState(null);
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Types one character at the end of the document's last paragraph, starting a new one now and then. */
function type(tab: Tab, random: () => number): void {
  if (!tab.provider.synced) return;
  const fragment = tab.doc.getXmlFragment("default");
  tab.doc.transact(() => {
    let last = fragment.length ? fragment.get(fragment.length - 1) : null;
    if (!(last instanceof Y.XmlElement) || last.nodeName !== "paragraph" || random() < 0.01) {
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText()]);
      fragment.insert(fragment.length, [paragraph]);
      last = paragraph;
    }
    const text = (last as Y.XmlElement).get(0) as Y.XmlText;
    text.insert(text.length, "abcdefghijklmnopqrstuvwxyz  "[Math.floor(random() * 28)]!);
    tab.provider.awareness.setLocalStateField("cursor", { anchor: text.length, head: text.length });
  });
}

/** The browser's round of reads, one step a call: exports, packs, searches, event streams opened and dropped. */
function browsing(port: number, cookie: string, documentIds: string[], schoolId: string, random: () => number) {
  const get = (path: string) =>
    fetch(`http://127.0.0.1:${port}${path}`, { headers: { cookie } })
      .then((r) => r.arrayBuffer())
      .catch(() => {});
  const stream = async (path: string) => {
    const abort = new AbortController();
    try {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { cookie }, signal: abort.signal });
      await res.body?.getReader().read();
    } catch {}
    // A page left after a moment, as a tab that navigates away does.
    setTimeout(() => abort.abort(), 500 + random() * 2000);
  };
  const pick = () => documentIds[Math.floor(random() * documentIds.length)]!;
  const steps = [
    () => get(`/api/documents/${pick()}/export?format=docx`),
    () => get(`/api/documents/${pick()}/export?format=pdf`),
    () => get(`/api/schools/${schoolId}/pack?format=pdf`),
    () => get(`/api/schools/${schoolId}/pack?format=docx`),
    () => get(`/api/search?q=${["read", "phonics", "abc", "progress"][Math.floor(random() * 4)]}`),
    () => stream("/api/progress/events"),
    () => stream("/api/notifications/events"),
    () => get("/api/actions"),
  ];
  let step = 0;
  return {
    counts: { steps: 0 },
    next() {
      this.counts.steps++;
      return steps[step++ % steps.length]!();
    },
  };
}

/**
 * Waits until `count` snapshots sit in `dir` and none has grown for 5 s. Writing one stops the
 * server while it runs (two minutes for a 60 MB heap on the loaded machine) and costs RSS of its
 * own, so a run that takes snapshots measures growth badly: use it to find what grows, not how much.
 */
async function snapshotsWritten(dir: string, count: number): Promise<void> {
  let last = "";
  let steadySince = Date.now();
  for (const giveUp = Date.now() + 10 * 60_000; Date.now() < giveUp; await new Promise((r) => setTimeout(r, 1000))) {
    const files = readdirSync(dir).filter((f) => f.endsWith(".heapsnapshot"));
    const sizes = files.map((f) => `${f}:${statSync(join(dir, f)).size}`).join(",");
    if (sizes !== last) {
      last = sizes;
      steadySince = Date.now();
    } else if (files.length >= count && Date.now() - steadySince > 5000 && !sizes.includes(":0")) return;
  }
}

async function main() {
  const s = SETTINGS;
  console.log(`soak: ${s.minutes} min, ${s.documents} documents, ${s.clients} clients open, ${s.keystrokesPerSecond} keystrokes/s, ${s.churnPerSecond} reconnects/s${QUICK ? " (BENCH_QUICK)" : ""}`);
  const database = await benchDatabase("pglite");
  const { cookie, documentIds, schoolId } = await seedDocuments(database, s.documents);
  const child = await startServerChild("trellis", { ...database.env, ...PROBE });
  let seed = 7;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const pick = () => documentIds[Math.floor(random() * documentIds.length)]!;
  let opened = 0;
  let keystrokes = 0;
  const tabs: Tab[] = Array.from({ length: s.clients }, () => openTab(child.port, cookie, pick(), `Writer ${opened++}`));
  const browser = browsing(child.port, cookie, documentIds, schoolId, random);
  const samples: { minute: number; rss: number }[] = [];
  const started = Date.now();
  const sample = () => {
    const minute = (Date.now() - started) / 60_000;
    const rss = rssBytes(child.pid);
    samples.push({ minute, rss });
    console.log(`  ${minute.toFixed(1).padStart(5)} min  RSS ${mb(rss)}  (${tabs.length} tabs open, ${opened} opened so far, ${keystrokes} keystrokes, ${browser.counts.steps} browser steps)`);
  };
  sample();
  const typing = setInterval(() => {
    const tab = tabs[Math.floor(random() * tabs.length)];
    if (tab) {
      type(tab, random);
      keystrokes++;
    }
  }, 1000 / s.keystrokesPerSecond);
  const churn = setInterval(() => {
    const i = Math.floor(random() * tabs.length);
    tabs[i]?.close();
    tabs[i] = openTab(child.port, cookie, pick(), `Writer ${opened++}`);
  }, 1000 / s.churnPerSecond);
  // One step at a time: a slow export under load should not pile requests up.
  let stepping = false;
  const browse = setInterval(() => {
    if (stepping) return;
    stepping = true;
    void browser.next().finally(() => {
      stepping = false;
    });
  }, 1000 / s.browseStepsPerSecond);
  const sampler = setInterval(sample, s.sampleSeconds * 1000);
  const snapshot = () => {
    if (!SNAPSHOT_DIR) return;
    process.kill(child.pid, "SIGUSR1");
    console.log(`  heap snapshot requested in ${SNAPSHOT_DIR}`);
  };
  setTimeout(snapshot, s.sampleSeconds * 1000 + 2000);
  await new Promise((r) => setTimeout(r, s.minutes * 60_000));
  clearInterval(typing);
  clearInterval(churn);
  clearInterval(browse);
  clearInterval(sampler);
  sample();
  snapshot();
  if (SNAPSHOT_DIR) await snapshotsWritten(SNAPSHOT_DIR, 2);

  const end = samples[samples.length - 1]!;
  const windowStart = end.minute - s.judgedMinutes;
  const base = samples.reduce((best, x) => (Math.abs(x.minute - windowStart) < Math.abs(best.minute - windowStart) ? x : best));
  const growth = (end.rss - base.rss) / base.rss;
  console.log(`  first sample ${mb(samples[0]!.rss)}, peak ${mb(Math.max(...samples.map((x) => x.rss)))}, last ${mb(end.rss)}`);
  console.log(
    `  growth over the last ${s.judgedMinutes >= 1 ? `${s.judgedMinutes} min` : `${Math.round(s.judgedMinutes * 60)} s`} (${base.minute.toFixed(1)} -> ${end.minute.toFixed(1)} min): ${(growth * 100).toFixed(1)}%  budget ${BUDGET * 100}%  ratio ${(growth / BUDGET).toFixed(2)}  ${growth <= BUDGET ? "within budget" : "OVER BUDGET"}`,
  );
  for (const tab of tabs) tab.close();
  await child.stop();
  await database.dispose();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
