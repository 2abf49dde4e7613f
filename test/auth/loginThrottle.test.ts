/** Issue 10, item 7: sign-in throttling that counts atomically, keys accounts and addresses apart, and trusts XFF only from a proxy. */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LoginThrottle, type ThrottleOptions } from "../../server/auth/loginThrottle.js";
import { auditLog } from "../../server/db/schema/index.js";
import { resolveClientAddress } from "../../server/http/clientAddress.js";
import { buildUser, TEST_PASSWORD } from "../factories.js";
import { createTestDatabase, startTestServer } from "../support.js";

type Server = Awaited<ReturnType<typeof startTestServer>>;
/** A real Redis: .ci/run starts one and sets TEST_REDIS_URL; a machine with none runs the rest. */
const REDIS_URL = process.env.TEST_REDIS_URL;
const uniquePrefix = () => `trellis-test:${Date.now().toString(36)}:${Math.random().toString(36).slice(2, 8)}`;

const login = (server: Server, email: string, password: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ email, password }) });

/** Gives a running server a throttle of its own (fresh counters, small limits) and closes the one it had. */
async function useThrottle(server: Server, options: ThrottleOptions, redisUrl?: string) {
  const old = server.deps.throttle;
  server.deps.throttle = new LoginThrottle({ db: server.database.db, redisUrl }, options);
  await old.close();
}

async function failedAudits(server: Server, email: string) {
  const rows = await server.database.db.select().from(auditLog).where(eq(auditLog.action, "auth.login_failed"));
  return rows.filter((r) => (r.details as { email?: string }).email === email);
}

describe("login throttle on one server (database store)", () => {
  let server: Server;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.closeAll());

  it("30 parallel wrong passwords: at most the limit (5) are evaluated, the rest get 429 with Retry-After", async () => {
    expect(server.deps.throttle.store).toBe("database");
    const email = (await buildUser(server.database.db, { role: "trust_lead" })).email;
    const responses = await Promise.all(Array.from({ length: 30 }, () => login(server, email, "wrong-password-guess")));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(25);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    const limited = responses.find((r) => r.status === 429)!;
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).error.code).toBe("too_many_attempts");
    expect((await failedAudits(server, email)).length).toBeLessThanOrEqual(5);
    // The right password no longer gets through either, until the window passes.
    expect((await login(server, email, TEST_PASSWORD)).status).toBe(429);
  });

  it("one person's failures behind a school's NAT do not lock out a colleague on the same address", async () => {
    const { db } = server.database;
    const typo = (await buildUser(db, { role: "governor", schoolId: null })).email;
    const colleague = (await buildUser(db, { role: "viewer", schoolId: null })).email;
    // More failures than the old per-address lock (20) allowed, all from 127.0.0.1.
    for (let i = 0; i < 25; i++) expect([401, 429]).toContain((await login(server, typo, "not-my-password")).status);
    expect((await login(server, typo, TEST_PASSWORD)).status).toBe(429);
    expect((await login(server, colleague, TEST_PASSWORD)).status).toBe(200);
  });

  it("a success clears the account's count: four typos, then the right password, then four more typos still get evaluated", async () => {
    const email = (await buildUser(server.database.db, { role: "viewer", schoolId: null })).email;
    for (let i = 0; i < 4; i++) expect((await login(server, email, "typo-typo-typo")).status).toBe(401);
    expect((await login(server, email, TEST_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login(server, email, "typo-typo-typo")).status).toBe(401);
  });

  it("ignores X-Forwarded-For from a peer not in TRUST_PROXY: rotating it neither escapes the address limit nor reaches the audit log", async () => {
    await useThrottle(server, { maxPerAddress: 3, keyPrefix: uniquePrefix() });
    const { db } = server.database;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const email = (await buildUser(db, { role: "viewer", schoolId: null })).email;
      statuses.push((await login(server, email, "spray-password-1", { "x-forwarded-for": `203.0.113.${i + 1}` })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const rows = await db.select().from(auditLog).where(and(eq(auditLog.action, "auth.login_failed"), eq(auditLog.address, "203.0.113.1")));
    expect(rows).toHaveLength(0);
  });
});

describe("login throttle behind a trusted proxy", () => {
  let server: Server;
  beforeAll(async () => {
    server = await startTestServer({ env: { TRUST_PROXY: "127.0.0.1,10.0.0.0/8" } });
  });
  afterAll(() => server.closeAll());

  it("takes the client from X-Forwarded-For when the peer is trusted: addresses count apart and the audit log names the client", async () => {
    await useThrottle(server, { maxPerAddress: 3, keyPrefix: uniquePrefix() });
    const { db } = server.database;
    for (let i = 0; i < 5; i++) {
      const email = (await buildUser(db, { role: "viewer", schoolId: null })).email;
      // A spoofed left-most hop before our own proxy (10.1.2.3) is skipped: the client is 198.51.100.<i>.
      expect((await login(server, email, "spray-password-1", { "x-forwarded-for": `6.6.6.6, 198.51.100.${i + 1}, 10.1.2.3` })).status).toBe(401);
    }
    const rows = await db.select().from(auditLog).where(and(eq(auditLog.action, "auth.login_failed"), eq(auditLog.address, "198.51.100.1")));
    expect(rows).toHaveLength(1);
    // One address over its limit is throttled, whichever account it tries.
    const from = { "x-forwarded-for": "192.0.2.50" };
    const tries: number[] = [];
    for (let i = 0; i < 4; i++) tries.push((await login(server, (await buildUser(db, {})).email, "spray-password-1", from)).status);
    expect(tries).toEqual([401, 401, 401, 429]);
  });

  it("resolveClientAddress walks the chain from the right and stops at the first untrusted hop", () => {
    const trust = "127.0.0.1,10.0.0.0/8";
    expect(resolveClientAddress("127.0.0.1", "1.1.1.1, 10.0.0.7", trust)).toBe("1.1.1.1");
    expect(resolveClientAddress("::ffff:127.0.0.1", "2.2.2.2", trust)).toBe("2.2.2.2");
    expect(resolveClientAddress("192.0.2.9", "1.1.1.1", trust)).toBe("192.0.2.9");
    expect(resolveClientAddress("127.0.0.1", "not-an-ip", trust)).toBe("127.0.0.1");
    expect(resolveClientAddress("127.0.0.1", "1.1.1.1", "")).toBe("127.0.0.1");
  });
});

describe("login throttle shared by two app instances", () => {
  it("over one database, 30 parallel wrong passwords split across two servers evaluate at most 5", { timeout: 90_000 }, async () => {
    const database = await createTestDatabase();
    const a = await startTestServer({ database });
    const b = await startTestServer({ database });
    try {
      const email = (await buildUser(database.db, { role: "trust_lead" })).email;
      const statuses = (await Promise.all(Array.from({ length: 30 }, (_, i) => login(i % 2 ? a : b, email, "wrong-password-guess")))).map((r) => r.status);
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(25);
    } finally {
      await a.closeAll();
      await b.closeAll();
      await database.close();
    }
  });

  it.runIf(REDIS_URL)("with REDIS_URL (real Redis), each on its own database, the account limit still holds across both", { timeout: 90_000 }, async () => {
    const a = await startTestServer({ env: { REDIS_URL } });
    const b = await startTestServer({ env: { REDIS_URL } });
    try {
      expect(a.deps.throttle.store).toBe("redis");
      // A shared prefix for this test only, so runs never meet each other's counters.
      const keyPrefix = uniquePrefix();
      await useThrottle(a, { keyPrefix }, REDIS_URL);
      await useThrottle(b, { keyPrefix }, REDIS_URL);
      const email = "same.person@example.test";
      // Separate databases: only Redis can make the two servers agree.
      await buildUser(a.database.db, { email });
      await buildUser(b.database.db, { email });
      const statuses = (await Promise.all(Array.from({ length: 30 }, (_, i) => login(i % 2 ? a : b, email, "wrong-password-guess")))).map((r) => r.status);
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(25);
      expect((await login(a, email, TEST_PASSWORD)).status).toBe(429);
      expect((await login(b, email, TEST_PASSWORD)).status).toBe(429);
    } finally {
      await a.closeAll();
      await b.closeAll();
    }
  });
});
