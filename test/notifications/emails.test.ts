/**
 * Notifications by email over a real SMTP conversation: smtp-server runs in this process on
 * port 0, SMTP_URL points at it, and each test asserts what arrives (recipient, subject, link).
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { mailOutbox, notificationPreferences, notifications } from "../../server/db/schema/index.js";
import { anchorFor } from "../../shared/comments/anchors.js";
import { connectClient, synced, type Client } from "../collab/clients.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { startSmtp, type TestSmtp } from "../mail/smtpServer.js";
import { apiAs, eventually, signIn, startTestServer } from "../support.js";

const PUBLIC_URL = "http://trellis.example.test";
/** An anchor over some words, encoded as the editor sends it. */
function sampleAnchor() {
  const doc = new Y.Doc();
  const text = new Y.XmlText();
  const p = new Y.XmlElement("paragraph");
  doc.getXmlFragment("default").insert(0, [p]);
  p.insert(0, [text]);
  text.insert(0, "Attendance at 95% by July");
  return anchorFor(text, 14, 17);
}
const linkIn = (body: string, path: string) => expect(body).toContain(`${PUBLIC_URL}${path}`);

describe("notification emails", () => {
  let smtp: TestSmtp;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let schoolId: string;
  let head: { id: string; email: string; name: string };
  let headApi: ReturnType<typeof apiAs>;
  let headCookie: string;
  let governor: { id: string; email: string };
  let governorApi: ReturnType<typeof apiAs>;
  let champion: { id: string; email: string };
  let championApi: ReturnType<typeof apiAs>;
  let documentId: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    smtp = await startSmtp();
    server = await startTestServer({ env: { SMTP_URL: smtp.url, PUBLIC_URL, MAIL_RETRY_MS: 100, MAIL_FROM: "Trellis <trellis@example.test>" } });
    const { db } = server.database;
    schoolId = (await buildSchool(db, { name: "Oakfield Primary" })).id;
    head = await buildUser(db, { role: "school_leader", schoolId, name: "Asha Patel" });
    governor = await buildUser(db, { role: "governor", schoolId, name: "Gwen Ford" });
    champion = await buildUser(db, { role: "improvement_champion", schoolId, name: "Chris Moss" });
    headCookie = await signIn(server.url, head.email, TEST_PASSWORD);
    headApi = apiAs(server.url, headCookie);
    governorApi = apiAs(server.url, await signIn(server.url, governor.email, TEST_PASSWORD));
    championApi = apiAs(server.url, await signIn(server.url, champion.email, TEST_PASSWORD));
    documentId = (await buildDocument(db, { schoolId, title: "Single Plan, autumn 2026", createdBy: head.id })).id;
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server.closeAll();
    await smtp.stop();
  });

  it("becoming an owner of an action: an email at once, linking to the block and to the settings", async () => {
    const client = connectClient(server.url, documentId, headCookie);
    clients.push(client);
    await synced(client);
    const blockId = crypto.randomUUID();
    const el = new Y.XmlElement("action");
    client.doc.transact(() => {
      const fragment = client.doc.getXmlFragment("default");
      fragment.insert(fragment.length, [el]);
      el.setAttribute("id", blockId);
      el.setAttribute("owners", [champion.id] as unknown as string);
      el.setAttribute("due", "2026-12-18");
      const text = new Y.XmlText();
      el.insert(0, [text]);
      text.insert(0, "First-day calling for absent pupils");
    });
    const [mail] = await eventually(() => {
      const got = smtp.to(champion.email);
      expect(got).toHaveLength(1);
      return got;
    });
    expect(mail!.subject).toBe("You are now an owner of the action “First-day calling for absent pupils”");
    linkIn(mail!.body, `/documents/${documentId}#block-${blockId}`);
    linkIn(mail!.body, "/settings/notifications");
    expect(mail!.body).toContain("You get this email because you were made an owner of an action or target");
    // The head made the change and hears nothing of it; the owner also sees it in the app.
    expect(smtp.to(head.email)).toHaveLength(0);
    const { notifications: list } = await (await championApi("GET", "/api/notifications")).json();
    expect(list[0]).toMatchObject({ kind: "ownership", link: `/documents/${documentId}#block-${blockId}`, read: false });

    // Setting the same owner again (a second process seeing the change, an undo and redo) tells nobody twice.
    client.doc.transact(() => el.setAttribute("owners", [] as unknown as string));
    client.doc.transact(() => el.setAttribute("owners", [champion.id] as unknown as string));
    await server.deps.notifier.idle();
    await new Promise((r) => setTimeout(r, 600));
    await server.deps.notifier.idle();
    await server.mail.drain();
    expect(smtp.to(champion.email)).toHaveLength(1);
  });

  it("a reply in a thread someone started: email by their choice (here: at once), with the thread's link", async () => {
    await server.database.db.insert(notificationPreferences).values({ userId: governor.id, kind: "thread_activity", channel: "email" });
    const anchor = sampleAnchor();
    const started = await governorApi("POST", `/api/documents/${documentId}/comments`, { body: "Is 95% attendance realistic by July?", anchor, quote: "95%" });
    expect(started.status).toBe(201);
    const { thread } = await started.json();
    expect((await headApi("POST", `/api/comments/${thread.id}/replies`, { body: "Yes: last year we reached 94.6%." })).status).toBe(201);
    const [mail] = await eventually(() => {
      const got = smtp.to(governor.email);
      expect(got).toHaveLength(1);
      return got;
    });
    expect(mail!.subject).toBe("Asha Patel replied in a thread on Single Plan, autumn 2026");
    linkIn(mail!.body, `/documents/${documentId}#thread-${thread.id}`);
    expect(mail!.body).toContain("Yes: last year we reached 94.6%.");
  });

  it("submission tells the governors; approval tells the head by email (their choice) with the meeting and minute", async () => {
    await server.database.db.insert(notificationPreferences).values({ userId: head.id, kind: "plan_status", channel: "email" });
    expect((await headApi("POST", `/api/documents/${documentId}/status`, { status: "in_review" })).status).toBe(200);
    const { notifications: govList } = await (await governorApi("GET", "/api/notifications")).json();
    expect(govList[0]).toMatchObject({ kind: "review_requested", title: "Single Plan, autumn 2026 awaits the Local Governing Board's review", link: `/documents/${documentId}` });
    await eventually(async () => expect(await server.collab.documentState(documentId)).toBeTruthy());
    const approved = await governorApi("POST", `/api/documents/${documentId}/status`, { status: "approved", approvalBody: "lgb", approvedOn: "2026-11-20", minuteReference: "LGB 2026/11 item 4" });
    expect(approved.status).toBe(200);
    const mail = await eventually(() => {
      const got = smtp.to(head.email).filter((m) => m.subject.includes("approved"));
      expect(got).toHaveLength(1);
      return got[0]!;
    });
    expect(mail.subject).toBe("Single Plan, autumn 2026 was approved by the Local Governing Board");
    expect(mail.body).toContain("Meeting of 20 Nov 2026, minute LGB 2026/11 item 4; recorded by Gwen Ford.");
    linkIn(mail.body, `/documents/${documentId}`);
  });

  it("an invitation is emailed to the invitee, and the admin still gets the link", async () => {
    const admin = await buildUser(server.database.db, { role: "trust_admin", name: "Sam Admin" });
    const adminApi = apiAs(server.url, await signIn(server.url, admin.email, TEST_PASSWORD));
    const res = await adminApi("POST", "/api/invitations", { email: "new.deputy@example.test", name: "Dee Puty", role: "school_leader", schoolId });
    expect(res.status).toBe(201);
    const { link } = await res.json();
    expect(link).toMatch(new RegExp(`^${PUBLIC_URL}/invite/[a-z2-7]+$`));
    const mail = await eventually(() => {
      const got = smtp.to("new.deputy@example.test");
      expect(got).toHaveLength(1);
      return got[0]!;
    });
    expect(mail.subject).toBe("Sam Admin invited you to Trellis");
    expect(mail.body).toContain(link);
    expect(mail.body).toContain("School leader at Oakfield Primary");
  });

  it("the daily digest gathers what people chose to hear about daily, once", async () => {
    // The champion keeps the default (daily digest) for replies; they took part in a thread.
    const anchor = sampleAnchor();
    const doc2 = (await buildDocument(server.database.db, { schoolId, kind: "sef", title: "SEF 2026/27" })).id;
    const { thread } = await (await championApi("POST", `/api/documents/${doc2}/comments`, { body: "Evidence for this?", anchor })).json();
    expect((await headApi("POST", `/api/comments/${thread.id}/replies`, { body: "See the attendance report." })).status).toBe(201);
    expect((await headApi("POST", `/api/comments/${thread.id}/resolve`)).status).toBe(200);
    await server.mail.drain();
    expect(smtp.to(champion.email).filter((m) => m.subject.startsWith("Trellis:"))).toHaveLength(0);

    // 09:00 in London on a winter day: after the default hour (7).
    const ran = await server.scheduler.runDue(new Date("2026-12-02T09:00:00Z"));
    expect(ran).toEqual(["reminders", "digest"]);
    const digest = await eventually(() => {
      const got = smtp.to(champion.email).filter((m) => m.subject.startsWith("Trellis:"));
      expect(got).toHaveLength(1);
      return got[0]!;
    });
    expect(digest.subject).toBe("Trellis: 2 things since yesterday");
    expect(digest.body).toContain("Asha Patel replied in a thread on SEF 2026/27");
    expect(digest.body).toContain("Asha Patel resolved a thread on SEF 2026/27");
    linkIn(digest.body, `/documents/${doc2}#thread-${thread.id}`);
    linkIn(digest.body, "/settings/notifications");

    // A second run that day, here or in another process, sends nothing.
    expect(await server.scheduler.runDue(new Date("2026-12-02T10:00:00Z"))).toEqual([]);
    await server.mail.drain();
    expect(smtp.to(champion.email).filter((m) => m.subject.startsWith("Trellis:"))).toHaveLength(1);
  });

  it("nobody is emailed about what they cannot see", async () => {
    const otherSchool = await buildSchool(server.database.db);
    const outsider = await buildUser(server.database.db, { role: "school_leader", schoolId: otherSchool.id });
    const sent = await server.deps.notifier.send({ kind: "mention", userIds: [outsider.id], about: { documentId }, title: "Secret", link: `/documents/${documentId}` });
    expect(sent).toEqual([]);
    const rows = await server.database.db.select().from(notifications).where(eq(notifications.userId, outsider.id));
    expect(rows).toEqual([]);
    const queued = await server.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, outsider.email));
    expect(queued).toEqual([]);
  });
});
