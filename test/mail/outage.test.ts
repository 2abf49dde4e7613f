/**
 * The mail queue through a mail server outage: stop the SMTP server mid-run, keep notifying,
 * restart it (and the Trellis server, as a deploy would): every email arrives, and exactly once.
 */
import { afterAll, describe, expect, it } from "vitest";
import { mailOutbox } from "../../server/db/schema/index.js";
import { buildDocument, buildSchool, buildUser } from "../factories.js";
import { createTestDatabase, eventually, startTestServer } from "../support.js";
import { startSmtp } from "./smtpServer.js";

describe("mail through an outage", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });
  // Two server starts and a back-off on a shared, busy machine: give it room.

  it("loses nothing and sends nothing twice", async () => {
    const smtp = await startSmtp();
    const database = await createTestDatabase();
    cleanups.push(() => database.close());
    const env = { SMTP_URL: smtp.url, PUBLIC_URL: "http://trellis.example.test", MAIL_RETRY_MS: 100 };
    let server = await startTestServer({ database, env });
    const { db } = database;
    const school = await buildSchool(db);
    const doc = await buildDocument(db, { schoolId: school.id });
    const people = await Promise.all(Array.from({ length: 6 }, (_, i) => buildUser(db, { role: "school_leader", schoolId: school.id, email: `leader${i}-${Date.now()}@example.test` })));
    const notify = (i: number) =>
      server.deps.notifier.send({ kind: "mention", userIds: [people[i]!.id], about: { documentId: doc.id }, title: `Mention ${i}`, link: `/documents/${doc.id}` });

    await notify(0);
    await notify(1);
    await eventually(() => expect(smtp.received).toHaveLength(2));

    await smtp.stop();
    await notify(2);
    await notify(3);
    // The sender tries, fails and backs off: the rows wait in the outbox, counted attempts and all.
    await eventually(async () => {
      const rows = await db.select().from(mailOutbox);
      const waiting = rows.filter((r) => r.status === "pending");
      expect(waiting).toHaveLength(2);
      expect(waiting.every((r) => r.attempts >= 1 && r.lastError)).toBe(true);
    }, { timeout: 15_000 });

    // A restart of Trellis while the mail server is still down: what was pending stays pending.
    await server.stop();
    server = await startTestServer({ database, env });
    cleanups.push(() => server.stop());
    await notify(4);
    await smtp.restart();
    cleanups.push(() => smtp.stop());
    await notify(5);

    await eventually(() => expect(smtp.received).toHaveLength(6), { timeout: 20_000 });
    await server.mail.drain();
    const subjects = smtp.received.map((m) => m.subject).sort();
    expect(subjects).toEqual(["Mention 0", "Mention 1", "Mention 2", "Mention 3", "Mention 4", "Mention 5"]);
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(6);
    for (let i = 0; i < 6; i++) expect(smtp.to(people[i]!.email)).toHaveLength(1);
    // The SMTP server holds the last email a moment before its sender marks the row sent.
    await eventually(async () => {
      const rows = await db.select().from(mailOutbox);
      expect(rows.map((r) => r.status)).toEqual(Array(6).fill("sent"));
    });
  }, 120_000);
});
