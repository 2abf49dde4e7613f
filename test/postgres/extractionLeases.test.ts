/**
 * Two processes extracting one document on one PostgreSQL database (issue 14). Each "process"
 * here has its own Y.Doc, extractor, lock connection and lease poller; a hand relay carries
 * every update from one doc to the other with its author, as the Redis relay does. Runs only
 * in the postgres project: PGlite is one process's own database.
 */
import { asc, eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { ensureTierScheme } from "../../server/bootstrap.js";
import type { UpdateOrigin } from "../../server/collab/extension.js";
import { DocumentLeases, PostgresLocks } from "../../server/db/advisoryLocks.js";
import { openDatabase, type Database } from "../../server/db/client.js";
import { actions, statusHistory } from "../../server/db/schema/index.js";
import { createLogger } from "../../server/logger.js";
import { DocumentExtractor } from "../../server/progress/DocumentExtractor.js";
import { createProgressExtension } from "../../server/progress/progressExtension.js";
import { SchoolPeople } from "../../server/progress/schoolPeople.js";
import { buildDocument, buildSchool, buildUser } from "../factories.js";
import { TestEditor } from "../progress/editorDocs.js";
import { eventually } from "../support.js";

const url = process.env.TEST_DATABASE_URL as string;
const name = `trellis_lease_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
const admin = postgres(url, { max: 1, onnotice: () => {} });
const dbUrl = new URL(url);
dbUrl.pathname = `/${name}`;
const logger = createLogger("silent");
const RELAYED = Symbol("relayed");

let database: Database;
let schoolId: string;
let alice: string;
let bob: string;

beforeAll(async () => {
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  database = await openDatabase({ url: dbUrl.toString(), max: 6 });
  await ensureTierScheme(database.db);
  schoolId = (await buildSchool(database.db)).id;
  alice = (await buildUser(database.db, { role: "school_leader", schoolId })).id;
  bob = (await buildUser(database.db, { role: "improvement_champion", schoolId })).id;
});

afterAll(async () => {
  await database?.close();
  await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
});

/**
 * Two docs of one document, relayed both ways with the author's origin. `hold(true)` keeps
 * what A sends to B (B lags behind A) until `hold(false)`.
 */
function relayedPair() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  let held: [Uint8Array, UpdateOrigin][] | null = null;
  const relay = (from: Y.Doc, to: Y.Doc, lag: boolean) =>
    from.on("update", (update: Uint8Array, origin: unknown) => {
      if ((origin as { [RELAYED]?: boolean } | null)?.[RELAYED]) return;
      const userId = (origin as UpdateOrigin | null)?.userId ?? null;
      const relayed = { userId, source: "connection", [RELAYED]: true } as UpdateOrigin;
      if (lag && held) held.push([update, relayed]);
      else Y.applyUpdate(to, update, relayed);
    });
  relay(a, b, true);
  relay(b, a, false);
  return {
    a,
    b,
    hold(on: boolean) {
      if (on) held ??= [];
      else {
        const pending = held ?? [];
        held = null;
        for (const [update, origin] of pending) Y.applyUpdate(b, update, origin);
      }
    },
  };
}

const historyOf = (documentId: string) =>
  database.db.select().from(statusHistory).where(eq(statusHistory.documentId, documentId)).orderBy(asc(statusHistory.id));
const actionOf = async (documentId: string) => (await database.db.select().from(actions).where(eq(actions.documentId, documentId)))[0];

describe("two extractors on one document against PostgreSQL", () => {
  it("without leases, both writing after every change still record each RAG change once, with its author (the write compares under an advisory lock)", async () => {
    const documentId = (await buildDocument(database.db, { schoolId })).id;
    const { a, b } = relayedPair();
    const make = (doc: Y.Doc) => new DocumentExtractor({ documentId, schoolId, doc, db: database.db, logger, people: new SchoolPeople(database.db, schoolId), delayMs: 5 });
    const [xa, xb] = [make(a), make(b)];
    xa.start();
    xb.start();
    const onA = new TestEditor(a, alice);
    const onB = new TestEditor(b, bob);
    const blockId = crypto.randomUUID();
    onA.append([{ type: "action", id: blockId, attrs: { rag: "red" }, text: "Phonics training for every teacher" }]);
    await Promise.all([xa.flush(), xb.flush()]);
    const rags = ["amber", "green", "red", "amber", "green", "amber", "red", "green"];
    for (const [i, rag] of rags.entries()) {
      (i % 2 ? onB : onA).setAttrs(blockId, { rag });
      // Both processes hold the change at once and race to write it.
      await Promise.all([xa.flush(), xb.flush()]);
    }
    await Promise.all([xa.close(), xb.close()]);
    const rows = (await historyOf(documentId)).filter((h) => h.field === "rag");
    expect(rows.map((h) => [h.oldValue, h.newValue, h.changedBy])).toEqual([
      [null, "red", alice],
      ...rags.map((rag, i) => [i === 0 ? "red" : rags[i - 1], rag, i % 2 ? bob : alice]),
    ]);
    expect((await actionOf(documentId))?.rag).toBe("green");
  });

  it("with leases, only the holder writes; a lagging process never steps the rows back; when the holder dies the other takes over and keeps the author", async () => {
    const documentId = (await buildDocument(database.db, { schoolId })).id;
    const { a, b, hold } = relayedPair();
    const locksA = new PostgresLocks(dbUrl.toString());
    const locksB = new PostgresLocks(dbUrl.toString());
    const leasesA = new DocumentLeases(locksA, logger, "extract", 100);
    const leasesB = new DocumentLeases(locksB, logger, "extract", 100);
    // A's debounce is long: what it has not written when it "dies" must come from B.
    const extA = createProgressExtension({ db: database.db, logger, leases: leasesA, delayMs: 400 });
    let writesByB = 0;
    const extB = createProgressExtension({ db: database.db, logger, leases: leasesB, delayMs: 5, onWritten: () => void writesByB++ });
    try {
      await extA.onLoad!({ documentId, schoolId, doc: a });
      await extB.onLoad!({ documentId, schoolId, doc: b });
      expect(leasesA.holds(documentId)).toBe(true);
      expect(leasesB.holds(documentId)).toBe(false);

      const onA = new TestEditor(a, alice);
      const onB = new TestEditor(b, bob);
      const blockId = crypto.randomUUID();
      onA.append([{ type: "action", id: blockId, attrs: { rag: "red" }, text: "Attendance calls on the first day" }]);
      await extA.flushAll();
      // B lags: it still has red while A moves to green; B's own edit (its text) reaches A at once.
      hold(true);
      onA.setAttrs(blockId, { rag: "green" });
      await extA.flushAll();
      onB.type(blockId, " of absence");
      await extB.flushAll();
      await extA.flushAll();
      // Had B written its state, the row would be back at red.
      expect(await actionOf(documentId)).toMatchObject({ rag: "green", text: "Attendance calls on the first day of absence", updatedBy: bob });
      expect(writesByB).toBe(0);
      hold(false);

      // A's last change is never written by A: its session ends (a SIGKILL closes it the same way).
      onA.setAttrs(blockId, { rag: "amber" });
      await locksA.close();
      await eventually(() => expect(leasesB.holds(documentId)).toBe(true), { timeout: 5000 });
      // A notices its session is gone and stands down before its debounce would have written.
      await eventually(() => expect(leasesA.holds(documentId)).toBe(false), { timeout: 5000 });
      await eventually(async () => expect((await actionOf(documentId))?.rag).toBe("amber"), { timeout: 5000 });
      expect(writesByB).toBe(1);
      await extA.onUnload!({ documentId, schoolId, doc: a });
      // And then B carries on as the holder.
      onB.setAttrs(blockId, { rag: "red" });
      await extB.flushAll();

      const rows = (await historyOf(documentId)).filter((h) => h.field === "rag");
      expect(rows.map((h) => [h.oldValue, h.newValue, h.changedBy])).toEqual([
        [null, "red", alice],
        ["red", "green", alice],
        ["green", "amber", alice],
        ["amber", "red", bob],
      ]);
    } finally {
      leasesA.close();
      leasesB.close();
      await extB.onUnload!({ documentId, schoolId, doc: b });
      await locksA.close().catch(() => undefined);
      await locksB.close();
    }
  });
});
