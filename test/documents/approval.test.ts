/** Review and approval over a live socket: approval locks the document, a new revision unlocks it. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { insertFindingAction } from "../../server/findings/actionInserter.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { connectClient, synced, type Client } from "../collab/clients.js";
import { apiAs, eventually, signIn, startTestServer } from "../support.js";

/** Adds a block the way the editor stores it. */
function addBlock(doc: Y.Doc, type: string, attrs: Record<string, unknown>, text: string) {
  const el = new Y.XmlElement(type);
  doc.transact(() => {
    const fragment = doc.getXmlFragment("default");
    fragment.insert(fragment.length, [el]);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v as string);
    const t = new Y.XmlText();
    el.insert(0, [t]);
    t.insert(0, text);
  });
  return el;
}

const paragraphs = (doc: Y.Doc) => doc.getXmlFragment("default").toArray().filter((n) => (n as Y.XmlElement).nodeName === "paragraph").length;

describe("review and approval", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let head: ReturnType<typeof apiAs>;
  let headCookie: string;
  let governor: ReturnType<typeof apiAs>;
  let documentId: string;
  let client: Client;
  const ids = { keep: crypto.randomUUID(), drop: crypto.randomUUID(), target: crypto.randomUUID(), priority: crypto.randomUUID() };

  beforeAll(async () => {
    server = await startTestServer();
    const { db } = server.database;
    const school = await buildSchool(db);
    documentId = (await buildDocument(db, { schoolId: school.id, kind: "adp" })).id;
    const headUser = await buildUser(db, { role: "school_leader", schoolId: school.id });
    headCookie = await signIn(server.url, headUser.email, TEST_PASSWORD);
    head = apiAs(server.url, headCookie);
    governor = apiAs(server.url, await signIn(server.url, (await buildUser(db, { role: "governor", schoolId: school.id })).email, TEST_PASSWORD));
    client = connectClient(server.url, documentId, headCookie);
    await synced(client);
    addBlock(client.doc, "priority", { id: ids.priority, area: "attendance_behaviour" }, "Attendance");
    addBlock(client.doc, "target", { id: ids.target, rag: "amber", current: "18%" }, "Persistent absence below 12%");
    addBlock(client.doc, "action", { id: ids.keep, rag: "amber", due: "2026-12-12", owners: [headUser.id] }, "First-day calling");
    addBlock(client.doc, "action", { id: ids.drop, rag: "red" }, "Weekly attendance assembly");
  });
  afterAll(async () => {
    client.destroy();
    await server.closeAll();
  });

  it("moves draft → in review, and refuses moves that make no sense or that the role may not make", async () => {
    expect((await governor("POST", `/api/documents/${documentId}/status`, { status: "in_review" })).status).toBe(403);
    expect((await head("POST", `/api/documents/${documentId}/status`, { status: "in_review" })).status).toBe(200);
    expect((await head("POST", `/api/documents/${documentId}/status`, { status: "approved" })).status).toBe(400);
    expect((await head("POST", `/api/documents/${documentId}/status`, { status: "published" })).status).toBe(400);
  });

  it("approval takes a named version, locks the socket and refuses an editor's update", async () => {
    await eventually(async () => {
      const state = await server.collab.documentState(documentId);
      const check = new Y.Doc();
      Y.applyUpdate(check, state);
      expect(check.getXmlFragment("default").length).toBe(4);
    });
    // The board approves, not the head (issue 12): the head's attempt is refused.
    expect((await head("POST", `/api/documents/${documentId}/status`, { status: "approved", approvalBody: "lgb", approvedOn: "2026-11-20" })).status).toBe(403);
    const res = await governor("POST", `/api/documents/${documentId}/status`, { status: "approved", approvalBody: "lgb", approvedOn: "2026-11-20" });
    expect(res.status).toBe(200);
    const { versionId } = await res.json();
    expect(versionId).toEqual(expect.any(String));

    const { document, abilities } = await (await head("GET", `/api/documents/${documentId}`)).json();
    expect(document.status).toBe("approved");
    expect(abilities.update).toBe(false);

    // The open editor's next update is refused: never applied, stored or broadcast.
    const before = await server.collab.documentState(documentId);
    client.doc.getXmlFragment("default").insert(0, [new Y.XmlElement("paragraph")]);
    await eventually(() => expect(client.denied).toContain("permission denied"));
    const after = new Y.Doc();
    Y.applyUpdate(after, await server.collab.documentState(documentId));
    expect(paragraphs(after)).toBe(0);
    expect(Y.encodeStateVector(after)).toEqual(Y.encodeStateVector((() => { const d = new Y.Doc(); Y.applyUpdate(d, before); return d; })()));

    const { versions } = await (await governor("GET", `/api/documents/${documentId}/versions`)).json();
    expect(versions).toEqual([expect.objectContaining({ id: versionId, approvalBody: "lgb", approvedOn: "2026-11-20", name: expect.stringContaining("Local Governing Board") })]);
    const { version } = await (await governor("GET", `/api/documents/${documentId}/versions/${versionId}`)).json();
    const opened = new Y.Doc();
    Y.applyUpdate(opened, new Uint8Array(Buffer.from(version.state, "base64")));
    expect(opened.getXmlFragment("default").length).toBe(4);
    expect(version.blocks.map((b: { id: string }) => b.id)).toEqual(expect.arrayContaining([ids.keep, ids.drop, ids.target]));
  });

  it("a new revision unlocks the document, the approved version stays viewable, and changes since approval are listed", async () => {
    client.destroy();
    expect((await head("POST", `/api/documents/${documentId}/status`, { status: "draft" })).status).toBe(200);
    client = connectClient(server.url, documentId, headCookie);
    await synced(client);
    expect(paragraphs(client.doc)).toBe(0);

    // A scripted set of edits: one RAG and date change, one action removed, one added, the
    // priority reworded and a section of prose written above it.
    const fragment = client.doc.getXmlFragment("default");
    const byId = (id: string) => fragment.toArray().find((n) => (n as Y.XmlElement).getAttribute("id") === id) as Y.XmlElement;
    client.doc.transact(() => {
      byId(ids.keep).setAttribute("rag", "green");
      byId(ids.keep).setAttribute("due", "2027-01-15");
      fragment.delete(fragment.toArray().indexOf(byId(ids.drop)), 1);
      (byId(ids.priority).get(0) as Y.XmlText).insert("Attendance".length, " and punctuality");
      const heading = new Y.XmlElement("heading");
      const paragraph = new Y.XmlElement("paragraph");
      fragment.insert(0, [heading, paragraph]);
      heading.setAttribute("level", 2 as unknown as string);
      heading.insert(0, [new Y.XmlText("Our context")]);
      paragraph.insert(0, [new Y.XmlText("Pupils often join us mid-year.")]);
    });
    insertFindingAction(client.doc, { id: crypto.randomUUID(), findingId: crypto.randomUUID(), text: "Attendance officer home visits", owners: [], due: null, area: "attendance_behaviour" });

    await eventually(async () => {
      const { changes } = await (await governor("GET", `/api/documents/${documentId}/changes`)).json();
      expect(changes).toEqual([
        { id: ids.priority, type: "priority", text: "Attendance and punctuality", change: "changed", fields: [{ field: "text", from: "Attendance", to: "Attendance and punctuality" }] },
        // A finding's action that serves no target sits just under its priority, above the targets.
        expect.objectContaining({ type: "action", text: "Attendance officer home visits", change: "added" }),
        { id: ids.keep, type: "action", text: "First-day calling", change: "changed", fields: [{ field: "rag", from: "amber", to: "green" }, { field: "due", from: "2026-12-12", to: "2027-01-15" }] },
        { id: ids.drop, type: "action", text: "Weekly attendance assembly", change: "removed", fields: [] },
        { id: "prose:Our context#1", type: "prose", text: "Our context", change: "added", fields: [{ field: "text", from: null, to: "Pupils often join us mid-year." }] },
      ]);
    });
    expect((await governor("GET", `/api/documents/${documentId}/versions`)).status).toBe(200);
  });

  it("records approval and status changes in the audit log", async () => {
    const { db } = server.database;
    const admin = apiAs(server.url, await signIn(server.url, (await buildUser(db, { role: "trust_admin" })).email, TEST_PASSWORD));
    const approved = await (await admin("GET", "/api/audit?action=document.approved")).json();
    expect(approved.entries[0]).toMatchObject({ subjectId: documentId, details: { approvalBody: "lgb", from: "in_review" } });
    const moves = await (await admin("GET", "/api/audit?action=document.status_changed")).json();
    expect(moves.entries.map((e: { details: { status: string } }) => e.details.status)).toEqual(["draft", "in_review"]);
  });
});
