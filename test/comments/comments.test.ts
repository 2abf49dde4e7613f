import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { anchorFor } from "../../shared/comments/anchors.js";
import type { Role } from "../../shared/enums.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { apiAs, eventually, signIn, startTestServer } from "../support.js";

function sampleAnchor() {
  const doc = new Y.Doc();
  const text = new Y.XmlText();
  const p = new Y.XmlElement("paragraph");
  doc.getXmlFragment("default").insert(0, [p]);
  p.insert(0, [text]);
  text.insert(0, "Reduce persistent absence to 12%");
  return anchorFor(text, 0, 6);
}

describe("comments", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let documentId: string;
  let governor: ReturnType<typeof apiAs>;
  let head: ReturnType<typeof apiAs>;
  let viewer: ReturnType<typeof apiAs>;
  let outsider: ReturnType<typeof apiAs>;
  let admin: ReturnType<typeof apiAs>;
  let headId: string;
  let headCookie: string;
  let governorCookie: string;

  beforeAll(async () => {
    server = await startTestServer();
    const { db } = server.database;
    const school = await buildSchool(db);
    const other = await buildSchool(db);
    documentId = (await buildDocument(db, { schoolId: school.id, status: "in_review" })).id;
    const as = async (role: Role, schoolId: string | null) => {
      const user = await buildUser(db, { role, schoolId });
      const cookie = await signIn(server.url, user.email, TEST_PASSWORD);
      return { user, cookie, call: apiAs(server.url, cookie) };
    };
    const g = await as("governor", school.id);
    governor = g.call;
    governorCookie = g.cookie;
    const h = await as("school_leader", school.id);
    head = h.call;
    headId = h.user.id;
    headCookie = h.cookie;
    viewer = (await as("viewer", school.id)).call;
    outsider = (await as("governor", other.id)).call;
    admin = (await as("trust_admin", null)).call;
  });
  afterAll(() => server.closeAll());

  it("a governor comments on a draft; the head replies, resolves and reopens; every entry has an author and time", async () => {
    const created = await governor("POST", `/api/documents/${documentId}/comments`, {
      body: "What is the baseline for this?", anchor: sampleAnchor(), quote: "Reduce", mentions: [headId],
    });
    expect(created.status).toBe(201);
    const { thread } = await created.json();
    expect(thread).toMatchObject({ resolved: false, quote: "Reduce", comments: [{ body: "What is the baseline for this?", author: { name: expect.any(String) }, createdAt: expect.any(String) }] });

    const replied = await head("POST", `/api/comments/${thread.id}/replies`, { body: "21.4% last year; see the target." });
    expect(replied.status).toBe(201);
    expect((await replied.json()).thread.comments).toHaveLength(2);

    const resolved = await (await head("POST", `/api/comments/${thread.id}/resolve`)).json();
    expect(resolved.thread).toMatchObject({ resolved: true, resolvedBy: { id: headId } });
    const reopened = await (await governor("POST", `/api/comments/${thread.id}/reopen`)).json();
    expect(reopened.thread.resolved).toBe(false);

    const { threads } = await (await head("GET", `/api/documents/${documentId}/comments`)).json();
    expect(threads.map((t: { id: string }) => t.id)).toContain(thread.id);
  });

  it("an @mention gives the person a notification that links to the thread", async () => {
    const { unread, notifications } = await (await head("GET", "/api/notifications")).json();
    expect(unread).toBeGreaterThanOrEqual(1);
    expect(notifications[0]).toMatchObject({ kind: "mention", documentId, link: expect.stringContaining(`/documents/${documentId}#thread-`) });
    expect((await head("POST", `/api/notifications/${notifications[0].id}/read`)).status).toBe(204);
    expect((await (await head("GET", "/api/notifications")).json()).unread).toBe(unread - 1);
  });

  it("refuses people outside the school, and viewers who may only read", async () => {
    expect((await outsider("GET", `/api/documents/${documentId}/comments`)).status).toBe(404);
    expect((await outsider("POST", `/api/documents/${documentId}/comments`, { body: "Hi", anchor: sampleAnchor() })).status).toBe(404);
    expect((await viewer("GET", `/api/documents/${documentId}/comments`)).status).toBe(200);
    expect((await viewer("POST", `/api/documents/${documentId}/comments`, { body: "Hi", anchor: sampleAnchor() })).status).toBe(403);
    expect((await apiAs(server.url)("GET", `/api/documents/${documentId}/comments`)).status).toBe(401);
  });

  it("answers an empty or oversized body, or an anchor that does not decode, with a 4xx", async () => {
    const post = (payload: unknown) => governor("POST", `/api/documents/${documentId}/comments`, payload);
    for (const payload of [
      { body: "   ", anchor: sampleAnchor() },
      { body: "x".repeat(5001), anchor: sampleAnchor() },
      { body: "Fine", anchor: { from: "not base64!", to: "AAAA" } },
      { body: "Fine", anchor: { from: "BQ==", to: "/w==" } },
      { body: "Fine" },
    ]) {
      const res = await post(payload);
      expect(res.status, JSON.stringify(payload).slice(0, 60)).toBe(400);
      expect((await res.json()).error.code).toBe("invalid_request");
    }
    expect((await governor("POST", `/api/comments/00000000-0000-4000-8000-000000000000/replies`, { body: "x" })).status).toBe(404);
    expect((await governor("POST", `/api/documents/${documentId}/comments`, { body: "Hi", anchor: sampleAnchor(), mentions: [crypto.randomUUID()] })).status).toBe(400);
  });

  it("only the author or a trust admin deletes an entry, the thread survives, and the deletion is audited", async () => {
    const { thread } = await (await governor("POST", `/api/documents/${documentId}/comments`, { body: "Please check the dates", anchor: sampleAnchor() })).json();
    const entryId = thread.comments[0].id;
    expect((await head("DELETE", `/api/comments/${thread.id}/entries/${entryId}`)).status).toBe(403);
    expect((await admin("DELETE", `/api/comments/${thread.id}/entries/${entryId}`)).status).toBe(204);
    const { threads } = await (await governor("GET", `/api/documents/${documentId}/comments`)).json();
    const kept = threads.find((t: { id: string }) => t.id === thread.id);
    expect(kept.comments[0]).toMatchObject({ deleted: true, body: "" });
    const { entries } = await (await admin("GET", "/api/audit?action=comment.deleted")).json();
    expect(entries[0]).toMatchObject({ action: "comment.deleted", subjectId: entryId });
  });

  it("pushes new comments to open pages over server-sent events", async () => {
    const controller = new AbortController();
    const res = await fetch(`${server.url}/api/documents/${documentId}/events`, { headers: { cookie: headCookie }, signal: controller.signal });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = res.body!.getReader();
    let received = "";
    const pump = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        received += new TextDecoder().decode(value);
      }
    })().catch(() => {});
    await eventually(() => expect(received).toContain("event: ready"));
    await governor("POST", `/api/documents/${documentId}/comments`, { body: "Live?", anchor: sampleAnchor() });
    await eventually(() => expect(received).toContain("event: comments"));
    controller.abort();
    await pump;
  });

  it("pushes a new notification to the mentioned person's open pages, and to nobody else", async () => {
    const listen = (cookie: string) => {
      const controller = new AbortController();
      let received = "";
      const done = fetch(`${server.url}/api/notifications/events`, { headers: { cookie }, signal: controller.signal })
        .then(async (res) => {
          const reader = res.body!.getReader();
          for (;;) {
            const { value, done } = await reader.read();
            if (done) return;
            received += new TextDecoder().decode(value);
          }
        })
        .catch(() => {});
      return { text: () => received, stop: () => (controller.abort(), done) };
    };
    const mentioned = listen(headCookie);
    const bystander = listen(governorCookie);
    await eventually(() => {
      expect(mentioned.text()).toContain("event: ready");
      expect(bystander.text()).toContain("event: ready");
    });
    await governor("POST", `/api/documents/${documentId}/comments`, { body: "@head can you check?", anchor: sampleAnchor(), mentions: [headId] });
    await eventually(() => expect(mentioned.text()).toContain("event: notifications"));
    expect(bystander.text()).not.toContain("event: notifications");
    await Promise.all([mentioned.stop(), bystander.stop()]);
  });

  it("refuses the notification stream without a session", async () => {
    expect((await fetch(`${server.url}/api/notifications/events`)).status).toBe(401);
  });
});
