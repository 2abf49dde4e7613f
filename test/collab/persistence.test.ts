/** The update log: group commit within 100 ms, compaction that changes nothing a user could see. */
import { count, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { compactDocument, loadDocumentState } from "../../server/collab/index.js";
import { UpdateLog } from "../../server/collab/UpdateLog.js";
import { documentSnapshots, documentUpdates } from "../../server/db/schema/index.js";
import { createLogger } from "../../server/logger.js";
import { eventually } from "../support.js";
import { connectClient, synced, type Client } from "./clients.js";
import { collabStage, type Person } from "./fixture.js";

const THRESHOLD = 40;

describe("the update log", () => {
  let stage: Awaited<ReturnType<typeof collabStage>>;
  let leader: Person;
  const clients: Client[] = [];
  const silent = createLogger("silent");

  beforeAll(async () => {
    stage = await collabStage({ COLLAB_COMPACT_THRESHOLD: THRESHOLD });
    leader = await stage.person("school_leader");
  });
  // Each WebsocketProvider holds a process "exit" listener until destroyed: free them per test.
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });
  afterAll(() => stage.server.closeAll());

  const logRows = async (documentId: string) =>
    (await stage.db.select({ n: count() }).from(documentUpdates).where(eq(documentUpdates.documentId, documentId)))[0]!.n;

  it("stores every accepted update within 100 ms, batching a burst into few inserts", async () => {
    const documentId = await stage.newDocument();
    const c = connectClient(stage.server.url, documentId, leader.cookie);
    clients.push(c);
    await synced(c);
    c.text.insert(0, "x");
    const started = performance.now();
    await eventually(async () => expect(await logRows(documentId)).toBe(1), { interval: 5 });
    expect(performance.now() - started).toBeLessThan(100);

    for (let i = 0; i < 30; i++) c.text.insert(c.text.length, String(i % 10));
    await eventually(async () => expect(await logRows(documentId)).toBe(31), { interval: 5 });
    const stored = await loadDocumentState(stage.db, documentId);
    expect(stored.getText("body").toString()).toBe(c.text.toString());
  });

  it("group commit: one flush stores updates of many documents, each row tagged with its user", async () => {
    const log = new UpdateLog(stage.db, silent, { flushDelayMs: 50 });
    const ids = [await stage.newDocument(), await stage.newDocument(), await stage.newDocument()];
    for (const id of ids) {
      const doc = new Y.Doc();
      doc.on("update", (u: Uint8Array) => log.append(id, u, leader.id));
      doc.getText("body").insert(0, `text of ${id}`);
    }
    expect(log.pending).toBe(3);
    await log.flush();
    expect(log.pending).toBe(0);
    for (const id of ids) {
      expect((await loadDocumentState(stage.db, id)).getText("body").toString()).toBe(`text of ${id}`);
      const [row] = await stage.db.select({ userId: documentUpdates.userId }).from(documentUpdates).where(eq(documentUpdates.documentId, id));
      expect(row?.userId).toBe(leader.id);
    }
  });

  it("compaction leaves the state vector and the content exactly as they were", async () => {
    const documentId = await stage.newDocument();
    const log = new UpdateLog(stage.db, silent);
    const doc = new Y.Doc();
    let emitted = 0;
    doc.on("update", (u: Uint8Array) => {
      emitted++;
      log.append(documentId, u, null);
    });
    const text = doc.getText("body");
    const fragment = doc.getXmlFragment("default");
    for (let i = 0; i < 200; i++) {
      text.insert(text.length, "typing ");
      if (i % 7 === 0) text.delete(0, 3);
      if (i % 20 === 0) fragment.insert(fragment.length, [new Y.XmlElement("paragraph")]);
      if (i % 13 === 0) doc.getMap("meta").set(`k${i % 3}`, i);
    }
    await log.flush();
    const before = await loadDocumentState(stage.db, documentId);

    const result = await compactDocument(stage.db, documentId);
    expect(result?.folded).toBe(emitted);
    expect(await logRows(documentId)).toBe(0);
    const after = await loadDocumentState(stage.db, documentId);
    expect(Y.encodeStateVector(after)).toEqual(Y.encodeStateVector(before));
    expect(after.getText("body").toString()).toBe(text.toString());
    expect(after.getXmlFragment("default").toString()).toBe(fragment.toString());
    expect(after.getMap("meta").toJSON()).toEqual(doc.getMap("meta").toJSON());
    // Deleted content is garbage-collected, so the snapshot is no bigger than the state itself.
    const [snapshot] = await stage.db.select().from(documentSnapshots).where(eq(documentSnapshots.documentId, documentId));
    expect(snapshot!.state.byteLength).toBeLessThanOrEqual(Y.encodeStateAsUpdate(doc).byteLength);

    // Edits after compaction land in the tail and load on top of the snapshot.
    text.insert(0, "after. ");
    await log.flush();
    expect((await loadDocumentState(stage.db, documentId)).getText("body").toString()).toBe(text.toString());
  });

  it("an update appended while compaction runs is never lost", async () => {
    const documentId = await stage.newDocument();
    const log = new UpdateLog(stage.db, silent, { flushDelayMs: 0 });
    const doc = new Y.Doc();
    doc.on("update", (u: Uint8Array) => log.append(documentId, u, null));
    for (let i = 0; i < 100; i++) doc.getText("body").insert(0, "z");
    await log.flush();
    const compaction = compactDocument(stage.db, documentId);
    const during: Promise<void>[] = [];
    for (let i = 0; i < 20; i++) {
      doc.getText("body").insert(0, "w");
      during.push(log.flush());
    }
    await Promise.all([compaction, ...during]);
    await compactDocument(stage.db, documentId);
    const loaded = await loadDocumentState(stage.db, documentId);
    expect(loaded.getText("body").toString()).toBe(doc.getText("body").toString());
  });

  it("a live room compacts past the threshold, and clients see no difference", async () => {
    const documentId = await stage.newDocument();
    const c = connectClient(stage.server.url, documentId, leader.cookie);
    clients.push(c);
    await synced(c);
    for (let i = 0; i < THRESHOLD * 3; i++) c.text.insert(c.text.length, "k");
    await eventually(async () => {
      const [snapshot] = await stage.db.select().from(documentSnapshots).where(eq(documentSnapshots.documentId, documentId));
      expect(snapshot).toBeDefined();
      expect(await logRows(documentId)).toBeLessThanOrEqual(THRESHOLD);
    }, { timeout: 20_000 });
    await stage.server.collab.flushAll();
    const stored = await loadDocumentState(stage.db, documentId);
    expect(stored.getText("body").toString()).toBe("k".repeat(THRESHOLD * 3));
    expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(c.doc));
    const newcomer = connectClient(stage.server.url, documentId, leader.cookie);
    clients.push(newcomer);
    await synced(newcomer);
    await eventually(() => expect(newcomer.text.toString()).toBe(c.text.toString()));
  });
});
