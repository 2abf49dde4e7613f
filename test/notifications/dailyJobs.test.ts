/** The daily jobs: reminders for owned actions due within a week or overdue, check-ins due, run once a day however many processes ask. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actions, notifications } from "../../server/db/schema/index.js";
import { DailyScheduler, londonClock } from "../../server/notifications/DailyScheduler.js";
import { createLogger } from "../../server/logger.js";
import { buildDocument, buildSchool, buildUser } from "../factories.js";
import { startTestServer } from "../support.js";

describe("daily reminders", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.closeAll());

  it("tells owners of actions due within 7 days or overdue, and leaders of a check-in due, once, even with two schedulers at once", async () => {
    const { db } = server.database;
    const school = await buildSchool(db, { tier: 3 });
    const head = await buildUser(db, { role: "school_leader", schoolId: school.id });
    const owner = await buildUser(db, { role: "improvement_champion", schoolId: school.id });
    const doc = await buildDocument(db, { schoolId: school.id, title: "Single Plan, autumn 2026" });
    const row = (key: string, text: string, due: string, status = "in_progress") => ({ documentId: doc.id, blockKey: key, blockId: key, schoolId: school.id, position: 1, text, owners: [owner.id], due, status });
    const soon = crypto.randomUUID();
    const late = crypto.randomUUID();
    await db.insert(actions).values([
      row(soon, "Train new attendance officer", "2026-12-05"),
      row(late, "Publish the reading plan", "2026-11-20"),
      row(crypto.randomUUID(), "Far off", "2027-03-01"),
      row(crypto.randomUUID(), "Done already", "2026-11-10", "complete"),
    ]);
    const other = new DailyScheduler({ db, notifier: server.deps.notifier, mail: server.mail, logger: createLogger("silent"), hour: 7 });
    const at = new Date("2026-12-02T08:30:00Z");
    expect(londonClock(at)).toEqual({ day: "2026-12-02", hour: 8 });
    // Before the hour, nothing runs.
    expect(await server.scheduler.runDue(new Date("2026-12-02T06:30:00Z"))).toEqual([]);
    const [a, b] = await Promise.all([server.scheduler.runDue(at), other.runDue(at)]);
    expect([...a, ...b].sort()).toEqual(["digest", "reminders"]);

    const mine = await db.select().from(notifications).where(eq(notifications.userId, owner.id));
    expect(mine.map((n) => n.title).sort()).toEqual(["Due 5 Dec 2026: Train new attendance officer", "Overdue since 20 Nov 2026: Publish the reading plan"]);
    expect(mine.find((n) => n.title.startsWith("Due"))).toMatchObject({ kind: "action_due", link: `/documents/${doc.id}#block-${soon}` });
    const headRows = await db.select().from(notifications).where(eq(notifications.userId, head.id));
    expect(headRows.some((n) => n.kind === "checkin_due" && n.link === `/schools/${school.id}`)).toBe(true);

    // Another day's run repeats no reminder already given for the same due date.
    const before = (await db.select().from(notifications)).length;
    await server.scheduler.runDue(new Date("2026-12-03T08:30:00Z"));
    expect((await db.select().from(notifications)).length).toBe(before);
  });
});
