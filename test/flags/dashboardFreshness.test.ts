/**
 * The trust dashboard is rebuilt per school (flags/dashboardCache.ts): the read right after an
 * extraction lands shows what it changed, with no waiting, and the schools it did not touch keep
 * their rows. Also fresh on the next read: a threshold saved, a tier set straight in the database
 * (as another server process would), and a new day, which moves overdue with no row changing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { documentUpdates, schoolCheckins, schoolTiers } from "../../server/db/schema/index.js";
import { dashboardCacheStats, trustDashboardBody } from "../../server/flags/dashboardCache.js";
import { loadPlanFacts } from "../../server/flags/flagFacts.js";
import { loadOwnFacts } from "../../server/flags/schoolFlags.js";
import { loadSchoolSnapshot } from "../../server/flags/schoolSnapshot.js";
import type { TrustDashboard, TrustSchoolRow } from "../../server/progress/apiTypes.js";
import { dashboardRows } from "../../server/progress/queries/trustDashboard.js";
import { todayInEngland } from "../../server/progress/queries/filters.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { appendNodes, block, setBlockAttrs, waitForBlocks } from "../progress/seedPlans.js";
import { apiAs, signIn, startTestServer } from "../support.js";

type Server = Awaited<ReturnType<typeof startTestServer>>;
const sortBy = <T>(rows: T[]) => [...rows].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
const dayFrom = (n: number) => todayInEngland(new Date(Date.now() + n * 86_400_000));
const rules = (row: TrustSchoolRow) => (row.flags ?? []).map((f) => f.rule);

describe("the trust dashboard right after a change", () => {
  let server: Server;
  let cookie: string;
  let lead: ReturnType<typeof apiAs>;
  let admin: ReturnType<typeof apiAs>;
  const school = { a: "", b: "" };
  const plan = { a: "", b: "" };
  const action = { a: crypto.randomUUID(), b: crypto.randomUUID() };

  const dashboard = async () => {
    const res = await lead("GET", "/api/dashboard/trust");
    expect(res.status).toBe(200);
    return (await res.json()) as TrustDashboard;
  };
  const rowOf = (d: TrustDashboard, id: string) => d.schools.find((s) => s.id === id)!;
  /** Changes an action through the room, and waits until extraction has written it (not until the dashboard shows it). */
  const change = async (which: "a" | "b", attrs: Record<string, unknown>) => {
    await setBlockAttrs(server, plan[which], action[which], attrs, null);
    await waitForBlocks(server, cookie, plan[which], (blocks) => expect(blocks.find((b) => b.id === action[which])?.attrs).toMatchObject(attrs));
  };

  beforeAll(async () => {
    server = await startTestServer();
    const { db } = server.database;
    school.a = (await buildSchool(db, { name: "Fresh Primary A" })).id;
    school.b = (await buildSchool(db, { name: "Fresh Primary B" })).id;
    const person = await buildUser(db, { role: "trust_lead" });
    const administrator = await buildUser(db, { role: "trust_admin" });
    cookie = await signIn(server.url, person.email, TEST_PASSWORD);
    lead = apiAs(server.url, cookie);
    admin = apiAs(server.url, await signIn(server.url, administrator.email, TEST_PASSWORD));
    for (const k of ["a", "b"] as const) {
      plan[k] = (await buildDocument(db, { schoolId: school[k] })).id;
      await appendNodes(server, plan[k], [block("action", action[k], `Reading buddies ${k}`, { rag: "green", status: "in_progress", due: dayFrom(1) })], null);
      await waitForBlocks(server, cookie, plan[k], (blocks) => expect(blocks).toHaveLength(1));
    }
  });
  afterAll(() => server.closeAll());

  it("shows an action fallen overdue, then red, on the first read after its extraction; the other school's row is untouched", async () => {
    const before = await dashboard();
    expect(rules(rowOf(before, school.a))).not.toContain("actions_overdue");

    const rebuilt = dashboardCacheStats.schoolsRebuilt;
    await change("a", { due: dayFrom(-3) });
    const overdue = await dashboard();
    const a = rowOf(overdue, school.a);
    expect(a.overdue).toBe(1);
    expect(rules(a)).toEqual(expect.arrayContaining(["actions_overdue", "watermelon"]));
    expect(overdue.totals.overdue).toBe(before.totals.overdue + 1);
    // Only the school whose rows moved was read again.
    expect(dashboardCacheStats.schoolsRebuilt - rebuilt).toBe(1);
    expect(rowOf(overdue, school.b)).toEqual(rowOf(before, school.b));

    await change("a", { rag: "red" });
    const red = rowOf(await dashboard(), school.a);
    expect(red.actions.red).toBe(1);
    expect(red.actions.green).toBe(0);
    // Red and overdue is honest: still overdue, no longer a watermelon.
    expect(rules(red)).toContain("actions_overdue");
    expect(rules(red)).not.toContain("watermelon");
  });

  it("reads a school in one statement exactly as the grouped queries read it", async () => {
    const { db } = server.database;
    const today = dayFrom(0);
    await db.insert(schoolTiers).values({ schoolId: school.a, tier: 2, reason: "Watch" });
    await db.insert(schoolCheckins).values({ schoolId: school.a, kind: "ceo_one_to_one", heldOn: dayFrom(-40) });
    // A weak SEF area in each school: A has no action in it, B has an open one (under a target of that area).
    for (const k of ["a", "b"] as const) {
      const sef = (await buildDocument(db, { schoolId: school[k], kind: "sef" })).id;
      await appendNodes(server, sef, [block("judgement", crypto.randomUUID(), "Outcomes below national", { framework: "ofsted-2025", area: "achievement", grade: "needs_attention" })], null);
      await waitForBlocks(server, cookie, sef, (blocks) => expect(blocks).toHaveLength(1));
    }
    await appendNodes(server, plan.b, [block("target", crypto.randomUUID(), "KS2 at 70%", { area: "achievement" }), block("action", crypto.randomUUID(), "Maths mastery", { status: "in_progress" })], null);
    await waitForBlocks(server, cookie, plan.b, (blocks) => expect(blocks).toHaveLength(3));
    const ids = [school.a, school.b];
    const one = await loadSchoolSnapshot(db, today, ids);
    expect(one).not.toBeNull();
    const grouped = await dashboardRows(db, today, ids);
    expect(one!.rows).toEqual(grouped.rows);
    expect(sortBy(one!.reds)).toEqual(sortBy(grouped.reds));
    const own = await loadOwnFacts(db, grouped.rows, today, ids);
    for (const id of ids) {
      const mine = one!.own.get(id)!;
      const theirs = own.get(id)!;
      expect(sortBy(mine.actions)).toEqual(sortBy(theirs.actions));
      expect(mine.reviews).toEqual(theirs.reviews.map((r) => ({ ...r })));
      expect(mine.checkins).toEqual(theirs.checkins.map(({ kind, held_on }) => ({ kind, held_on })));
      const { school_id: _, ...tier } = theirs.tier as NonNullable<typeof theirs.tier> & { school_id: string };
      expect(mine.tier).toEqual(tier);
    }
    expect(sortBy(one!.plans)).toEqual(sortBy(await loadPlanFacts(db, ids)));
    // The weak areas were read, not just empty on both sides.
    expect(one!.rows.every((r) => r.sef.some((g) => g.area === "achievement"))).toBe(true);
    expect(one!.own.get(school.b)!.actions.some((g) => g.area === "achievement")).toBe(true);
    expect(one!.own.get(school.a)!.checkins).toHaveLength(1);
  });

  it("follows a threshold saved, and a tier set straight in the database", async () => {
    const severity = async () => rowOf(await dashboard(), school.a).flags!.find((f) => f.rule === "actions_overdue")!.severity;
    expect(await severity()).toBe("medium");
    expect((await admin("PUT", "/api/flags/thresholds", { overdueHighCount: 1 })).status).toBe(200);
    expect(await severity()).toBe("high");
    expect((await admin("PUT", "/api/flags/thresholds", { overdueHighCount: 5 })).status).toBe(200);
    expect(await severity()).toBe("medium");

    await server.database.db.insert(schoolTiers).values({ schoolId: school.b, tier: 3, reason: "Results fell" });
    expect(rowOf(await dashboard(), school.b).tier?.level).toBe(3);
  });

  it("moves overdue with the day though no row changes", async () => {
    const { db } = server.database;
    const today = JSON.parse(await trustDashboardBody(db, dayFrom(0))) as TrustDashboard;
    expect(rules(rowOf(today, school.b))).not.toContain("actions_overdue");
    // B's action is due tomorrow: the day after, it is overdue with nothing written.
    const later = JSON.parse(await trustDashboardBody(db, dayFrom(2))) as TrustDashboard;
    expect(rowOf(later, school.b).overdue).toBe(1);
    expect(rules(rowOf(later, school.b))).toContain("actions_overdue");
  });

  it("follows a plan edit by reading only the plans edited since, no school rebuilt", async () => {
    const { db } = server.database;
    const far = dayFrom(120);
    const first = JSON.parse(await trustDashboardBody(db, far)) as TrustDashboard;
    expect(rules(rowOf(first, school.a))).toContain("plan_stale");
    expect(rules(rowOf(first, school.b))).toContain("plan_stale");
    // A new day recounts the rollups after answering, which moves the schools' stamps: let that land first.
    for (let settled = 0, tries = 0; settled < 3 && tries < 100; tries++) {
      const computed = dashboardCacheStats.computed;
      await trustDashboardBody(db, far);
      settled = dashboardCacheStats.computed === computed ? settled + 1 : 0;
      await new Promise((res) => setTimeout(res, 50));
    }
    // An edit logged as the room logs it (an empty Yjs update), dated the day before `far`: A's plan is fresh again.
    const edited = new Date(Date.now() + 119 * 86_400_000);
    await db.insert(documentUpdates).values({ documentId: plan.a, update: Y.encodeStateAsUpdate(new Y.Doc()), createdAt: edited });
    const rebuilt = dashboardCacheStats.schoolsRebuilt;
    const next = JSON.parse(await trustDashboardBody(db, far)) as TrustDashboard;
    expect(dashboardCacheStats.schoolsRebuilt - rebuilt).toBe(0);
    expect(rules(rowOf(next, school.a))).not.toContain("plan_stale");
    expect(rules(rowOf(next, school.b))).toContain("plan_stale");
  });
});
