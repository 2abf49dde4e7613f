/** A new document starts from its kind's template, written once by the server. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { connectClient, synced } from "../collab/clients.js";
import { apiAs, eventually, signIn, startTestServer } from "../support.js";

describe("document creation writes the template", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let cookie: string;
  let schoolId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const { db } = server.database;
    schoolId = (await buildSchool(db)).id;
    cookie = await signIn(server.url, (await buildUser(db, { role: "school_leader", schoolId })).email, TEST_PASSWORD);
  });
  afterAll(() => server.closeAll());

  const blockNames = (fragment: import("yjs").XmlFragment) =>
    fragment.toArray().map((n) => ("nodeName" in n ? (n as { nodeName: string }).nodeName : "text"));

  it("gives a SEF one judgement per framework area, and two people opening it get it once", async () => {
    const res = await apiAs(server.url, cookie)("POST", "/api/documents", { schoolId, kind: "sef", title: "SEF", academicYear: "2026/27", framework: "ofsted-2019" });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const a = connectClient(server.url, id, cookie);
    const b = connectClient(server.url, id, cookie);
    try {
      await Promise.all([synced(a), synced(b)]);
      const judgements = () => blockNames(a.doc.getXmlFragment("default")).filter((n) => n === "judgement").length;
      // ofsted-2019: seven areas (with early years, sixth form and overall effectiveness) plus safeguarding.
      await eventually(() => expect(judgements()).toBe(8));
      await eventually(() => expect(blockNames(b.doc.getXmlFragment("default"))).toEqual(blockNames(a.doc.getXmlFragment("default"))));
    } finally {
      a.destroy();
      b.destroy();
    }
  });

  it("gives a Single Plan priorities, each with an empty target and action", async () => {
    const { id } = await (await apiAs(server.url, cookie)("POST", "/api/documents", { schoolId, kind: "single_plan", title: "Plan", academicYear: "2026/27", term: "spring" })).json();
    const client = connectClient(server.url, id, cookie);
    try {
      await synced(client);
      const names = blockNames(client.doc.getXmlFragment("default"));
      expect(names.filter((n) => n === "priority").length).toBeGreaterThanOrEqual(1);
      expect(names.filter((n) => n === "target").length).toBe(names.filter((n) => n === "priority").length);
    } finally {
      client.destroy();
    }
  });
});
