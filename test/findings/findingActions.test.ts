/** A champion turns a peer-review finding into an action in the school's live plan. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { connectClient, synced, type Client } from "../collab/clients.js";
import { apiAs, eventually, signIn, startTestServer } from "../support.js";

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
}

describe("findings to actions", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let champion: ReturnType<typeof apiAs>;
  let governor: ReturnType<typeof apiAs>;
  let outsider: ReturnType<typeof apiAs>;
  let reviewId: string;
  let planId: string;
  let ownerId: string;
  let planClient: Client;
  let reviewClient: Client;
  const findingId = crypto.randomUUID();

  beforeAll(async () => {
    server = await startTestServer();
    const { db } = server.database;
    const school = await buildSchool(db);
    const other = await buildSchool(db);
    reviewId = (await buildDocument(db, { schoolId: school.id, kind: "peer_review" })).id;
    planId = (await buildDocument(db, { schoolId: school.id, kind: "single_plan" })).id;
    const championUser = await buildUser(db, { role: "improvement_champion", schoolId: school.id });
    const championCookie = await signIn(server.url, championUser.email, TEST_PASSWORD);
    champion = apiAs(server.url, championCookie);
    ownerId = (await buildUser(db, { role: "school_leader", schoolId: school.id })).id;
    governor = apiAs(server.url, await signIn(server.url, (await buildUser(db, { role: "governor", schoolId: school.id })).email, TEST_PASSWORD));
    outsider = apiAs(server.url, await signIn(server.url, (await buildUser(db, { role: "improvement_champion", schoolId: other.id })).email, TEST_PASSWORD));

    reviewClient = connectClient(server.url, reviewId, championCookie);
    planClient = connectClient(server.url, planId, championCookie);
    await Promise.all([synced(reviewClient), synced(planClient)]);
    addBlock(reviewClient.doc, "finding", { id: findingId, area: "attendance_behaviour", kind: "development" }, "Leaders do not yet check the impact of attendance actions");
    addBlock(planClient.doc, "priority", { id: crypto.randomUUID(), area: "attendance_behaviour" }, "Attendance");
    addBlock(planClient.doc, "priority", { id: crypto.randomUUID(), area: "curriculum_teaching" }, "Reading");
    await eventually(async () => {
      const state = new Y.Doc();
      Y.applyUpdate(state, await server.collab.documentState(reviewId));
      expect(state.getXmlFragment("default").length).toBe(1);
    });
  });
  afterAll(async () => {
    reviewClient.destroy();
    planClient.destroy();
    await server.closeAll();
  });

  const turn = (who: ReturnType<typeof apiAs>, body: Record<string, unknown>) =>
    who("POST", `/api/documents/${reviewId}/findings/${findingId}/actions`, { planId, owners: [ownerId], due: "2027-02-12", ...body });

  it("inserts the action into the plan's Y.Doc, live in an open editor, under the finding's priority", async () => {
    const res = await turn(champion, {});
    expect(res.status).toBe(201);
    const { actionId } = await res.json();
    await eventually(() => {
      const nodes = planClient.doc.getXmlFragment("default").toArray() as Y.XmlElement[];
      expect(nodes.map((n) => n.nodeName)).toEqual(["priority", "action", "priority"]);
      expect(nodes[1]!.getAttributes()).toMatchObject({ id: actionId, findingId, owners: [ownerId], due: "2027-02-12" });
    });

    await eventually(async () => {
      const { actions } = await (await champion("GET", `/api/actions?documentId=${planId}`)).json();
      expect(actions).toEqual([expect.objectContaining({ id: actionId, findingId, area: "attendance_behaviour" })]);
    });
  });

  it("the review's report shows each finding with its linked actions and their RAG", async () => {
    await eventually(async () => {
      const { findings } = await (await governor("GET", `/api/documents/${reviewId}/findings`)).json();
      expect(findings).toEqual([
        expect.objectContaining({
          id: findingId, kind: "development", summary: { actions: 1, complete: 0, red: 0 },
          actions: [expect.objectContaining({ rag: "none", status: "not_started", owners: [{ id: ownerId, name: expect.any(String) }], link: expect.stringContaining(`/documents/${planId}#block-`) })],
        }),
      ]);
    });
  });

  it("links the action to the target the champion chose, and to none when none was chosen", async () => {
    const targetId = crypto.randomUUID();
    const fragment = planClient.doc.getXmlFragment("default");
    planClient.doc.transact(() => {
      const el = new Y.XmlElement("target");
      fragment.insert(fragment.length - 1, [el]);
      el.setAttribute("id", targetId);
      el.insert(0, [new Y.XmlText("Persistent absence below 12%")]);
    });
    await eventually(async () => {
      const state = new Y.Doc();
      Y.applyUpdate(state, await server.collab.documentState(planId));
      expect(state.getXmlFragment("default").length).toBe(4);
    });
    expect((await turn(champion, { targetId: crypto.randomUUID() })).status).toBe(400);
    const linked = (await (await turn(champion, { targetId, text: "Termly attendance impact review" })).json()).actionId;
    const unlinked = (await (await turn(champion, { text: "Governor attendance link visits" })).json()).actionId;
    await eventually(async () => {
      const { actions } = await (await champion("GET", `/api/actions?documentId=${planId}`)).json();
      const byId = new Map(actions.map((a: { id: string }) => [a.id, a]));
      expect(byId.get(linked)).toMatchObject({ target: expect.objectContaining({ id: targetId }) });
      // Placed before the priority's target, so "the target above" cannot claim it either.
      expect(byId.get(unlinked)).toMatchObject({ target: null });
    });
  });

  it("refuses governors, other schools, unknown findings and owners from outside the school", async () => {
    expect((await turn(governor, {})).status).toBe(403);
    expect((await turn(outsider, {})).status).toBe(404);
    expect((await champion("POST", `/api/documents/${reviewId}/findings/${crypto.randomUUID()}/actions`, { planId, owners: [ownerId], due: "2027-02-12" })).status).toBe(404);
    expect((await turn(champion, { owners: [crypto.randomUUID()] })).status).toBe(400);
    expect((await turn(champion, { due: "next week" })).status).toBe(400);
    expect((await turn(champion, { planId: reviewId })).status).toBe(400);
  });
});
