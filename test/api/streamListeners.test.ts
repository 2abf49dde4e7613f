/**
 * Issue 10, item 15: a page that goes away takes its event stream's listeners with it. A tab
 * left open an hour opens and drops these streams hundreds of times; a listener left behind
 * per visit would keep its closure, its timers and its response alive for the life of the server.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { eventually, signIn, startTestServer } from "../support.js";

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe("event stream listeners", () => {
  let server: Server;
  let documentId: string;
  let cookie: string;
  let live = 0;

  beforeAll(async () => {
    // Keep-alives and re-checks far apart: a dropped stream must be noticed without waiting for either.
    server = await startTestServer({ env: { STREAM_RECHECK_SECONDS: 3600 } });
    const { db } = server.database;
    const schoolId = (await buildSchool(db)).id;
    documentId = (await buildDocument(db, { schoolId })).id;
    cookie = await signIn(server.url, (await buildUser(db, { role: "school_leader", schoolId })).email, TEST_PASSWORD);
    // Counts every live subscription on the three buses the streams listen to.
    for (const bus of [server.deps.events, server.deps.people, server.deps.progress] as { subscribe: (...a: never[]) => () => void }[]) {
      const subscribe = bus.subscribe.bind(bus);
      bus.subscribe = (...args: never[]) => {
        live++;
        const off = subscribe(...args);
        let done = false;
        return () => {
          if (!done) live--;
          done = true;
          off();
        };
      };
    }
  });
  afterAll(() => server.closeAll());

  async function open(path: string) {
    const controller = new AbortController();
    const res = await fetch(`${server.url}${path}`, { headers: { cookie }, signal: controller.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let text = "";
    while (!text.includes("event: ready")) text += new TextDecoder().decode((await reader.read()).value);
    return () => controller.abort();
  }

  it("dropping the document, notification and progress streams removes every listener they added, at once", async () => {
    const before = live;
    const paths = [`/api/documents/${documentId}/events`, "/api/notifications/events", "/api/progress/events"];
    for (let round = 0; round < 5; round++) {
      const stops = await Promise.all(paths.map(open));
      // Each stream listens on its own bus and on the person's (to end at sign-out).
      expect(live).toBeGreaterThanOrEqual(before + paths.length * 2);
      for (const stop of stops) stop();
      await eventually(() => expect(live).toBe(before), { timeout: 3000 });
    }
  });
});
