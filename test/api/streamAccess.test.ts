/** Issue 10, item 13: event streams end when access ends, and notifications follow access. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberships, notifications, sessions } from "../../server/db/schema/index.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { apiAs, eventually, signIn, startTestServer } from "../support.js";

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** Opens an SSE stream and collects its text; `closed` resolves when the server ends the response. */
async function openStream(server: Server, path: string, cookie: string) {
  const controller = new AbortController();
  const res = await fetch(`${server.url}${path}`, { headers: { cookie }, signal: controller.signal });
  expect(res.status).toBe(200);
  let text = "";
  let ended = false;
  const reader = res.body!.getReader();
  const closed = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    ended = true;
  })().catch(() => {});
  await eventually(() => expect(text).toContain("event: ready"));
  return { text: () => text, ended: () => ended, closed, stop: () => controller.abort() };
}

const sessionIdOf = (cookie: string) => cookie.split("=")[1]!.split(".")[0]!;

describe("event streams end when access ends", () => {
  let server: Server;
  let schoolId: string;
  let documentId: string;
  let admin: ReturnType<typeof apiAs>;
  const streams: { stop(): void }[] = [];

  beforeAll(async () => {
    // An hour between re-checks: sign-out and role changes must end streams without waiting for one.
    server = await startTestServer({ env: { STREAM_RECHECK_SECONDS: 3600 } });
    const { db } = server.database;
    schoolId = (await buildSchool(db)).id;
    documentId = (await buildDocument(db, { schoolId })).id;
    admin = apiAs(server.url, await signIn(server.url, (await buildUser(db, { role: "trust_admin" })).email, TEST_PASSWORD));
  });
  afterAll(async () => {
    for (const s of streams) s.stop();
    await server.closeAll();
  });

  const governor = async () => {
    const user = await buildUser(server.database.db, { role: "governor", schoolId });
    return { user, cookie: await signIn(server.url, user.email, TEST_PASSWORD) };
  };

  it("signing out ends that session's document and notification streams at once, with an end event", async () => {
    const { cookie } = await governor();
    const doc = await openStream(server, `/api/documents/${documentId}/events`, cookie);
    const inbox = await openStream(server, "/api/notifications/events", cookie);
    streams.push(doc, inbox);
    expect((await apiAs(server.url, cookie)("POST", "/api/auth/logout")).status).toBe(204);
    await eventually(() => {
      expect(doc.ended()).toBe(true);
      expect(inbox.ended()).toBe(true);
    }, { timeout: 800 });
    expect(doc.text()).toContain('"reason":"signed_out"');
    // The stream does not come back with the old cookie.
    expect((await fetch(`${server.url}/api/documents/${documentId}/events`, { headers: { cookie } })).status).toBe(401);
  });

  it("another session of the same person keeps its streams when one session signs out", async () => {
    const { user, cookie } = await governor();
    const other = await signIn(server.url, user.email, TEST_PASSWORD);
    const gone = await openStream(server, `/api/documents/${documentId}/events`, cookie);
    const kept = await openStream(server, `/api/documents/${documentId}/events`, other);
    streams.push(gone, kept);
    await apiAs(server.url, cookie)("POST", "/api/auth/logout");
    await eventually(() => expect(gone.ended()).toBe(true), { timeout: 800 });
    expect(kept.ended()).toBe(false);
  });

  it("removing the person's role ends their document stream at once (404 on reconnect)", async () => {
    const { user, cookie } = await governor();
    const doc = await openStream(server, `/api/documents/${documentId}/events`, cookie);
    const inbox = await openStream(server, "/api/notifications/events", cookie);
    streams.push(doc, inbox);
    const [membership] = await server.database.db.select().from(memberships).where(eq(memberships.userId, user.id));
    expect((await admin("DELETE", `/api/memberships/${membership!.id}`)).status).toBe(204);
    await eventually(() => expect(doc.ended()).toBe(true), { timeout: 800 });
    expect(doc.text()).toContain('"reason":"access_removed"');
    expect((await fetch(`${server.url}/api/documents/${documentId}/events`, { headers: { cookie } })).status).toBe(404);
    // Still signed in: the notification stream is the person's own, so it stays.
    expect(inbox.ended()).toBe(false);
  });

});

describe("session expiry", () => {
  it("ends the streams opened with the session when it expires (re-checked every STREAM_RECHECK_SECONDS)", { timeout: 90_000 }, async () => {
    const server = await startTestServer({ env: { STREAM_RECHECK_SECONDS: 1 } });
    const open: { stop(): void }[] = [];
    try {
      const { db } = server.database;
      const schoolId = (await buildSchool(db)).id;
      const documentId = (await buildDocument(db, { schoolId })).id;
      const cookie = await signIn(server.url, (await buildUser(db, { role: "governor", schoolId })).email, TEST_PASSWORD);
      const doc = await openStream(server, `/api/documents/${documentId}/events`, cookie);
      const inbox = await openStream(server, "/api/notifications/events", cookie);
      open.push(doc, inbox);
      await db.update(sessions).set({ expiresAt: new Date(Date.now() + 300) }).where(eq(sessions.id, sessionIdOf(cookie)));
      await eventually(() => {
        expect(doc.ended()).toBe(true);
        expect(inbox.ended()).toBe(true);
      }, { timeout: 4000 });
      expect(doc.text()).toContain('"reason":"session_expired"');
    } finally {
      for (const s of open) s.stop();
      await server.closeAll();
    }
  });
});

describe("notifications follow access", () => {
  it("hides a notification about a document the person can no longer read: no title, no excerpt, not counted", { timeout: 90_000 }, async () => {
    const server = await startTestServer();
    try {
      const { db } = server.database;
      const school = await buildSchool(db);
      const other = await buildSchool(db);
      const lead = await buildUser(db, { role: "school_leader", schoolId: school.id });
      await db.insert(memberships).values({ userId: lead.id, role: "governor", schoolId: other.id });
      const keptDoc = await buildDocument(db, { schoolId: school.id, title: "Oakfield Single Plan" });
      const lostDoc = await buildDocument(db, { schoolId: other.id, title: "Riverside confidential plan" });
      await db.insert(notifications).values([
        { userId: lead.id, kind: "mention", documentId: keptDoc.id, excerpt: "kept excerpt" },
        { userId: lead.id, kind: "mention", documentId: lostDoc.id, excerpt: "secret excerpt about Riverside" },
      ]);
      const me = apiAs(server.url, await signIn(server.url, lead.email, TEST_PASSWORD));
      const before = await (await me("GET", "/api/notifications")).json();
      expect(before.unread).toBe(2);
      expect(before.notifications).toHaveLength(2);

      await db.delete(memberships).where(eq(memberships.schoolId, other.id));
      const after = await (await me("GET", "/api/notifications")).json();
      expect(after.unread).toBe(1);
      expect(after.notifications.map((n: { documentTitle: string }) => n.documentTitle)).toEqual(["Oakfield Single Plan"]);
      const raw = JSON.stringify(after);
      expect(raw).not.toContain("Riverside");
      expect(raw).not.toContain("secret excerpt");
    } finally {
      await server.closeAll();
    }
  });
});
