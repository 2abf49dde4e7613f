/**
 * `GET /api/dashboard/trust` answers unchanged facts from its last computation: the same body while
 * nothing moved, and a new one as soon as a fact the rows or flags stand on changes, whether it
 * came through the server or straight into the database (as another server process would write it).
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documents, schools } from "../../server/db/schema/index.js";
import type { TrustDashboard } from "../../server/progress/apiTypes.js";
import { todayInEngland } from "../../server/progress/queries/filters.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { appendNodes, block, setBlockAttrs, waitForBlocks } from "../progress/seedPlans.js";
import { apiAs, eventually, signIn, startTestServer } from "../support.js";

type Server = Awaited<ReturnType<typeof startTestServer>>;
const daysAgo = (n: number) => todayInEngland(new Date(Date.now() - n * 86_400_000));
const daysAhead = (n: number) => todayInEngland(new Date(Date.now() + n * 86_400_000));

describe("the trust dashboard's cache", () => {
  let server: Server;
  let lead: ReturnType<typeof apiAs>;
  let schoolId: string;
  let planId: string;
  const actionId = crypto.randomUUID();

  const dashboard = async () => {
    const res = await lead("GET", "/api/dashboard/trust");
    expect(res.status).toBe(200);
    return (await res.json()) as TrustDashboard;
  };
  const row = async () => (await dashboard()).schools.find((s) => s.id === schoolId)!;

  beforeAll(async () => {
    server = await startTestServer();
    const { db } = server.database;
    schoolId = (await buildSchool(db, { name: "Cache Primary" })).id;
    const person = await buildUser(db, { role: "trust_lead" });
    const cookie = await signIn(server.url, person.email, TEST_PASSWORD);
    lead = apiAs(server.url, cookie);
    planId = (await buildDocument(db, { schoolId })).id;
    await appendNodes(server, planId, [block("action", actionId, "Reading buddies", { rag: "green", status: "in_progress", due: daysAhead(20) })], null);
    await waitForBlocks(server, cookie, planId, (blocks) => expect(blocks).toHaveLength(1));
  });
  afterAll(() => server.closeAll());

  it("serves the same computation while nothing changes", async () => {
    const first = await dashboard();
    const second = await dashboard();
    expect(second.generatedAt).toBe(first.generatedAt);
    expect(second).toEqual(first);
  });

  it("raises a flag once an action falls overdue, and drops it when the plan is archived", async () => {
    expect((await row()).flags?.find((f) => f.rule === "actions_overdue")).toBeUndefined();
    await setBlockAttrs(server, planId, actionId, { due: daysAgo(3) }, null);
    await eventually(async () => {
      const flags = (await row()).flags ?? [];
      expect(flags.map((f) => f.rule)).toEqual(expect.arrayContaining(["actions_overdue", "watermelon"]));
    }, { timeout: 10_000 });
    expect((await row()).overdue).toBe(1);

    await server.database.db.update(documents).set({ status: "archived", updatedAt: new Date() }).where(eq(documents.id, planId));
    const after = await row();
    expect(after.flags?.find((f) => f.rule === "actions_overdue")).toBeUndefined();
    expect(after.overdue).toBe(0);
    await server.database.db.update(documents).set({ status: "draft", updatedAt: new Date() }).where(eq(documents.id, planId));
    expect((await row()).flags?.find((f) => f.rule === "actions_overdue")).toBeDefined();
  });

  it("follows edits that move no total: a school's name, its last activity", async () => {
    const before = await row();
    await server.database.db.update(schools).set({ name: "Cache Primary Academy" }).where(eq(schools.id, schoolId));
    expect((await row()).name).toBe("Cache Primary Academy");

    await setBlockAttrs(server, planId, actionId, { successCriteria: "Twice a week, every class" }, null);
    await eventually(async () => {
      const now = await row();
      expect(Date.parse(now.lastActivity!)).toBeGreaterThan(Date.parse(before.lastActivity!));
    }, { timeout: 10_000 });
  });
});
