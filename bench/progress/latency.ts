/**
 * Edit to API: a stock WebsocketProvider client changes an action's RAG, and the time until
 * `GET /api/actions` shows it is measured (issue 5 budget: 500 ms at p95). One real Trellis
 * server in this process, over real HTTP and WebSocket.
 */
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { writePlanNodes } from "../../shared/templates/planNodes.js";
import { testEnv } from "../../server/env.js";
import { startServer } from "../../server/server.js";
import type { ActionPage } from "../../server/progress/apiTypes.js";
import { benchDatabase, type Driver } from "./databases.js";
import { elementById, planNodes, seedDocument, seedSchool, signInAs } from "./fixtures.js";
import { percentile, QUICK, report } from "./stats.js";

const BLOCKS = 200;

async function until(check: () => Promise<boolean>, timeoutMs = 10_000, intervalMs = 5): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export async function latencyBench(driver: Driver): Promise<void> {
  console.log(`\nEdit to API row, ${driver}`);
  const database = await benchDatabase(driver);
  const server = await startServer({ env: testEnv({ PORT: 0, HOST: "127.0.0.1", LOG_LEVEL: "error" }), database, clientDir: "/nonexistent" });
  let provider: WebsocketProvider | null = null;
  const doc = new Y.Doc();
  try {
    const db = database.db;
    const { schoolId, staff } = await seedSchool(db);
    const documentId = await seedDocument(db, schoolId);
    const { nodes, actionIds } = planNodes(BLOCKS, staff.map((s) => s.id));
    await server.collab.changeDocument(documentId, (doc) => writePlanNodes(doc.getXmlFragment("default"), nodes), staff[0]!.id);
    const cookie = await signInAs(server.url, staff[0]!.email);
    const api = async <T>(path: string) => (await (await fetch(`${server.url}${path}`, { headers: { cookie } })).json()) as T;
    await until(async () => (await api<ActionPage>(`/api/actions?documentId=${documentId}&limit=1`)).total === actionIds.length);

    const CookieSocket = class extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols, { headers: { cookie } });
      }
    };
    provider = new WebsocketProvider(`${server.url.replace(/^http/, "ws")}/collab`, documentId, doc, {
      WebSocketPolyfill: CookieSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    await until(async () => provider!.synced);

    const samples: number[] = [];
    const rags = ["red", "amber", "green"] as const;
    for (let i = 0; i < (QUICK ? 10 : 60); i++) {
      const id = actionIds[(i * 13) % actionIds.length]!;
      const current = elementById(doc, id).getAttribute("rag");
      const next = rags.find((r) => r !== current)!;
      const started = performance.now();
      doc.transact(() => elementById(doc, id).setAttribute("rag", next));
      await until(async () => {
        const page = await api<ActionPage>(`/api/actions?documentId=${documentId}&rag=${next}&limit=500`);
        return page.actions.some((a) => a.id === id);
      });
      samples.push(performance.now() - started);
    }
    report("edit on a client to its row in GET /api/actions, p50", percentile(samples, 50), "ms");
    report("edit on a client to its row in GET /api/actions, p95", percentile(samples, 95), "ms", 500);
  } finally {
    provider?.destroy();
    // The provider's awareness keeps an interval until its doc is destroyed, which would keep this process alive.
    doc.destroy();
    await server.stop();
    await database.dispose();
  }
}
