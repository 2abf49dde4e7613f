/** The demo's termly cycle: a 2026/27 calendar and two past reviews for every school, so charts show a trend. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../server/seed/demoTrust.js";
import { demoSeedOptions } from "../../server/seed/options.js";
import { seedDemoTrust } from "../../server/seed/seedDemo.js";
import { signIn, startTestServer } from "../support.js";

describe("the demo's calendar and reviews", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let cookie: string;
  beforeAll(async () => {
    server = await startTestServer();
    expect(await seedDemoTrust(server.database.db, demoSeedOptions())).toBe(true);
    cookie = await signIn(server.url, "ceo@trellis.test", DEMO_PASSWORD);
    // Seeding the whole demo trust (and extracting it) takes a while on a busy machine.
  }, 600_000);
  afterAll(() => server.closeAll());
  const get = async <T>(path: string): Promise<T> => (await (await fetch(`${server.url}${path}`, { headers: { cookie } })).json()) as T;

  it("has the trust's 2026/27 calendar for England", async () => {
    const calendar = await get<{ halfTerms: { halfTerm: string; startsOn: string }[] }>("/api/calendar?year=2026/27");
    expect(calendar.halfTerms).toHaveLength(6);
    expect(calendar.halfTerms[0]).toMatchObject({ halfTerm: "autumn-1", startsOn: "2026-09-03" });
  });

  it("gives every school two past review points with a trend and commentary", async () => {
    const { schools } = await get<{ schools: { id: string; name: string }[] }>("/api/schools");
    for (const school of schools) {
      const body = await get<{ points: { halfTerm: string }[]; history: { entries: { commentary: string }[] }[] }>(`/api/schools/${school.id}/reviews`);
      expect(body.points.length, school.name).toBe(2);
      expect(body.history.some((h) => h.entries.length === 2 && h.entries.some((e) => e.commentary)), school.name).toBe(true);
    }
    // Seeding again does nothing.
    expect(await seedDemoTrust(server.database.db, demoSeedOptions())).toBe(false);
  }, 60_000);
});
