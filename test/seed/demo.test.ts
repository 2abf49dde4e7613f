import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_PEOPLE } from "../../server/seed/demoTrust.js";
import { demoSeedOptions } from "../../server/seed/options.js";
import { seedDemoTrust } from "../../server/seed/seedDemo.js";
import { signIn, startTestServer } from "../support.js";

describe("the demo trust", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer();
    expect(await seedDemoTrust(server.database.db, demoSeedOptions())).toBe(true);
    // Seeding plays the demo's autumn through the API, which is slow on a loaded machine.
  }, 600_000);
  afterAll(() => server.closeAll());

  const get = async (cookie: string, path: string) => (await fetch(`${server.url}${path}`, { headers: { cookie } })).json();

  it("every listed login works with the demo password", async () => {
    for (const p of DEMO_PEOPLE.slice(0, 7)) await signIn(server.url, p.email, DEMO_PASSWORD);
  });

  it("the head of Oakfield sees exactly one school; the CEO sees all of them at all four tiers", async () => {
    const head = await get(await signIn(server.url, "head.oakfield@trellis.test", DEMO_PASSWORD), "/api/schools");
    expect(head.schools.map((s: { name: string }) => s.name)).toEqual(["Oakfield Primary"]);
    const ceo = await get(await signIn(server.url, "ceo@trellis.test", DEMO_PASSWORD), "/api/schools");
    expect(ceo.schools.length).toBeGreaterThanOrEqual(6);
    expect(new Set(ceo.schools.map((s: { tier: { level: number } }) => s.tier.level))).toEqual(new Set([1, 2, 3, 4]));
    expect(ceo.schools.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(["Oakfield Primary", "Riverside Academy"]));
  });

  it("every school has a head and a governor, and a plan and a SEF", async () => {
    const cookie = await signIn(server.url, "ceo@trellis.test", DEMO_PASSWORD);
    const { schools } = await get(cookie, "/api/schools");
    for (const school of schools) {
      const { people } = await get(cookie, `/api/schools/${school.id}/people`);
      const roles = people.map((p: { role: string }) => p.role);
      expect(roles, school.name).toEqual(expect.arrayContaining(["school_leader", "governor"]));
      const { documents } = await get(cookie, `/api/documents?schoolId=${school.id}`);
      const kinds = documents.map((d: { kind: string }) => d.kind);
      expect(kinds, school.name).toContain("sef");
      expect(kinds.includes("single_plan") || kinds.includes("adp"), school.name).toBe(true);
    }
  });

  it("seeding again changes nothing", async () => {
    expect(await seedDemoTrust(server.database.db, demoSeedOptions())).toBe(false);
    const cookie = await signIn(server.url, "ceo@trellis.test", DEMO_PASSWORD);
    const { schools } = await get(cookie, "/api/schools");
    expect(schools.length).toBe(7);
  });
});
