/** Issue 10, item 12: a findings report shows only its own school's actions. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { apiAs, eventually, signIn, startTestServer } from "../support.js";

function addBlock(doc: Y.Doc, type: string, attrs: Record<string, unknown>, text: string) {
  const el = new Y.XmlElement(type);
  const fragment = doc.getXmlFragment("default");
  fragment.insert(fragment.length, [el]);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v as string);
  const t = new Y.XmlText();
  el.insert(0, [t]);
  t.insert(0, text);
}

describe("findings report scope", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let riversideGovernor: ReturnType<typeof apiAs>;
  let oakfieldHead: ReturnType<typeof apiAs>;
  let reviewId: string;
  let riversidePlanId: string;
  let oakfieldPlanId: string;
  const findingId = crypto.randomUUID();

  beforeAll(async () => {
    server = await startTestServer();
    const { db } = server.database;
    const oakfield = await buildSchool(db, { name: "Oakfield Primary" });
    const riverside = await buildSchool(db, { name: "Riverside Academy" });
    reviewId = (await buildDocument(db, { schoolId: riverside.id, kind: "peer_review" })).id;
    riversidePlanId = (await buildDocument(db, { schoolId: riverside.id })).id;
    oakfieldPlanId = (await buildDocument(db, { schoolId: oakfield.id })).id;
    riversideGovernor = apiAs(server.url, await signIn(server.url, (await buildUser(db, { role: "governor", schoolId: riverside.id })).email, TEST_PASSWORD));
    oakfieldHead = apiAs(server.url, await signIn(server.url, (await buildUser(db, { role: "school_leader", schoolId: oakfield.id })).email, TEST_PASSWORD));

    await server.collab.changeDocument(reviewId, (doc) => addBlock(doc, "finding", { id: findingId, area: "attendance_behaviour", kind: "development" }, "Attendance checks are not followed up"), null);
    await server.collab.changeDocument(riversidePlanId, (doc) => addBlock(doc, "action", { id: crypto.randomUUID(), findingId, rag: "amber" }, "Riverside follows up absences daily"), null);
    // An Oakfield action that carries Riverside's finding id, as a copied block would.
    await server.collab.changeDocument(oakfieldPlanId, (doc) => addBlock(doc, "action", { id: crypto.randomUUID(), findingId, rag: "red" }, "Oakfield secret safeguarding action"), null);
    await eventually(async () => {
      const { actions } = await (await oakfieldHead("GET", `/api/actions?documentId=${oakfieldPlanId}`)).json();
      expect(actions).toHaveLength(1);
      const mine = await (await riversideGovernor("GET", `/api/actions?documentId=${riversidePlanId}`)).json();
      expect(mine.actions).toHaveLength(1);
    }, { timeout: 10_000 });
  });
  afterAll(() => server.closeAll());

  it("a Riverside governor's findings report lists Riverside's action and never Oakfield's", async () => {
    const res = await riversideGovernor("GET", `/api/documents/${reviewId}/findings`);
    expect(res.status).toBe(200);
    const { findings } = await res.json();
    expect(findings).toHaveLength(1);
    expect(findings[0].actions.map((a: { text: string }) => a.text)).toEqual(["Riverside follows up absences daily"]);
    expect(findings[0].summary).toEqual({ actions: 1, complete: 0, red: 0 });
    expect(JSON.stringify(findings)).not.toContain("Oakfield");
    expect(JSON.stringify(findings)).not.toContain(oakfieldPlanId);
  });
});
