/**
 * Flags on `GET /api/dashboard/trust` over real HTTP: rows carry them, a trust lead's
 * acknowledgement (with who and when) quiets one until its facts change, and only trust leads
 * acknowledge and only a trust admin changes the thresholds.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SchoolFlag } from "../../server/flags/types.js";
import type { TrustDashboard } from "../../server/progress/apiTypes.js";
import { todayInEngland } from "../../server/progress/queries/filters.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { appendNodes, block, waitForBlocks } from "../progress/seedPlans.js";
import { apiAs, eventually, signIn, startTestServer } from "../support.js";

type Server = Awaited<ReturnType<typeof startTestServer>>;
/** Recent due dates, so the flag is overdue by a few school days whatever day the suite runs. */
const daysAgo = (n: number) => todayInEngland(new Date(Date.now() - n * 86_400_000));

describe("flags on the trust dashboard", () => {
  let server: Server;
  let schoolId: string;
  let planId: string;
  let leadCookie: string;
  let lead: ReturnType<typeof apiAs>;
  let trustee: ReturnType<typeof apiAs>;
  let admin: ReturnType<typeof apiAs>;
  let leadName: string;

  const overdueFlag = async (): Promise<SchoolFlag | undefined> => {
    const res = await lead("GET", "/api/dashboard/trust");
    expect(res.status).toBe(200);
    const row = ((await res.json()) as TrustDashboard).schools.find((s) => s.id === schoolId)!;
    return row.flags?.find((f) => f.rule === "actions_overdue");
  };

  beforeAll(async () => {
    server = await startTestServer();
    const { db } = server.database;
    schoolId = (await buildSchool(db)).id;
    const people = { lead: await buildUser(db, { role: "trust_lead" }), trustee: await buildUser(db, { role: "trustee" }), admin: await buildUser(db, { role: "trust_admin" }) };
    leadName = people.lead.name;
    leadCookie = await signIn(server.url, people.lead.email, TEST_PASSWORD);
    lead = apiAs(server.url, leadCookie);
    trustee = apiAs(server.url, await signIn(server.url, people.trustee.email, TEST_PASSWORD));
    admin = apiAs(server.url, await signIn(server.url, people.admin.email, TEST_PASSWORD));
    planId = (await buildDocument(db, { schoolId })).id;
    await appendNodes(server, planId, [block("action", crypto.randomUUID(), "Attendance clinics", { rag: "red", status: "in_progress", due: daysAgo(3) })], null);
    await waitForBlocks(server, leadCookie, planId, (blocks) => expect(blocks).toHaveLength(1));
  });
  afterAll(() => server.closeAll());

  it("carries each school's flags with a reason", async () => {
    const flag = await overdueFlag();
    expect(flag).toMatchObject({ rule: "actions_overdue", acknowledged: null, explanation: expect.stringMatching(/^1 action overdue, oldest by \d+ school days? \(due \d+ \w+ \d{4}\)$/) });
    expect(flag!.severity).toBe("medium");
  });

  it("quiets an acknowledged flag until its facts change", async () => {
    expect((await trustee("POST", `/api/schools/${schoolId}/flags/acknowledge`, { rule: "actions_overdue", note: "Known" })).status).toBe(403);
    expect((await lead("POST", `/api/schools/${schoolId}/flags/acknowledge`, { rule: "actions_overdue", note: "" })).status).toBe(400);
    expect((await lead("POST", `/api/schools/${schoolId}/flags/acknowledge`, { rule: "watermelon", note: "Nothing to see" })).status).toBe(409);
    const res = await lead("POST", `/api/schools/${schoolId}/flags/acknowledge`, { rule: "actions_overdue", note: "Head on leave; deputy picking up" });
    expect(res.status).toBe(201);
    const quiet = await overdueFlag();
    expect(quiet?.acknowledged).toMatchObject({ note: "Head on leave; deputy picking up", by: { name: leadName } });
    expect(Date.parse(quiet!.acknowledged!.at)).toBeGreaterThan(Date.now() - 60_000);

    // A second overdue action is a new fact: the flag speaks again.
    await appendNodes(server, planId, [block("action", crypto.randomUUID(), "First-day calling", { rag: "amber", status: "not_started", due: daysAgo(2) })], null);
    await eventually(async () => {
      const loud = await overdueFlag();
      expect(loud).toMatchObject({ acknowledged: null, explanation: expect.stringMatching(/^2 actions overdue/) });
    }, { timeout: 10_000 });
  });

  it("lets only a trust admin change the thresholds, and the flags follow them", async () => {
    expect((await lead("PUT", "/api/flags/thresholds", { overdueHighCount: 1 })).status).toBe(403);
    expect((await admin("PUT", "/api/flags/thresholds", { overdueHighCount: 0 })).status).toBe(400);
    expect((await admin("PUT", "/api/flags/thresholds", { nonsense: 3 })).status).toBe(400);
    const res = await admin("PUT", "/api/flags/thresholds", { overdueHighCount: 2 });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { thresholds: Record<string, number> };
    expect(body.thresholds).toMatchObject({ overdueHighCount: 2, overdueHighSchoolDays: 15, planStaleSchoolWeeks: 6 });
    expect((await overdueFlag())?.severity).toBe("high");
    await admin("PUT", "/api/flags/thresholds", { overdueHighCount: 50 });
    expect((await overdueFlag())?.severity).toBe("medium");
  });
});
