/**
 * Password-reset emails are limited per account (and per address) in the store every process
 * shares, so asking again and again, or through another process, cannot flood an inbox; the
 * answer stays the same, so the limit tells nobody whether the account exists.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LoginThrottle } from "../../server/auth/loginThrottle.js";
import { mailOutbox } from "../../server/db/schema/index.js";
import { buildUser } from "../factories.js";
import { createTestDatabase, startTestServer } from "../support.js";

type Server = Awaited<ReturnType<typeof startTestServer>>;
/** A real Redis: .ci/run starts one and sets TEST_REDIS_URL; a machine with none runs the database store only. */
const REDIS_URL = process.env.TEST_REDIS_URL;
const stores = [{ store: "database" as const, redisUrl: undefined }, ...(REDIS_URL ? [{ store: "redis" as const, redisUrl: REDIS_URL }] : [])];

const askReset = (server: Server, email: string) =>
  fetch(`${server.url}/api/auth/password-reset`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email }) });

describe.each(stores)("password-reset emails across two processes ($store store)", ({ store, redisUrl }) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let servers: Server[];
  beforeAll(async () => {
    database = await createTestDatabase();
    servers = [await startTestServer({ database }), await startTestServer({ database })];
    const keyPrefix = `trellis-test:${Date.now().toString(36)}:${Math.random().toString(36).slice(2, 8)}`;
    for (const server of servers) {
      const old = server.deps.throttle;
      server.deps.throttle = new LoginThrottle({ db: database.db, redisUrl }, { keyPrefix });
      await old.close();
    }
  });
  afterAll(async () => {
    for (const server of servers ?? []) await server.closeAll();
    await database?.close();
  });

  it("six requests for one account, alternating between the processes, send three emails; every answer is the same 202", async () => {
    expect(servers[0]!.deps.throttle.store).toBe(store);
    const user = await buildUser(database.db, { role: "trust_lead" });
    const bodies: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await askReset(servers[i % 2]!, user.email);
      expect(res.status).toBe(202);
      bodies.push(await res.text());
      await servers[i % 2]!.deps.notifier.idle();
    }
    expect(new Set(bodies).size).toBe(1);
    const sent = await database.db.select().from(mailOutbox).where(eq(mailOutbox.to, user.email));
    expect(sent).toHaveLength(3);
    // Another person asking from the same address is still served.
    const colleague = await buildUser(database.db, { role: "trust_lead" });
    expect((await askReset(servers[1]!, colleague.email)).status).toBe(202);
    await servers[1]!.deps.notifier.idle();
    expect(await database.db.select().from(mailOutbox).where(eq(mailOutbox.to, colleague.email))).toHaveLength(1);
  });
});
