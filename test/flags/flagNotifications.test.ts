/**
 * Flags feed notifications: a trust lead hears of a new high flag soon after the plan edit that
 * raised it, once per set of facts; an acknowledged or medium flag is not told; and the daily job
 * tells of flags that time alone raised.
 */
import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifications } from "../../server/db/schema/index.js";
import { flagDedupeKey, notifyFlagsOf, notifyHighFlags } from "../../server/flags/flagNotifications.js";
import { saveThresholds } from "../../server/flags/thresholds.js";
import type { SchoolFlag } from "../../server/flags/types.js";
import { todayInEngland } from "../../server/progress/queries/filters.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { appendNodes, block, waitForBlocks } from "../progress/seedPlans.js";
import { eventually, signIn, startTestServer } from "../support.js";

type Server = Awaited<ReturnType<typeof startTestServer>>;
const daysAgo = (n: number) => todayInEngland(new Date(Date.now() - n * 86_400_000));
const daysAhead = (n: number) => todayInEngland(new Date(Date.now() + n * 86_400_000));

describe("flag notifications", () => {
  let server: Server;
  let cookie: string;
  let leadId: string;
  let otherLeadId: string;

  const flagNotes = (userId: string, schoolId: string) =>
    server.database.db.select().from(notifications).where(and(eq(notifications.userId, userId), like(notifications.dedupeKey, `flag:${schoolId}:%`)));
  const planFor = async (schoolId: string, nodes: Parameters<typeof appendNodes>[2]) => {
    const doc = await buildDocument(server.database.db, { schoolId });
    await appendNodes(server, doc.id, nodes, null);
    await waitForBlocks(server, cookie, doc.id, (blocks) => expect(blocks).toHaveLength(nodes.length));
    return doc.id;
  };

  beforeAll(async () => {
    server = await startTestServer();
    const { db } = server.database;
    const lead = await buildUser(db, { role: "trust_lead" });
    leadId = lead.id;
    otherLeadId = (await buildUser(db, { role: "trust_lead" })).id;
    cookie = await signIn(server.url, lead.email, TEST_PASSWORD);
    // One overdue action makes the overdue flag high.
    await saveThresholds(db, { overdueHighCount: 1 }, lead.id);
  });
  afterAll(() => server.closeAll());

  it("tells every trust lead of a new high flag after the edit that raised it, once for the same facts", async () => {
    const school = await buildSchool(server.database.db, { name: "Flagged Primary" });
    const planId = await planFor(school.id, [block("action", crypto.randomUUID(), "Attendance clinics", { rag: "red", status: "in_progress", due: daysAgo(4) })]);
    const [note] = await eventually(async () => {
      const rows = await flagNotes(leadId, school.id);
      expect(rows).toHaveLength(1);
      return rows;
    }, { timeout: 25_000 });
    expect(note).toMatchObject({ kind: "flag_raised", title: "Flagged Primary: actions overdue", link: "/trust", excerpt: expect.stringMatching(/^1 action overdue, oldest by \d+ school days?/) });
    expect(await flagNotes(otherLeadId, school.id)).toHaveLength(1);

    // The same facts again (the daily job, another process): nobody is told twice.
    await notifyFlagsOf(server.database.db, server.deps.notifier, [school.id]);
    expect(await flagNotes(leadId, school.id)).toHaveLength(1);

    // New facts (a second overdue action) are news.
    await appendNodes(server, planId, [block("action", crypto.randomUUID(), "First-day calling", { rag: "red", status: "not_started", due: daysAgo(2) })], null);
    await eventually(async () => {
      const rows = await flagNotes(leadId, school.id);
      expect(rows.map((r) => r.excerpt).sort()).toEqual([expect.stringMatching(/^1 action overdue/), expect.stringMatching(/^2 actions overdue/)]);
    }, { timeout: 25_000 });
  });

  it("does not tell of an acknowledged flag, or of a medium one", async () => {
    const school = await buildSchool(server.database.db, { name: "Quiet Primary" });
    const flag = (over: Partial<SchoolFlag>): SchoolFlag => ({ rule: "plan_stale", severity: "high", explanation: "Plans not updated for 13 school weeks", facts: "2026-09-01", acknowledged: null, ...over });
    const flags = new Map([[school.id, [
      flag({ acknowledged: { note: "New head starts Monday", by: { id: leadId, name: "Lead" }, at: new Date().toISOString() } }),
      flag({ rule: "review_missed", severity: "medium", facts: "autumn-1" }),
    ]]]);
    expect(await notifyHighFlags(server.database.db, server.deps.notifier, [{ id: school.id, name: school.name }], flags)).toBe(0);
    expect(await flagNotes(leadId, school.id)).toHaveLength(0);
    // The same flag, loud, is told: the two above were quiet for their own reasons.
    flags.set(school.id, [flag({})]);
    expect(await notifyHighFlags(server.database.db, server.deps.notifier, [{ id: school.id, name: school.name }], flags)).toBe(2);
    expect((await flagNotes(leadId, school.id))[0]?.dedupeKey).toBe(flagDedupeKey(school.id, flag({})));
  });

  it("the daily job tells of a flag that time alone raised", async () => {
    const school = await buildSchool(server.database.db, { name: "Later Primary" });
    const due = daysAhead(10);
    await planFor(school.id, [block("action", crypto.randomUUID(), "Governor visits", { rag: "red", status: "not_started", due })]);
    // Nothing is overdue today, so the edit raised nothing.
    await new Promise((r) => setTimeout(r, 6000));
    await server.deps.notifier.idle();
    expect(await flagNotes(leadId, school.id)).toHaveLength(0);
    // Three weeks on, the morning's reminders run and the action is overdue.
    const later = new Date(Date.now() + 21 * 86_400_000);
    later.setUTCHours(10, 0, 0, 0);
    expect(await server.scheduler.runDue(later)).toContain("reminders");
    const rows = await flagNotes(leadId, school.id);
    expect(rows.map((r) => r.title)).toContain("Later Primary: actions overdue");
  });
});
