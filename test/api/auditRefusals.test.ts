/** A refused WebSocket upgrade leaves the same audit trail as a refused HTTP request. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawSocket } from "../collab/clients.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { apiAs, eventually, signIn, startTestServer } from "../support.js";

describe("audit of refusals on the socket", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.closeAll());

  it("records another school's head being refused a document's room", async () => {
    const { db } = server.database;
    const school = await buildSchool(db);
    const other = await buildSchool(db);
    const documentId = (await buildDocument(db, { schoolId: school.id })).id;
    const outsider = await buildUser(db, { role: "school_leader", schoolId: other.id });
    const refused = await rawSocket(server.url, documentId, await signIn(server.url, outsider.email, TEST_PASSWORD));
    expect(refused).toMatchObject({ status: 404 });
    const admin = apiAs(server.url, await signIn(server.url, (await buildUser(db, { role: "trust_admin" })).email, TEST_PASSWORD));
    await eventually(async () => {
      const { entries } = await (await admin("GET", "/api/audit?action=permission.denied")).json();
      expect(entries[0]).toMatchObject({ actor: { id: outsider.id }, details: { channel: "collab", path: `/collab/${documentId}` } });
    });
  });
});
