/**
 * Issue 14, the deployment: three compiled Trellis processes on one PostgreSQL database and
 * one Redis behind a real HAProxy (the config npm run cluster generates, on ephemeral ports).
 * Editors connect only through HAProxy and type; one process drains on SIGTERM, then the
 * holder of the document's extraction lease is killed with SIGKILL. Nothing any editor was
 * told is Saved is lost, everyone converges, and extraction lists every action once with one
 * history row per RAG change, by whoever made it.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { initProseMirrorDoc } from "@tiptap/y-tiptap";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CollabSession } from "../../../client/src/editor/CollabSession.js";
import { startCluster, type Cluster, type ClusterProcess } from "../../../deploy/cluster.js";
import { ensureTierScheme } from "../../../server/bootstrap.js";
import { loadDocumentState } from "../../../server/collab/index.js";
import { openDatabase, type Database } from "../../../server/db/client.js";
import { actions, statusHistory } from "../../../server/db/schema/index.js";
import { connectSession, sessionReady } from "../../collab/clients.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../../factories.js";
import { editAsEditor, findBlock, planSchema, pmNode } from "../../progress/editorDocs.js";
import { eventually, signIn } from "../../support.js";

const adminUrl = process.env.TEST_DATABASE_URL as string;
const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const name = `trellis_scale_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
const dbUrl = new URL(adminUrl);
dbUrl.pathname = `/${name}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });

let database: Database;
let cluster: Cluster;
let documentId: string;
let people: { id: string; email: string }[];

beforeAll(async () => {
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  database = await openDatabase({ url: dbUrl.toString(), max: 3 });
  await ensureTierScheme(database.db);
  const school = await buildSchool(database.db);
  people = [
    await buildUser(database.db, { role: "school_leader", schoolId: school.id }),
    await buildUser(database.db, { role: "improvement_champion", schoolId: school.id }),
    await buildUser(database.db, { role: "trust_lead" }),
  ];
  documentId = (await buildDocument(database.db, { schoolId: school.id })).id;
  cluster = await startCluster({
    processes: 3,
    databaseUrl: dbUrl.toString(),
    redisUrl,
    frontPort: 0,
    env: { LOG_LEVEL: "warn", NODE_ENV: "test", REDIS_PREFIX: `${name}:` },
    onOutput: (who, line) => {
      if (who !== "haproxy" || /ALERT/.test(line)) process.stderr.write(`${who} | ${line}\n`);
    },
  });
}, 240_000);

afterAll(async () => {
  await cluster?.stop();
  await database?.close();
  await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}, 60_000);

/** One editor through HAProxy: types tokens into the body, owns one action whose RAG it changes, and notes what was Saved. */
interface Typist {
  who: { id: string; email: string };
  session: CollabSession;
  blockId: string;
  typed: string[];
  /** Tokens typed before some moment the session said Saved. */
  claimed: Set<string>;
  rags: string[];
  /** Close codes of the sockets the server closed. */
  closes: number[];
  stop(): void;
}

async function typist(index: number): Promise<Typist> {
  const who = people[index % people.length]!;
  const cookie = await signIn(cluster.url, who.email, TEST_PASSWORD);
  const session = connectSession(cluster.url, documentId, cookie);
  await sessionReady(session, true, 30_000);
  const blockId = crypto.randomUUID();
  editAsEditor(session.ydoc, (tr, doc) => tr.insert(doc.content.size, pmNode({ type: "action", id: blockId, attrs: { rag: "red" }, text: `Action of typist ${index}` })));
  const t: Typist = { who, session, blockId, typed: [], claimed: new Set(), rags: ["red"], closes: [], stop: () => {} };
  session.provider.on("connection-close", (event) => {
    if (event) t.closes.push(event.code);
  });
  const typing = setInterval(() => {
    const token = `t${index}.${t.typed.length}`;
    t.typed.push(token);
    const body = session.ydoc.getText("body");
    body.insert(body.length, `${token},`);
  }, 40);
  let lastClaim = 0;
  const watch = setInterval(() => {
    if (!session.saved || lastClaim === t.typed.length) return;
    for (let i = lastClaim; i < t.typed.length; i++) t.claimed.add(t.typed[i]!);
    lastClaim = t.typed.length;
  }, 2);
  t.stop = () => {
    clearInterval(typing);
    clearInterval(watch);
  };
  return t;
}

function setRag(t: Typist, rag: string): void {
  editAsEditor(t.session.ydoc, (tr, doc) => {
    const { pos, node } = findBlock(doc, t.blockId);
    tr.setNodeMarkup(pos, undefined, { ...node.attrs, rag });
  });
  t.rags.push(rag);
}

/**
 * Every typist changes its action's RAG through `steps`, the next step only once extraction
 * lists every action at this one: two changes a server receives together (an editor offline
 * for both) are one change to anyone, one process or many. A change extraction never reaches
 * fails here.
 */
async function ragPhase(typists: Typist[], steps: string[]): Promise<void> {
  for (const rag of steps) {
    for (const t of typists) setRag(t, rag);
    await extractedAt(typists, rag);
  }
}

/** Waits until extraction lists every typist's action at `rag`. */
async function extractedAt(typists: Typist[], rag: string): Promise<void> {
  await eventually(async () => {
    const rows = await database.db.select({ blockId: actions.blockId, rag: actions.rag }).from(actions).where(eq(actions.documentId, documentId));
    for (const t of typists) expect(rows.find((r) => r.blockId === t.blockId)?.rag, `${t.blockId} at ${rag}`).toBe(rag);
  }, { timeout: 30_000, interval: 100 });
}

/** The process holding the document's extraction lease, from pg_locks (its lock connection is named with its pid). */
async function leaseHolder(): Promise<ClusterProcess | undefined> {
  const sql = postgres(dbUrl.toString(), { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ app: string }[]>`
      select a.application_name as app from pg_locks l join pg_stat_activity a on a.pid = l.pid
      where l.locktype = 'advisory' and l.granted
        and ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended(${`extract:${documentId}`}, 0)`;
    const pid = Number(rows[0]?.app.split(" ")[1]);
    return cluster.processes.find((p) => p.child.pid === pid && p.child.exitCode === null);
  } finally {
    await sql.end();
  }
}

const tokensOf = (text: string) => new Set(text.split(",").filter(Boolean));

describe("three processes behind HAProxy", () => {
  it("a drain (SIGTERM) and a SIGKILL of the extraction lease holder under typing lose nothing Saved, and extraction counts each change once", async () => {
    const typists: Typist[] = [];
    try {
      for (let i = 0; i < 6; i++) typists.push(await typist(i));
      // Everyone sees everyone's action: the relay carries edits between processes.
      await eventually(() => {
        for (const t of typists) for (const other of typists) expect(() => findBlock(editorPm(t), other.blockId)).not.toThrow();
      }, { timeout: 20_000 });
      // Each action's first RAG is a change of its own, so it is extracted before the next.
      await extractedAt(typists, "red");
      await ragPhase(typists, ["amber"]);

      // A rolling restart of one process: it drains, exits 0, and its editors come back through HAProxy.
      const drained = cluster.processes[2]!;
      drained.child.kill("SIGTERM");
      expect(await drained.exited).toEqual({ code: 0, signal: null });
      // leastconn spread six editors two to a process: the drained one's were told to come back.
      expect(typists.filter((t) => t.closes.includes(1012)).length).toBeGreaterThanOrEqual(1);
      await allConnected(typists);
      await ragPhase(typists, ["green"]);
      await drained.restart();

      // The process extracting the document dies without a word.
      const holder = await eventually(async () => {
        const p = await leaseHolder();
        if (!p) throw new Error("no lease holder yet");
        return p;
      }, { timeout: 10_000 });
      holder.child.kill("SIGKILL");
      expect((await holder.exited).signal).toBe("SIGKILL");
      await allConnected(typists);
      await eventually(async () => expect(await leaseHolder()).toBeDefined(), { timeout: 10_000 });
      await ragPhase(typists, ["amber", "red"]);

      for (const t of typists) t.stop();
      // Everyone converges and everything is confirmed stored.
      await eventually(() => {
        const first = typists[0]!.session.ydoc.getText("body").toString();
        for (const t of typists) {
          expect(t.session.saved).toBe(true);
          expect(t.session.ydoc.getText("body").toString(), convergence(typists)).toBe(first);
        }
      }, { timeout: 30_000 });

      const stored = tokensOf((await loadDocumentState(database.db, documentId)).getText("body").toString());
      let claimed = 0;
      for (const t of typists) {
        claimed += t.claimed.size;
        for (const token of t.claimed) expect(stored.has(token), `${token} was shown as Saved`).toBe(true);
        // Nothing typed is lost either: the editors resent what the killed process had not stored.
        for (const token of t.typed) expect(stored.has(token), `${token} was typed`).toBe(true);
      }
      expect(claimed).toBeGreaterThan(100);

      // Extraction: every action once, at its last RAG, and one history row per change by its author.
      const ids = typists.map((t) => t.blockId);
      await eventually(async () => {
        const rows = await database.db.select().from(actions).where(and(eq(actions.documentId, documentId), inArray(actions.blockId, ids)));
        expect(rows.filter((r) => r.deletedAt === null).map((r) => `${r.blockId}:${r.rag}`).sort()).toEqual(typists.map((t) => `${t.blockId}:${t.rags.at(-1)}`).sort());
      }, { timeout: 15_000 });
      const all = await database.db.select().from(actions).where(eq(actions.documentId, documentId));
      expect(all).toHaveLength(typists.length);
      const history = await database.db.select().from(statusHistory).where(and(eq(statusHistory.documentId, documentId), eq(statusHistory.field, "rag"))).orderBy(asc(statusHistory.id));
      for (const t of typists) {
        const mine = history.filter((h) => h.blockId === t.blockId);
        const expected = t.rags.map((rag, i) => [i === 0 ? null : t.rags[i - 1], rag, t.who.id]);
        expect(mine.map((h) => [h.oldValue, h.newValue, h.changedBy])).toEqual(expected);
      }
    } finally {
      for (const t of typists) {
        t.stop();
        t.session.destroy();
      }
    }
  }, 300_000);
});

const editorPm = (t: Typist) => initProseMirrorDoc(t.session.ydoc.getXmlFragment("default"), planSchema).doc;

/** What each editor lacks of what anyone typed, for a readable failure. */
function convergence(typists: Typist[]): string {
  const lines = typists.map((t, i) => {
    const seen = tokensOf(t.session.ydoc.getText("body").toString());
    const missing = typists.flatMap((o) => o.typed.filter((token) => !seen.has(token)));
    return `typist ${i}: ${seen.size} tokens, lacks ${missing.length} (${missing.slice(0, 6).join(" ")}), closes ${t.closes.join(",")}`;
  });
  return `\n${lines.join("\n")}`;
}

async function allConnected(typists: Typist[]): Promise<void> {
  await eventually(() => {
    for (const t of typists) {
      expect(t.session.state.ended).toBeNull();
      expect(t.session.state.status).toBe("connected");
      expect(t.session.state.synced).toBe(true);
    }
  }, { timeout: 30_000 });
}
