/**
 * Compaction in small statements (issue 10 item 16): the log is read in pages and the snapshot
 * written in chunks, so neither blocks the event loop for long; nothing of the document may
 * change for it, and a compaction that another one overtook must stand down.
 */
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { compactDocument, loadDocumentState } from "../../server/collab/index.js";
import { ensureTierScheme } from "../../server/bootstrap.js";
import { mergeHere } from "../../server/collab/documentStore.js";
import { UpdateLog } from "../../server/collab/UpdateLog.js";
import type { Database } from "../../server/db/client.js";
import { documentSnapshots, documentUpdates } from "../../server/db/schema/index.js";
import { createLogger } from "../../server/logger.js";
import { buildDocument, buildSchool } from "../factories.js";
import { createTestDatabase } from "../support.js";

const PROSE = "Pupils in Year 4 read daily with an adult; the reading lead checks progress each half term. ";

describe("compaction in small statements", () => {
  let database: Database;
  let schoolId: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    await ensureTierScheme(database.db);
    schoolId = (await buildSchool(database.db)).id;
  });
  afterAll(() => database.close());

  const logRows = async (documentId: string) =>
    (await database.db.select({ n: count() }).from(documentUpdates).where(eq(documentUpdates.documentId, documentId)))[0]!.n;

  /** A document whose edits go to the log; `write(n)` adds n paragraph-sized updates. */
  async function loggedDocument() {
    const documentId = (await buildDocument(database.db, { schoolId })).id;
    const log = new UpdateLog(database.db, createLogger("silent"), { flushDelayMs: 0 });
    const doc = new Y.Doc();
    doc.on("update", (u: Uint8Array) => log.append(documentId, u, null));
    const fragment = doc.getXmlFragment("default");
    let written = 0;
    const write = async (n: number) => {
      for (let i = 0; i < n; i++, written++) {
        doc.transact(() => {
          const p = new Y.XmlElement("paragraph");
          const text = new Y.XmlText();
          p.insert(0, [text]);
          fragment.insert(fragment.length, [p]);
          text.insert(0, `${written}. ${PROSE}`);
          if (written % 7 === 0) text.delete(0, 2);
        });
      }
      await log.flush();
    };
    return { documentId, doc, write };
  }

  it("folds a log of many pages into a snapshot of many chunks, and again on top of it, changing nothing", async () => {
    const { documentId, doc, write } = await loggedDocument();
    // 900 rows is several 250-row pages; ~95 KB of state is two 64 KB chunks.
    await write(900);
    expect((await compactDocument(database.db, documentId))?.folded).toBe(900);
    expect(await logRows(documentId)).toBe(0);
    const [first] = await database.db.select().from(documentSnapshots).where(eq(documentSnapshots.documentId, documentId));
    expect(first!.state.byteLength).toBeGreaterThan(64 * 1024);
    expect(Buffer.from(first!.state).equals(Buffer.from((await mergeHere([Y.encodeStateAsUpdate(doc)])).state))).toBe(true);

    await write(300);
    expect((await compactDocument(database.db, documentId))?.folded).toBe(300);
    const loaded = await loadDocumentState(database.db, documentId);
    expect(Y.encodeStateVector(loaded)).toEqual(Y.encodeStateVector(doc));
    expect(loaded.getXmlFragment("default").toString()).toBe(doc.getXmlFragment("default").toString());
  });

  it("a compaction overtaken by another while it merged stands down, and nothing is lost", async () => {
    const { documentId, doc, write } = await loggedDocument();
    await write(400);
    let overtaken = false;
    const slow = compactDocument(database.db, documentId, undefined, async (updates) => {
      // Another compaction folds the same rows (and a few more) while this one merges.
      await write(50);
      const other = await compactDocument(database.db, documentId);
      overtaken = other?.folded === 450;
      return mergeHere(updates);
    });
    expect(await slow).toBeNull();
    expect(overtaken).toBe(true);
    await write(10);
    const loaded = await loadDocumentState(database.db, documentId);
    expect(loaded.getXmlFragment("default").toString()).toBe(doc.getXmlFragment("default").toString());
    expect(await logRows(documentId)).toBe(10);
  });
});
