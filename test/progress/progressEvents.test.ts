/**
 * GET /api/progress/events over real HTTP: a write of extracted blocks (through the collab
 * server and the real extractor) reaches the streams of people who may read that school, and
 * never anyone else's; a change that writes no row sends nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { eventually, signIn, startTestServer } from "../support.js";
import { appendNodes, block, setBlockAttrs } from "./seedPlans.js";

type Server = Awaited<ReturnType<typeof startTestServer>>;

async function openStream(server: Server, cookie: string) {
  const controller = new AbortController();
  const res = await fetch(`${server.url}/api/progress/events`, { headers: { cookie }, signal: controller.signal });
  expect(res.status).toBe(200);
  let text = "";
  const reader = res.body!.getReader();
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
  })().catch(() => {});
  await eventually(() => expect(text).toContain("event: ready"));
  const events = () =>
    [...text.matchAll(/event: progress\ndata: (.*)\n/g)].map((m) => JSON.parse(m[1]!) as { type: string; schoolId: string; documentId: string });
  return { events, stop: () => controller.abort() };
}

describe("progress event stream", () => {
  let server: Server;
  let schoolA: string;
  let schoolB: string;
  let planA: string;
  let planB: string;
  const actionA = crypto.randomUUID();
  const cookies: Record<string, string> = {};
  const streams: { stop(): void }[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    const { db } = server.database;
    schoolA = (await buildSchool(db)).id;
    schoolB = (await buildSchool(db)).id;
    planA = (await buildDocument(db, { schoolId: schoolA })).id;
    planB = (await buildDocument(db, { schoolId: schoolB })).id;
    for (const [name, role, schoolId] of [["governorA", "governor", schoolA], ["headB", "school_leader", schoolB], ["lead", "trust_lead", null]] as const) {
      cookies[name] = await signIn(server.url, (await buildUser(db, { role, schoolId })).email, TEST_PASSWORD);
    }
  });
  afterAll(async () => {
    for (const s of streams) s.stop();
    await server.closeAll();
  });

  it("tells each person about their schools' block changes only", async () => {
    const governorA = await openStream(server, cookies.governorA!);
    const headB = await openStream(server, cookies.headB!);
    const lead = await openStream(server, cookies.lead!);
    streams.push(governorA, headB, lead);

    await appendNodes(server, planA, [block("action", actionA, "Phonics catch-up groups", { rag: "amber" })], null);
    await eventually(() => expect(lead.events()).toContainEqual({ type: "progress", schoolId: schoolA, documentId: planA }), { timeout: 10_000 });
    await eventually(() => expect(governorA.events()).toContainEqual({ type: "progress", schoolId: schoolA, documentId: planA }));

    await appendNodes(server, planB, [block("action", crypto.randomUUID(), "Attendance calls home", { rag: "red" })], null);
    await eventually(() => expect(lead.events()).toContainEqual({ type: "progress", schoolId: schoolB, documentId: planB }), { timeout: 10_000 });
    await eventually(() => expect(headB.events()).toContainEqual({ type: "progress", schoolId: schoolB, documentId: planB }));
    // By now both writes have been published: neither school heard the other's.
    expect(governorA.events().every((e) => e.schoolId === schoolA)).toBe(true);
    expect(headB.events().every((e) => e.schoolId === schoolB)).toBe(true);

    // A RAG change is one more event.
    const before = lead.events().length;
    await setBlockAttrs(server, planA, actionA, { rag: "green" }, null);
    await eventually(() => expect(lead.events().length).toBe(before + 1), { timeout: 10_000 });
  });

  it("refuses people who are not signed in", async () => {
    expect((await fetch(`${server.url}/api/progress/events`)).status).toBe(401);
  });
});
