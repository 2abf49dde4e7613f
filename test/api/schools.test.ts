import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { signIn, startTestServer } from "../support.js";

describe("schools, tiers and documents", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let lead: string;
  let head: string;
  let schoolId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const { db } = server.database;
    schoolId = (await buildSchool(db, { name: "Elm Tree Primary", tier: 2 })).id;
    lead = await signIn(server.url, (await buildUser(db, { role: "trust_lead" })).email, TEST_PASSWORD);
    head = await signIn(server.url, (await buildUser(db, { role: "school_leader", schoolId })).email, TEST_PASSWORD);
  });
  afterAll(() => server.closeAll());

  const json = (method: string, path: string, cookie: string, body?: unknown) =>
    fetch(`${server.url}${path}`, { method, headers: { cookie, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });

  it("keeps tier history: the current tier is the latest, with who set it and why", async () => {
    const res = await json("POST", `/api/schools/${schoolId}/tier`, lead, { tier: 4, reason: "Inspection outcome: urgent improvement" });
    expect(res.status).toBe(201);
    expect((await res.json()).school.tier).toMatchObject({ level: 4, name: "Stabilise" });
    const { school, abilities } = await (await json("GET", `/api/schools/${schoolId}`, lead)).json();
    expect(abilities.setTier).toBe(true);
    expect(school.tierHistory.map((h: { tier: number }) => h.tier)).toEqual([4, 2]);
    expect(school.tierHistory[0]).toMatchObject({ reason: "Inspection outcome: urgent improvement", tierName: "Stabilise", setByName: expect.any(String) });
  });

  it("lists a school's people with the trust's staff, who can own actions and be mentioned", async () => {
    const { db } = server.database;
    const other = await buildSchool(db, { name: "Ash Grove Primary" });
    const stranger = await buildUser(db, { role: "school_leader", schoolId: other.id, name: "Stranger Head" });
    const { people } = await (await json("GET", `/api/schools/${schoolId}/people`, head)).json();
    const scopes = Object.fromEntries(people.map((p: { role: string; scope: string }) => [p.role, p.scope]));
    expect(scopes).toMatchObject({ school_leader: "school", trust_lead: "trust" });
    expect(people.map((p: { id: string }) => p.id)).not.toContain(stranger.id);
    expect(new Set(people.map((p: { id: string }) => p.id)).size).toBe(people.length);
  });

  it("needs a reason and a real tier", async () => {
    expect((await json("POST", `/api/schools/${schoolId}/tier`, lead, { tier: 3 })).status).toBe(400);
    expect((await json("POST", `/api/schools/${schoolId}/tier`, lead, { tier: 9, reason: "No such tier" })).status).toBe(400);
  });

  it("lists the default tier scheme with its support cadence", async () => {
    const { tiers } = await (await json("GET", "/api/tiers", head)).json();
    expect(tiers.map((t: { name: string }) => t.name)).toEqual(["Lead", "Grow", "Reinvent", "Stabilise"]);
    expect(tiers.map((t: { ceoOneToOneWeeks: number }) => t.ceoOneToOneWeeks)).toEqual([4, 4, 2, 1]);
  });

  it("creates a document and filters the list by kind and year", async () => {
    const created = await json("POST", "/api/documents", head, { schoolId, kind: "sef", title: "SEF 2026/27", academicYear: "2026/27", framework: "ofsted-2019" });
    expect(created.status).toBe(201);
    const doc = await created.json();
    expect(doc).toMatchObject({ id: expect.any(String), kind: "sef", framework: "ofsted-2019", status: "draft" });
    const { documents } = await (await json("GET", `/api/documents?schoolId=${schoolId}&kind=sef&year=2026/27`, head)).json();
    expect(documents.map((d: { id: string }) => d.id)).toContain(doc.id);
    const none = await (await json("GET", `/api/documents?schoolId=${schoolId}&kind=adp`, head)).json();
    expect(none.documents).toEqual([]);
  });

  it("explains what is wrong with a bad document", async () => {
    const cases = [
      { body: { schoolId, kind: "single_plan", title: "Plan", academicYear: "2026/27" }, field: "term" },
      { body: { schoolId, kind: "memo", title: "Plan", academicYear: "2026/27" }, field: "kind" },
      { body: { schoolId, kind: "adp", title: "Plan", academicYear: "2026/28" }, field: "academicYear" },
      { body: { schoolId, kind: "adp", title: "", academicYear: "2026/27" }, field: "title" },
    ];
    for (const { body, field } of cases) {
      const res = await json("POST", "/api/documents", head, body);
      expect(res.status).toBe(400);
      expect((await res.json()).error.message).toContain(field);
    }
  });
});
