/** Extraction from Y.Docs edited the way the editor edits them, into a real database. */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { ensureTierScheme } from "../../server/bootstrap.js";
import type { Database } from "../../server/db/client.js";
import { actions, documentRollups, findings, rollupRedAreas, judgements, priorities, statusHistory, targets } from "../../server/db/schema/index.js";
import { createLogger } from "../../server/logger.js";
import { DocumentExtractor } from "../../server/progress/DocumentExtractor.js";
import { schoolTotals } from "../../server/progress/queries/rollupTotals.js";
import { SchoolPeople } from "../../server/progress/schoolPeople.js";
import { buildDocument, buildSchool, buildUser } from "../factories.js";
import { createTestDatabase, eventually } from "../support.js";
import { para, TestEditor, userOrigin } from "./editorDocs.js";

const id = () => crypto.randomUUID();
const logger = createLogger("silent");

describe("extraction", () => {
  let database: Database;
  let schoolId: string;
  let leader: string;
  let colleague: string;
  let trustLead: string;
  let outsider: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const { db } = database;
    await ensureTierScheme(db);
    schoolId = (await buildSchool(db)).id;
    const other = (await buildSchool(db)).id;
    leader = (await buildUser(db, { role: "school_leader", schoolId })).id;
    colleague = (await buildUser(db, { role: "improvement_champion", schoolId })).id;
    trustLead = (await buildUser(db, { role: "trust_lead" })).id;
    outsider = (await buildUser(db, { role: "school_leader", schoolId: other })).id;
  });
  afterAll(() => database.close());

  /** A fresh document, its server Y.Doc, an editor for `leader`, and a started extractor. */
  async function setup(delayMs = 10) {
    const { db } = database;
    const row = await buildDocument(db, { schoolId });
    const server = new Y.Doc();
    const extractor = new DocumentExtractor({ documentId: row.id, schoolId, doc: server, db, logger, people: new SchoolPeople(db, schoolId), delayMs });
    extractor.start();
    await extractor.flush();
    return { documentId: row.id, server, extractor, editor: new TestEditor(server, leader) };
  }

  const actionRows = (documentId: string) =>
    database.db.select().from(actions).where(eq(actions.documentId, documentId)).orderBy(asc(actions.position));
  const targetRows = (documentId: string) =>
    database.db.select().from(targets).where(eq(targets.documentId, documentId)).orderBy(asc(targets.position));
  const historyRows = (documentId: string) =>
    database.db.select().from(statusHistory).where(eq(statusHistory.documentId, documentId)).orderBy(asc(statusHistory.id));

  it("groups targets and actions by document order, and lets targetId override the target above", async () => {
    const { documentId, editor, extractor } = await setup();
    const [p1, t1, a1, a2, t2, a3, p2, a4, t3, a5] = Array.from({ length: 10 }, id);
    editor.append([
      para("Introduction"),
      { type: "action", id: id(), text: "Before any priority" },
      { type: "priority", id: p1, attrs: { area: "curriculum_teaching" }, text: "Reading" },
      { type: "target", id: t1, attrs: { area: "achievement" }, text: "KS2 reading at 80%" },
      { type: "action", id: a1, text: "Phonics training" },
      para("Some prose between blocks"),
      { type: "action", id: a2, text: "Library audit" },
      { type: "target", id: t2, text: "Reading for pleasure" },
      { type: "action", id: a3, text: "Book clubs" },
      { type: "priority", id: p2, attrs: { area: "attendance_behaviour" }, text: "Attendance" },
      { type: "action", id: a4, text: "First-day calls" },
      { type: "target", id: t3, text: "Persistent absence under 10%" },
      { type: "action", id: a5, attrs: { targetId: t1 }, text: "Linked back to the reading target" },
    ]);
    await extractor.flush();

    const rows = await actionRows(documentId);
    const byId = new Map(rows.map((r) => [r.blockId, r]));
    expect(rows.map((r) => r.text)).toEqual(["Before any priority", "Phonics training", "Library audit", "Book clubs", "First-day calls", "Linked back to the reading target"]);
    expect(rows[0]).toMatchObject({ priorityKey: null, targetKey: null, area: null });
    expect(byId.get(a1)).toMatchObject({ priorityKey: p1, targetKey: t1, area: "achievement" });
    expect(byId.get(a2)).toMatchObject({ priorityKey: p1, targetKey: t1 });
    // t2 has no area of its own: its actions take the priority's.
    expect(byId.get(a3)).toMatchObject({ priorityKey: p1, targetKey: t2, area: "curriculum_teaching" });
    // A new priority starts a new group: a4 does not reach back to t2.
    expect(byId.get(a4)).toMatchObject({ priorityKey: p2, targetKey: null, area: "attendance_behaviour" });
    // targetId overrides the nearest target above (t3), but the priority still follows the order.
    expect(byId.get(a5)).toMatchObject({ priorityKey: p2, targetKey: t1, area: "achievement", warnings: [] });

    const tRows = await targetRows(documentId);
    expect(tRows.map((t) => [t.blockId, t.priorityKey])).toEqual([[t1, p1], [t2, p1], [t3, p2]]);
    const pRows = await database.db.select().from(priorities).where(eq(priorities.documentId, documentId)).orderBy(asc(priorities.position));
    expect(pRows.map((p) => [p.blockId, p.text, p.area])).toEqual([[p1, "Reading", "curriculum_teaching"], [p2, "Attendance", "attendance_behaviour"]]);

    // Moving the grouping: a5's targetId now names a target that is not there; it falls back, with a warning.
    editor.setAttrs(a5, { targetId: id() });
    await extractor.flush();
    const moved = (await actionRows(documentId)).find((r) => r.blockId === a5)!;
    expect(moved.targetKey).toBe(t3);
    expect(moved.warnings.map((w) => w.attribute)).toEqual(["targetId"]);
  });

  it("keeps blocks with invalid attributes, stores the valid fields and records each problem as a warning", async () => {
    const { documentId, editor, extractor } = await setup();
    const a = id();
    const unknownUser = id();
    editor.append([
      {
        type: "action",
        id: a,
        attrs: { rag: "purple", due: "2026-02-30", start: "2026-01-05", status: "complete", owners: [leader, unknownUser, outsider, trustLead, "not-a-uuid"], cost: "£400" },
        text: "Install new reading scheme",
      },
    ]);
    await extractor.flush();
    const [row] = await actionRows(documentId);
    expect(row).toMatchObject({ blockId: a, text: "Install new reading scheme", rag: "none", due: null, start: "2026-01-05", status: "complete", cost: "£400", placeholder: false });
    // Trust-wide staff count as the school's people; the unknown user and the other school's leader do not.
    expect(row!.owners).toEqual([leader, trustLead]);
    const messages = row!.warnings.map((w) => `${w.attribute}: ${w.message}`);
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringMatching(/^rag: /),
      expect.stringMatching(/^due: .*date/),
      "owners: some owners are not valid user ids",
      "owners: some owners are not known users",
      "owners: some owners are not people of this school",
    ]));
    expect(row!.warnings.find((w) => w.message.includes("not known"))!.value).toEqual([unknownUser]);
    expect(row!.warnings.find((w) => w.message.includes("not people"))!.value).toEqual([outsider]);

    // Fixing the attribute clears its warning on the next flush.
    editor.setAttrs(a, { rag: "amber", due: "2026-03-01" });
    await extractor.flush();
    const [fixed] = await actionRows(documentId);
    expect(fixed).toMatchObject({ rag: "amber", due: "2026-03-01" });
    expect(fixed!.warnings.map((w) => w.attribute)).toEqual(["owners", "owners", "owners"]);
  });

  it("never merges two blocks that share an id, and keeps each one's edits apart", async () => {
    const { documentId, editor, extractor } = await setup();
    const shared = id();
    editor.append([
      { type: "action", id: shared, attrs: { rag: "green" }, text: "Original action" },
      { type: "action", id: shared, attrs: { rag: "red" }, text: "Pasted copy" },
    ]);
    await extractor.flush();
    let rows = await actionRows(documentId);
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => [r.blockId, r.text, r.rag])).toEqual([[shared, "Original action", "green"], [shared, "Pasted copy", "red"]]);
    expect(rows[0]!.blockKey).toBe(shared);
    expect(rows[1]!.blockKey).toMatch(new RegExp(`^${shared}:\\d+\\.\\d+$`));
    expect(rows[0]!.warnings).toEqual([]);
    expect(rows[1]!.warnings).toEqual([expect.objectContaining({ attribute: "id", value: shared })]);

    editor.type(shared, " (edited)", 1);
    await extractor.flush();
    rows = await actionRows(documentId);
    expect(rows.map((r) => r.text)).toEqual(["Original action", "Pasted copy (edited)"]);

    // The editor gives the copy a fresh id: its duplicate row goes, a row under the new id comes.
    const fresh = id();
    editor.setAttrs(shared, { id: fresh }, 1);
    await extractor.flush();
    rows = await actionRows(documentId);
    const live = rows.filter((r) => r.deletedAt === null);
    expect(live.map((r) => [r.blockKey, r.text])).toEqual([[shared, "Original action"], [fresh, "Pasted copy (edited)"]]);
    expect(live.every((r) => r.warnings.length === 0)).toBe(true);
  });

  it("soft-deletes blocks that disappear and restores them when they come back", async () => {
    const { documentId, editor, extractor } = await setup();
    const [keep, gone] = [id(), id()];
    editor.append([
      { type: "target", id: keep, text: "Kept target" },
      { type: "target", id: gone, attrs: { rag: "amber" }, text: "Removed target" },
    ]);
    await extractor.flush();
    editor.remove(gone);
    const stats = await extractor.flush();
    expect(stats).toMatchObject({ mode: "walk", written: 0, deleted: 1, history: 0 });
    let rows = await targetRows(documentId);
    expect(rows.find((r) => r.blockId === gone)!.deletedAt).toBeInstanceOf(Date);
    expect(rows.find((r) => r.blockId === keep)!.deletedAt).toBeNull();

    // Undo brings the same block id back: the same row, live again, and no history (its RAG did not change).
    editor.append([{ type: "target", id: gone, attrs: { rag: "amber" }, text: "Removed target" }]);
    const back = await extractor.flush();
    expect(back).toMatchObject({ written: 1, history: 0 });
    rows = await targetRows(documentId);
    expect(rows.filter((r) => r.deletedAt === null).map((r) => r.blockId)).toEqual([keep, gone]);
  });

  it("appends a history row for each change of rag, status, grade and current, with who made it", async () => {
    const { documentId, server, editor, extractor } = await setup();
    const other = new TestEditor(server, colleague);
    const [t, a, j] = [id(), id(), id()];
    editor.append([
      { type: "target", id: t, attrs: { current: "62%", rag: "amber" }, text: "Reading at 80%" },
      { type: "action", id: a, text: "Phonics catch-up" },
      { type: "judgement", id: j, attrs: { framework: "ofsted-2025", area: "achievement" }, text: "Evidence" },
    ]);
    await extractor.flush();
    // A new block starting with a non-default value is history too (old value null); defaults are not.
    let history = await historyRows(documentId);
    expect(history.map((h) => [h.blockKey, h.field, h.oldValue, h.newValue, h.changedBy])).toEqual([
      [t, "rag", null, "amber", leader],
      [t, "current", null, "62%", leader],
    ]);

    other.setAttrs(a, { status: "in_progress", rag: "green" });
    await extractor.flush();
    editor.setAttrs(t, { current: "70%" });
    other.setAttrs(j, { grade: "expected_standard" });
    editor.type(a, " for Year 3"); // text is not tracked
    await extractor.flush();
    other.setAttrs(a, { rag: "red" });
    await extractor.flush();

    history = await historyRows(documentId);
    expect(history.slice(2).map((h) => [h.blockKey, h.blockType, h.field, h.oldValue, h.newValue, h.changedBy])).toEqual([
      [a, "action", "rag", "none", "green", colleague],
      [a, "action", "status", "not_started", "in_progress", colleague],
      [t, "target", "current", "62%", "70%", leader],
      [j, "judgement", "grade", null, "expected_standard", colleague],
      [a, "action", "rag", "green", "red", colleague],
    ]);
    for (const h of history) {
      expect(h.schoolId).toBe(schoolId);
      expect(Date.now() - h.changedAt.getTime()).toBeLessThan(60_000);
    }
    const [judgement] = await database.db.select().from(judgements).where(eq(judgements.documentId, documentId));
    expect(judgement).toMatchObject({ grade: "expected_standard", framework: "ofsted-2025", area: "achievement" });
    expect(judgement!.gradedAt).toBeInstanceOf(Date);
  });

  it("credits each new block's first values to the person who added it, when two people add blocks in one window", async () => {
    const { documentId, server, editor, extractor } = await setup(10_000);
    const other = new TestEditor(server, colleague);
    const [mine, theirs] = [id(), id()];
    editor.append([{ type: "action", id: mine, attrs: { rag: "red" }, text: "Mine" }]);
    other.append([{ type: "action", id: theirs, attrs: { rag: "amber" }, text: "Theirs" }]);
    await extractor.flush();
    const history = await historyRows(documentId);
    expect(history.map((h) => [h.blockKey, h.oldValue, h.newValue, h.changedBy])).toEqual([
      [mine, null, "red", leader],
      [theirs, null, "amber", colleague],
    ]);
  });

  it("is idempotent: extracting again, or from two processes at once, yields the same rows and history", async () => {
    const { documentId, server, editor, extractor } = await setup();
    const [t, a] = [id(), id()];
    editor.append([
      { type: "priority", id: id(), attrs: { area: "inclusion" }, text: "SEND" },
      { type: "target", id: t, attrs: { rag: "red" }, text: "EHCP reviews on time" },
      { type: "action", id: a, attrs: { rag: "amber", owners: [leader] }, text: "Train SENCO" },
      { type: "finding", id: id(), attrs: { area: "inclusion", kind: "strength" }, text: "Strong provision maps" },
    ]);
    await extractor.flush();
    const snapshot = async () => ({
      actions: (await actionRows(documentId)).map(({ updatedAt: _u, createdAt: _c, ...r }) => r),
      targets: (await targetRows(documentId)).map(({ updatedAt: _u, createdAt: _c, ...r }) => r),
      findings: (await database.db.select().from(findings).where(eq(findings.documentId, documentId))).map(({ updatedAt: _u, createdAt: _c, ...r }) => r),
      history: (await historyRows(documentId)).length,
    });
    const before = await snapshot();
    expect(before.history).toBe(2);

    // A second process loading the same document: a full extraction that finds nothing to write.
    const people = new SchoolPeople(database.db, schoolId);
    const fresh = (doc: Y.Doc) => new DocumentExtractor({ documentId, schoolId, doc, db: database.db, logger, people, delayMs: 10 });
    const again = await fresh(server).flush();
    expect(again).toMatchObject({ mode: "walk", blocks: 4, written: 0, deleted: 0, history: 0 });
    expect(await snapshot()).toEqual(before);

    // Two processes hold the same document and both see the same edit; the change is recorded once.
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(server));
    const [x, y] = [fresh(server), fresh(replica)];
    await Promise.all([x.flush(), y.flush()]);
    x.start();
    y.start();
    const update = (() => {
      let captured: Uint8Array | null = null;
      server.once("update", (u: Uint8Array) => (captured = u));
      editor.setAttrs(a, { rag: "green" });
      return captured!;
    })();
    Y.applyUpdate(replica, update, userOrigin(leader));
    const results = await Promise.all([x.flush(), y.flush(), extractor.flush()]);
    expect(results.reduce((n, r) => n + r.history, 0)).toBe(1);
    const after = await snapshot();
    expect(after.history).toBe(3);
    expect(after.actions.map((r) => r.rag)).toEqual(["green"]);
    await Promise.all([x.close(), y.close()]);
  });

  it("follows edits on its own, debounced, and writes only the changed row of a 1,000-block document", async () => {
    const { documentId, server, editor, extractor } = await setup(50);
    const ids = Array.from({ length: 1000 }, id);
    const body = ids.map((blockId, i) =>
      i % 50 === 0
        ? { type: "priority" as const, id: blockId, attrs: { area: "achievement" }, text: `Priority ${i}` }
        : i % 10 === 0
          ? { type: "target" as const, id: blockId, text: `Target ${i}` }
          : { type: "action" as const, id: blockId, attrs: { owners: [leader], due: "2027-01-31" }, text: `Action ${i}` },
    );
    editor.append(body);
    await extractor.flush();
    expect((await actionRows(documentId)).length).toBe(1000 - 20 - 80);

    const target = ids[123]!;
    const changedAt = Date.now();
    editor.setAttrs(target, { rag: "red" });
    // No flush call: the debounce writes it.
    await eventually(async () => {
      const row = (await actionRows(documentId)).find((r) => r.blockId === target)!;
      expect(row.rag).toBe("red");
    });
    expect(Date.now() - changedAt).toBeLessThan(2000);

    editor.setAttrs(ids[456]!, { status: "in_progress" });
    const one = await extractor.flush();
    expect(one).toMatchObject({ mode: "patch", blocks: 1, written: 1, history: 1 });

    // Inserting a block in the middle writes that one row; the others keep their positions.
    const inserted = id();
    editor.insertBefore(ids[500]!, [{ type: "action", id: inserted, text: "A new action" }]);
    const insert = await extractor.flush();
    expect(insert).toMatchObject({ mode: "walk", written: 1, deleted: 0 });
    const rows = await actionRows(documentId);
    const order = rows.map((r) => r.blockId);
    expect(order.indexOf(inserted)).toBe(order.indexOf(ids[499]!) + 1);

    // Typing in a paragraph touches no block: nothing is written.
    editor.append([para("Notes")]);
    await extractor.flush();
    editor.edit((tr, doc) => tr.insertText("more notes", doc.content.size - 1));
    expect(await extractor.flush()).toMatchObject({ written: 0, deleted: 0, history: 0 });
  });

  it("reads text from Y.XmlText children and from nested paragraphs, without marks", async () => {
    const { documentId, server, extractor } = await setup();
    const a = id();
    const b = id();
    server.transact(() => {
      const fragment = server.getXmlFragment("default");
      const nested = new Y.XmlElement("action");
      nested.setAttribute("id", a);
      const p1 = new Y.XmlElement("paragraph");
      const p2 = new Y.XmlElement("paragraph");
      nested.insert(0, [p1, p2]);
      const t1 = new Y.XmlText();
      const t2 = new Y.XmlText();
      p1.insert(0, [t1]);
      p2.insert(0, [t2]);
      t1.insert(0, "First line");
      t2.insert(0, "Second line");
      const marked = new Y.XmlElement("action");
      marked.setAttribute("id", b);
      const text = new Y.XmlText();
      marked.insert(0, [text]);
      text.insert(0, "Plain ");
      text.insert(6, "bold", { bold: {} });
      const list = new Y.XmlElement("bulletList");
      const item = new Y.XmlElement("listItem");
      list.insert(0, [item]);
      const placeholder = new Y.XmlElement("target");
      placeholder.setAttribute("id", id());
      item.insert(0, [placeholder]);
      fragment.insert(0, [nested, marked, list]);
    }, userOrigin(leader));
    await extractor.flush();
    const rows = await actionRows(documentId);
    expect(rows.map((r) => r.text)).toEqual(["First line\nSecond line", "Plain bold"]);
    const [placeholder] = await targetRows(documentId);
    expect(placeholder).toMatchObject({ text: "", placeholder: true });

    // Typing inside a nested paragraph marks the action changed.
    server.transact(() => {
      const t2 = ((server.getXmlFragment("default").get(0) as Y.XmlElement).get(1) as Y.XmlElement).get(0) as Y.XmlText;
      t2.insert(t2.length, ", edited");
    }, userOrigin(leader));
    expect(await extractor.flush()).toMatchObject({ mode: "patch", written: 1 });
    expect((await actionRows(documentId))[0]!.text).toBe("First line\nSecond line, edited");
  });

  it("keeps the document's totals equal to a recount, and leaves them alone for text edits", async () => {
    const { documentId, editor, extractor } = await setup();
    const rollup = async () => (await database.db.select().from(documentRollups).where(eq(documentRollups.documentId, documentId)))[0]!;
    const redAreas = async () =>
      (await database.db.select().from(rollupRedAreas).where(eq(rollupRedAreas.documentId, documentId))).map((r) => [r.blockType, r.area, r.n]);
    const [a1, a2, a3, t1] = [id(), id(), id(), id()];
    editor.append([
      { type: "priority", id: id(), attrs: { area: "achievement" }, text: "Outcomes" },
      { type: "target", id: t1, attrs: { rag: "red" }, text: "Year 6 outcomes" },
      { type: "action", id: a1, attrs: { rag: "red", status: "in_progress", due: "2020-03-01" }, text: "Tutoring" },
      { type: "action", id: a2, attrs: { rag: "amber", status: "complete", due: "2020-03-01" }, text: "Mocks" },
      { type: "action", id: a3, attrs: { rag: "red", due: "2099-01-31" }, text: "" },
    ]);
    await extractor.flush();
    // a3 is a placeholder: not counted. Red areas come from the grouping (the target has none, so the priority's).
    expect(await rollup()).toMatchObject({
      actionsTotal: 2, actionsRed: 1, actionsAmber: 1, actionsInProgress: 1, actionsComplete: 1, actionsOverdue: 1, nextDue: null,
      targetsTotal: 1, targetsRed: 1,
    });
    expect(await redAreas()).toEqual([["action", "achievement", 1]]);

    editor.type(a3, "Parent meetings");
    editor.setAttrs(a1, { status: "complete", rag: "blue" });
    editor.remove(a2);
    editor.setAttrs(t1, { area: "inclusion" });
    await extractor.flush();
    expect(await rollup()).toMatchObject({
      actionsTotal: 2, actionsRed: 1, actionsBlue: 1, actionsAmber: 0, actionsComplete: 1, actionsNotStarted: 1, actionsOverdue: 0, nextDue: "2099-01-31",
    });
    expect((await redAreas()).sort()).toEqual([["action", "inclusion", 1], ["target", "inclusion", 1]]);

    // Weeks later a3 falls due: the stored count is stale, so the totals count from the rows, then catch up.
    const later = "2099-02-15";
    const recount = async () =>
      Number(
        (
          await database.db
            .select({ n: sql<number>`count(*)` })
            .from(actions)
            .where(and(eq(actions.schoolId, schoolId), isNull(actions.deletedAt), sql`not ${actions.placeholder}`, sql`${actions.status} <> 'complete'`, sql`${actions.due} < ${later}`))
        )[0]!.n,
      );
    const expected = await recount();
    expect(expected).toBeGreaterThan(0);
    expect((await schoolTotals(database.db, later, schoolId)).get(schoolId)!.overdue).toBe(expected);
    await eventually(async () => expect(await rollup()).toMatchObject({ countedOn: later, actionsOverdue: 1, nextDue: null }));
    expect((await schoolTotals(database.db, later, schoolId)).get(schoolId)!.overdue).toBe(expected);

    const before = (await rollup()).updatedAt.getTime();
    editor.type(a1, " for Year 6");
    expect(await extractor.flush()).toMatchObject({ written: 1 });
    expect((await rollup()).updatedAt.getTime()).toBe(before);
  });

  it("writes the pending changes when the room unloads", async () => {
    const { documentId, editor, extractor } = await setup(10_000);
    const a = id();
    editor.append([{ type: "action", id: a, attrs: { rag: "amber" }, text: "Last edit before closing" }]);
    await extractor.close();
    const rows = await database.db.select().from(actions).where(and(eq(actions.documentId, documentId), eq(actions.blockId, a)));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.rag).toBe("amber");
  });
});
