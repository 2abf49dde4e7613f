/**
 * Rolling a plan forward over real HTTP: open targets and actions are carried with owners, dates,
 * RAG and a carriedFrom link; finished ones stay behind in the closing summary; the tracker lists
 * each carried action once, and the old plan's actions leave it when the new plan is approved.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { ActionPage } from "../../server/progress/apiTypes.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { apiAs, eventually, signIn, startTestServer } from "../support.js";
import { appendNodes, block, waitForBlocks } from "../progress/seedPlans.js";
import { connectClient, synced } from "../collab/clients.js";

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Block = { id: string; type?: string; targetId?: string | null; attrs: Record<string, unknown>; text: string };

describe("rolling a plan forward", () => {
  let server: Server;
  let schoolId: string;
  let oldPlan: string;
  let newPlan: string;
  let leaderCookie: string;
  let leader: ReturnType<typeof apiAs>;
  let lead: ReturnType<typeof apiAs>;
  let governor: ReturnType<typeof apiAs>;
  let headId: string;
  const ids = Object.fromEntries(["P1", "P2", "TOPEN", "TMET", "AOPEN", "ADONE", "ADROP", "ALOOSE"].map((k) => [k, crypto.randomUUID()])) as Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer();
    const { db } = server.database;
    schoolId = (await buildSchool(db)).id;
    const head = await buildUser(db, { role: "school_leader", schoolId });
    headId = head.id;
    const gov = await buildUser(db, { role: "governor", schoolId });
    const trustLead = await buildUser(db, { role: "trust_lead" });
    leaderCookie = await signIn(server.url, head.email, TEST_PASSWORD);
    leader = apiAs(server.url, leaderCookie);
    lead = apiAs(server.url, await signIn(server.url, trustLead.email, TEST_PASSWORD));
    governor = apiAs(server.url, await signIn(server.url, gov.email, TEST_PASSWORD));
    oldPlan = (await buildDocument(db, { schoolId, title: "Single Plan, autumn 2026" })).id;
    await appendNodes(server, oldPlan, [
      block("priority", ids.P1!, "Reading", { area: "curriculum_teaching" }),
      block("target", ids.TOPEN!, "KS2 reading at 80%", { area: "achievement", rag: "amber", owners: [head.id], due: "2027-07-01", current: "62%" }),
      block("action", ids.AOPEN!, "Phonics training", { rag: "red", status: "in_progress", owners: [head.id], due: "2026-12-01", start: "2026-09-10" }),
      block("action", ids.ADONE!, "Buy decodable books", { rag: "blue", status: "complete" }),
      block("target", ids.TMET!, "Library open daily", { area: "achievement", rag: "blue", outcome: "met" }),
      block("priority", ids.P2!, "Attendance", { area: "attendance_behaviour" }),
      block("action", ids.ADROP!, "Breakfast club pilot", { rag: "none", status: "dropped" }),
      block("action", ids.ALOOSE!, "First-day calling", { rag: "amber", status: "not_started", due: "2027-01-15" }),
    ], head.id);
    await waitForBlocks(server, leaderCookie, oldPlan, (blocks) => expect(blocks).toHaveLength(8));
  });
  afterAll(() => server.closeAll());

  it("carries open items with their links, owners, dates and RAG, and leaves finished ones in the closing summary", async () => {
    expect((await governor("POST", `/api/documents/${oldPlan}/roll-forward`, { term: "spring", academicYear: "2026/27" })).status).toBe(403);
    expect((await leader("POST", `/api/documents/${oldPlan}/roll-forward`, { term: "autumn", academicYear: "2026/27" })).status).toBe(400);
    expect((await leader("POST", `/api/documents/${oldPlan}/roll-forward`, { term: "winter", academicYear: "2026/27" })).status).toBe(400);

    const res = await leader("POST", `/api/documents/${oldPlan}/roll-forward`, { term: "spring", academicYear: "2026/27" });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { document: { id: string; term: string }; carried: number; closed: { id: string }[] };
    newPlan = body.document.id;
    expect(body.document.term).toBe("spring");
    expect(body.carried).toBe(3);
    expect(body.closed.map((c) => c.id).sort()).toEqual([ids.ADONE, ids.TMET, ids.ADROP].sort());

    let carried: Block[] = [];
    // Every block of the new plan, priorities included, not only the carried ones: extraction may be part-way.
    await waitForBlocks(server, leaderCookie, newPlan, (blocks) => {
      carried = blocks as Block[];
      expect(blocks.filter((b) => b.attrs.carriedFrom)).toHaveLength(3);
      expect(blocks.map((b) => b.text)).toEqual(["Reading", "KS2 reading at 80%", "Phonics training", "Attendance", "First-day calling"]);
    });
    const from = (id: string) => carried.find((b) => b.attrs.carriedFrom === id);
    expect(from(ids.TOPEN!)).toMatchObject({ text: "KS2 reading at 80%", attrs: expect.objectContaining({ rag: "amber", owners: [headId], due: "2027-07-01", current: "62%" }) });
    expect(from(ids.AOPEN!)).toMatchObject({ attrs: expect.objectContaining({ rag: "red", status: "in_progress", owners: [headId], due: "2026-12-01", start: "2026-09-10" }) });
    expect(from(ids.AOPEN!)!.targetId).toBe(from(ids.TOPEN!)!.id);
    expect(from(ids.ALOOSE!)).toBeTruthy();
    expect(from(ids.ADONE!)).toBeUndefined();
    expect(from(ids.TMET!)).toBeUndefined();
    expect(carried.map((b) => b.text)).toEqual(["Reading", "KS2 reading at 80%", "Phonics training", "Attendance", "First-day calling"]);

    const summary = (await (await governor("GET", `/api/documents/${oldPlan}/roll-forward`)).json()) as { carriedInto: { documentId: string; closed: unknown[] } };
    expect(summary.carriedInto).toMatchObject({ documentId: newPlan });
    expect(summary.carriedInto.closed).toHaveLength(3);
    expect((await leader("POST", `/api/documents/${oldPlan}/roll-forward`, { term: "summer", academicYear: "2026/27" })).status).toBe(409);
  });

  it("lists each carried action once in /api/actions, and drops the old plan's when the new one is approved", async () => {
    await eventually(async () => {
      const page = (await (await leader("GET", `/api/actions?documentId=${newPlan}`)).json()) as ActionPage;
      expect(page.actions.map((r) => r.text).sort()).toEqual(["First-day calling", "Phonics training"]);
    });
    const before = (await (await leader("GET", `/api/actions?schoolId=${schoolId}`)).json()) as ActionPage;
    expect(before.actions.filter((r) => r.document.id === oldPlan)).toHaveLength(4);

    expect((await leader("POST", `/api/documents/${newPlan}/status`, { status: "in_review" })).status).toBe(200);
    const approved = await lead("POST", `/api/documents/${newPlan}/status`, { status: "approved", approvalBody: "lgb", approvedOn: "2026-11-30" });
    expect(approved.status).toBe(200);

    const oldDoc = (await (await leader("GET", `/api/documents/${oldPlan}`)).json()) as { document?: { status: string }; status?: string };
    expect(oldDoc.document?.status ?? oldDoc.status).toBe("archived");
    const after = (await (await leader("GET", `/api/actions?schoolId=${schoolId}`)).json()) as ActionPage;
    expect(after.actions.filter((r) => r.document.id === oldPlan)).toHaveLength(0);
    expect(after.actions.filter((r) => r.document.id === newPlan).map((r) => r.text).sort()).toEqual(["First-day calling", "Phonics training"]);
  });

  it("stores the new plan whole with its row, so an editor opening it at once gets every block, and each action is listed once", async () => {
    const source = (await buildDocument(server.database.db, { schoolId, title: "Single Plan, spring 2027" })).id;
    const actionIds = Array.from({ length: 30 }, () => crypto.randomUUID());
    await appendNodes(server, source, actionIds.map((id, i) => block("action", id, `Action ${i}`, { rag: "amber", status: "in_progress", owners: [headId] })), headId);
    await waitForBlocks(server, leaderCookie, source, (blocks) => expect(blocks).toHaveLength(30));

    const res = await leader("POST", `/api/documents/${source}/roll-forward`, { term: "summer", academicYear: "2026/27" });
    expect(res.status).toBe(201);
    const rolled = (await res.json()) as { document: { id: string } };
    // Straight away, while its rows are still being extracted: the room loads the stored plan.
    const client = connectClient(server.url, rolled.document.id, leaderCookie);
    try {
      await synced(client);
      const fragment = client.doc.getXmlFragment("default");
      const carriedFrom = [...fragment.createTreeWalker((n) => n instanceof Y.XmlElement && n.nodeName === "action")].map((n) => (n as Y.XmlElement).getAttribute("carriedFrom"));
      expect(carriedFrom.sort()).toEqual([...actionIds].sort());
      await eventually(async () => {
        const page = (await (await leader("GET", `/api/actions?documentId=${rolled.document.id}`)).json()) as ActionPage;
        expect(page.actions.map((r) => r.text).sort()).toEqual(actionIds.map((_, i) => `Action ${i}`).sort());
      });
    } finally {
      client.destroy();
    }
  });
});
