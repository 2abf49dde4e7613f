/** Sign-off over HTTP: the board records approval with its meeting, a head cannot, request changes sends a plan back. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commentThreads } from "../../server/db/schema/index.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { apiAs, signIn, startTestServer } from "../support.js";

describe("governing-board sign-off", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const as: Record<string, ReturnType<typeof apiAs>> = {};
  let schoolId: string;
  let tier4SchoolId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const { db } = server.database;
    schoolId = (await buildSchool(db, { tier: 2 })).id;
    tier4SchoolId = (await buildSchool(db, { tier: 4 })).id;
    const people = {
      head: await buildUser(db, { role: "school_leader", schoolId, name: "Asha Patel" }),
      governor: await buildUser(db, { role: "governor", schoolId, name: "Gwen Ford" }),
      head4: await buildUser(db, { role: "school_leader", schoolId: tier4SchoolId }),
      governor4: await buildUser(db, { role: "governor", schoolId: tier4SchoolId }),
      trustee: await buildUser(db, { role: "trustee", name: "Tom Trustee" }),
      lead: await buildUser(db, { role: "trust_lead" }),
    };
    for (const [k, u] of Object.entries(people)) as[k] = apiAs(server.url, await signIn(server.url, u.email, TEST_PASSWORD));
  });
  afterAll(() => server.closeAll());

  const status = (who: string, id: string, body: unknown) => as[who]!("POST", `/api/documents/${id}/status`, body);
  const approval = { status: "approved", approvalBody: "lgb", approvedOn: "2026-11-20", minuteReference: "LGB 2026/11 item 4" };

  it("a head's approval is refused (403) and the button is not offered; the governor's is", async () => {
    const id = (await buildDocument(server.database.db, { schoolId, status: "in_review" })).id;
    const headView = await (await as.head!("GET", `/api/documents/${id}`)).json();
    expect(headView.abilities).toMatchObject({ approve: false, review: true });
    expect(headView.document.approvalBody).toBe("lgb");
    expect((await as.governor!("GET", `/api/documents/${id}`)).status).toBe(200);
    expect((await (await as.governor!("GET", `/api/documents/${id}`)).json()).abilities).toMatchObject({ approve: true, requestChanges: true, update: false });
    const refused = await status("head", id, approval);
    expect(refused.status).toBe(403);
  });

  it("the governor's approval, with the meeting's date and minute, locks the document and shows who, what body, when and which minute", async () => {
    const id = (await buildDocument(server.database.db, { schoolId, status: "in_review" })).id;
    const res = await status("governor", id, approval);
    expect(res.status).toBe(200);
    const { document, abilities } = await (await as.head!("GET", `/api/documents/${id}`)).json();
    expect(document.status).toBe("approved");
    expect(abilities.update).toBe(false);
    expect(document.approval).toMatchObject({
      approvalBody: "lgb", approvalBodyLabel: "Local Governing Board", approvedOn: "2026-11-20", minuteReference: "LGB 2026/11 item 4",
      recordedBy: { name: "Gwen Ford" }, openThreads: 0, openWarnings: 0,
    });
    const { versions } = await (await as.head!("GET", `/api/documents/${id}/versions`)).json();
    expect(versions[0]).toMatchObject({ approvalBody: "lgb", approvedOn: "2026-11-20", minuteReference: "LGB 2026/11 item 4", approvedBy: { name: "Gwen Ford" } });
    // The head hears of it.
    const { notifications } = await (await as.head!("GET", "/api/notifications")).json();
    expect(notifications.find((n: { kind: string; documentId: string }) => n.kind === "plan_status" && n.documentId === id)).toMatchObject({ title: expect.stringContaining("approved by the Local Governing Board") });
  });

  it("refuses a meeting date that is not a real date or is in the future, a body that does not fit, and a draft not yet submitted", async () => {
    const id = (await buildDocument(server.database.db, { schoolId, status: "in_review" })).id;
    expect((await status("governor", id, { ...approval, approvedOn: "2026-02-31" })).status).toBe(400);
    expect((await status("governor", id, { ...approval, approvedOn: "2999-01-01" })).status).toBe(422);
    const wrong = await status("governor", id, { ...approval, approvalBody: "trust_board" });
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).error.code).toBe("wrong_approval_body");
    const draft = (await buildDocument(server.database.db, { schoolId, status: "draft" })).id;
    expect((await status("governor", draft, approval)).status).toBe(409);
  });

  it("request changes returns the plan to draft, with a note its leaders are told", async () => {
    const id = (await buildDocument(server.database.db, { schoolId, status: "in_review", title: "ADP 2026/27" })).id;
    const res = await status("governor", id, { status: "draft", note: "Add a target for persistent absence." });
    expect(res.status).toBe(200);
    expect((await (await as.head!("GET", `/api/documents/${id}`)).json()).document.status).toBe("draft");
    const { notifications } = await (await as.head!("GET", "/api/notifications")).json();
    expect(notifications.find((n: { documentId: string }) => n.documentId === id)).toMatchObject({
      kind: "plan_status", title: "Gwen Ford sent ADP 2026/27 back for changes", excerpt: "Add a target for persistent absence.",
    });
  });

  it("approval records the open threads and block warnings it was given over", async () => {
    const id = (await buildDocument(server.database.db, { schoolId, status: "in_review" })).id;
    const [thread] = await server.database.db.insert(commentThreads).values({ documentId: id, anchorFrom: "AA==", anchorTo: "AA==", quote: "95%" }).returning();
    const threadId = thread!.id;
    const check = await (await as.governor!("GET", `/api/documents/${id}/approval-check`)).json();
    expect(check).toMatchObject({ approvalBody: "lgb", openThreads: [{ id: threadId, quote: "95%" }], warnings: [] });
    expect((await status("governor", id, approval)).status).toBe(200);
    expect((await (await as.head!("GET", `/api/documents/${id}`)).json()).document.approval).toMatchObject({ openThreads: 1, openWarnings: 0 });
  });

  it("a trust-led plan (tier 4, or an action plan) needs a trust lead or trustee, for the Trust Board", async () => {
    const tier4 = (await buildDocument(server.database.db, { schoolId: tier4SchoolId, status: "in_review" })).id;
    expect((await (await as.governor4!("GET", `/api/documents/${tier4}`)).json()).document.approvalBody).toBe("trust_board");
    expect((await status("governor4", tier4, { ...approval, approvalBody: "trust_board" })).status).toBe(403);
    expect((await status("head4", tier4, { ...approval, approvalBody: "trust_board" })).status).toBe(403);
    expect((await status("trustee", tier4, { ...approval, approvalBody: "lgb" })).status).toBe(422);
    expect((await status("trustee", tier4, { ...approval, approvalBody: "trust_board" })).status).toBe(200);

    const actionPlan = (await buildDocument(server.database.db, { schoolId, kind: "action_plan", status: "in_review" })).id;
    expect((await status("governor", actionPlan, { ...approval, approvalBody: "trust_board" })).status).toBe(403);
    expect((await status("lead", actionPlan, { ...approval, approvalBody: "trust_board" })).status).toBe(200);
  });
});
