/**
 * Two real Trellis processes on a Redis of the test's own, killed and restarted while clients
 * on both type: each process keeps serving its own clients meanwhile and says so in /readyz,
 * and once Redis is back they catch up from the log and converge, losing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../server/db/client.js";
import { loadDocumentState } from "../../../server/collab/documentStore.js";
import { synced } from "../../collab/clients.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../../factories.js";
import { eventually, signIn } from "../../support.js";
import { type Cluster, connect, type NoticedClient, PrivateRedis, startCluster } from "./cluster.js";

let redis: PrivateRedis;
let cluster: Cluster;
let db: Database;
const clients: NoticedClient[] = [];

beforeAll(async () => {
  redis = await PrivateRedis.start();
  cluster = await startCluster(2, redis.url);
  db = await cluster.data.open();
}, 180_000);

afterAll(async () => {
  for (const c of clients) c.destroy();
  await db?.close();
  await cluster?.stop();
  await redis?.kill();
}, 60_000);

const readiness = async (i: number) => (await (await fetch(`${cluster.children[i]!.url}/readyz`)).json()) as { status: string; redis?: string };

describe("Redis stopped and started while clients on two processes type", () => {
  it("loses nothing: each process serves its own clients during the outage, and convergence resumes", async () => {
    const school = await buildSchool(db.db);
    const documentId = (await buildDocument(db.db, { schoolId: school.id })).id;
    const user = await buildUser(db.db, { role: "school_leader", schoolId: school.id });
    const cookie = await signIn(cluster.children[0]!.url, user.email, TEST_PASSWORD);
    const open = (i: number) => {
      const c = connect(cluster.children[i]!.url, documentId, cookie);
      clients.push(c);
      return c;
    };
    const [a, a2, b] = [open(0), open(0), open(1)];
    await Promise.all([a, a2, b].map((c) => synced(c)));
    expect(await readiness(0)).toMatchObject({ status: "ready", redis: "ok" });
    a.text.insert(0, "a0 ");
    b.text.insert(0, "b0 ");
    await eventually(() => {
      expect(a.text.toString()).toBe(b.text.toString());
      expect(a.text.toString()).toContain("a0 ");
      expect(a.text.toString()).toContain("b0 ");
    });

    await redis.kill();
    await eventually(async () => expect(await readiness(0)).toMatchObject({ status: "ready", redis: "unreachable" }));
    expect(await readiness(1)).toMatchObject({ status: "ready", redis: "unreachable" });
    const typed: string[] = [];
    for (let i = 1; i <= 10; i++) {
      a.text.insert(a.text.length, `a${i} `);
      b.text.insert(b.text.length, `b${i} `);
      typed.push(`a${i} `, `b${i} `);
      await new Promise((r) => setTimeout(r, 30));
    }
    // A process without Redis still serves its own clients.
    await eventually(() => expect(a2.text.toString()).toBe(a.text.toString()));
    expect(a.text.toString()).not.toContain("b10 ");

    await redis.resume();
    await eventually(
      () => {
        expect(b.text.toString()).toBe(a.text.toString());
        expect(a2.text.toString()).toBe(a.text.toString());
        for (const word of typed) expect(a.text.toString()).toContain(word);
      },
      { timeout: 15_000 },
    );
    await eventually(async () => expect(await readiness(0)).toMatchObject({ redis: "ok" }));

    // And the relay works again, not only the catch-up.
    b.text.insert(b.text.length, "after ");
    await eventually(() => expect(a.text.toString()).toContain("after "));
    await eventually(async () => expect((await loadDocumentState(db.db, documentId)).getText("body").toString()).toBe(a.text.toString()));
  });
});
