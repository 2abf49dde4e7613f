import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextCheckins } from "../../server/schools/supportCadence.js";
import { buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { apiAs, signIn, startTestServer } from "../support.js";

describe("support cadence", () => {
  it("works out the next CEO 1:1 and health check from the tier's cadence", () => {
    const cadence = { ceoOneToOneWeeks: 2, healthChecksPerYear: 2 };
    const held = [
      { kind: "ceo_one_to_one", heldOn: "2026-11-02" },
      { kind: "ceo_one_to_one", heldOn: "2026-10-19" },
      { kind: "health_check", heldOn: "2026-09-15" },
    ];
    const [ceo, health] = nextCheckins(cadence, held, new Date("2026-09-01"), new Date("2026-11-22"));
    expect(ceo).toEqual({ kind: "ceo_one_to_one", last: "2026-11-02", due: "2026-11-16", overdue: true });
    expect(health).toEqual({ kind: "health_check", last: "2026-09-15", due: "2027-03-15", overdue: false });
  });
});

describe("tiers, check-ins and the audit log over HTTP", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let schoolId: string;
  let admin: ReturnType<typeof apiAs>;
  let lead: ReturnType<typeof apiAs>;
  let head: ReturnType<typeof apiAs>;

  beforeAll(async () => {
    server = await startTestServer();
    const { db } = server.database;
    schoolId = (await buildSchool(db, { tier: 3 })).id;
    admin = apiAs(server.url, await signIn(server.url, (await buildUser(db, { role: "trust_admin" })).email, TEST_PASSWORD));
    lead = apiAs(server.url, await signIn(server.url, (await buildUser(db, { role: "trust_lead" })).email, TEST_PASSWORD));
    head = apiAs(server.url, await signIn(server.url, (await buildUser(db, { role: "school_leader", schoolId })).email, TEST_PASSWORD));
  });
  afterAll(() => server.closeAll());

  it("a trust lead records a check-in and the school sees when the next is due", async () => {
    expect((await head("POST", `/api/schools/${schoolId}/checkins`, { kind: "ceo_one_to_one", heldOn: "2026-11-20" })).status).toBe(403);
    expect((await lead("POST", `/api/schools/${schoolId}/checkins`, { kind: "ceo_one_to_one", heldOn: "2026-11-20" })).status).toBe(201);
    const support = await (await head("GET", `/api/schools/${schoolId}/support`)).json();
    expect(support.tier.name).toBe("Reinvent");
    expect(support.cadence).toEqual({ ceoOneToOne: "every 2 weeks", healthCheck: "twice a year" });
    expect(support.next[0]).toMatchObject({ kind: "ceo_one_to_one", last: "2026-11-20", due: "2026-12-04" });
  });

  it("only a trust admin edits the tier scheme, and the change is audited", async () => {
    const body = { name: "Reinvent", description: "Targeted support", ceoOneToOneWeeks: 3, healthChecksPerYear: 2 };
    expect((await lead("PUT", "/api/tiers/3", body)).status).toBe(403);
    expect((await admin("PUT", "/api/tiers/3", body)).status).toBe(200);
    expect((await admin("PUT", "/api/tiers/9", body)).status).toBe(404);
    const { entries } = await (await admin("GET", "/api/audit?action=tier_scheme.changed")).json();
    expect(entries[0]).toMatchObject({ action: "tier_scheme.changed", actor: { name: expect.any(String) } });
  });

  it("records tier changes and sign-ins in the audit log, which only admins read", async () => {
    await lead("POST", `/api/schools/${schoolId}/tier`, { tier: 4, reason: "Safeguarding concerns" });
    const { entries } = await (await admin("GET", "/api/audit")).json();
    const actions = entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["school.tier_changed", "auth.login"]));
    const tierEntry = entries.find((e: { action: string }) => e.action === "school.tier_changed");
    expect(tierEntry.details).toMatchObject({ from: 3, to: 4, reason: "Safeguarding concerns" });
    expect((await lead("GET", "/api/audit")).status).toBe(403);
    expect((await head("GET", "/api/audit")).status).toBe(403);
    const refusals = await (await admin("GET", "/api/audit?action=permission.denied")).json();
    expect(refusals.entries[0]).toMatchObject({ details: { method: "GET", path: "/api/audit" }, address: expect.any(String) });
  });
});

describe("the audit log at the database", () => {
  it("refuses updates and deletes, so nobody can edit it", async () => {
    const { createTestDatabase } = await import("../support.js");
    const { auditLog } = await import("../../server/db/schema/index.js");
    const database = await createTestDatabase();
    try {
      const [entry] = await database.db.insert(auditLog).values({ action: "test.entry" }).returning();
      await expect(database.db.update(auditLog).set({ action: "forged" })).rejects.toThrow();
      await expect(database.db.delete(auditLog)).rejects.toThrow();
      const rows = await database.db.select().from(auditLog);
      expect(rows).toEqual([entry]);
    } finally {
      await database.close();
    }
  });
});
