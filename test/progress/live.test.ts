/** End to end on the server: a real WebsocketProvider edits a block's RAG and the API shows it. */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { statusHistory } from "../../server/db/schema/index.js";
import type { ActionPage } from "../../server/progress/apiTypes.js";
import { connectClient, synced, type Client } from "../collab/clients.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { eventually, signIn, startTestServer } from "../support.js";
import { editAsEditor, findBlock } from "./editorDocs.js";
import { appendNodes, block, waitForBlocks } from "./seedPlans.js";

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe("live extraction through the collab server", () => {
  let server: Server;
  let client: Client | null = null;
  afterAll(async () => {
    client?.destroy();
    await server.closeAll();
  });

  let documentId: string;
  let leader: Awaited<ReturnType<typeof buildUser>>;
  let cookie: string;
  const actionId = crypto.randomUUID();

  beforeAll(async () => {
    server = await startTestServer();
    const { db } = server.database;
    const school = await buildSchool(db);
    leader = await buildUser(db, { role: "school_leader", schoolId: school.id });
    cookie = await signIn(server.url, leader.email, TEST_PASSWORD);
    documentId = (await buildDocument(db, { schoolId: school.id })).id;
    await appendNodes(server, documentId, [
      block("priority", crypto.randomUUID(), "Reading", { area: "curriculum_teaching" }),
      block("action", actionId, "Phonics training", { rag: "amber", owners: [leader.id] }),
    ], leader.id);
    await waitForBlocks(server, cookie, documentId, (b) => expect(b).toHaveLength(2));
  });

  it("makes a RAG changed in an editor queryable through the API, attributed to its author", async () => {
    client = connectClient(server.url, documentId, cookie);
    await synced(client);
    const started = Date.now();
    editAsEditor(client.doc, (tr, doc) => {
      const { pos, node } = findBlock(doc, actionId);
      tr.setNodeMarkup(pos, undefined, { ...node.attrs, rag: "red" });
    });
    await eventually(async () => {
      const res = await fetch(`${server.url}/api/actions?documentId=${documentId}`, { headers: { cookie } });
      const page = (await res.json()) as ActionPage;
      expect(page.actions.find((a) => a.id === actionId)?.rag).toBe("red");
    }, { timeout: 5000, interval: 10 });
    // Debounce (150 ms) plus a write: well inside the 500 ms budget even on a loaded machine.
    expect(Date.now() - started).toBeLessThan(2000);

    const history = await server.database.db
      .select()
      .from(statusHistory)
      .where(and(eq(statusHistory.documentId, documentId), eq(statusHistory.blockKey, actionId)));
    expect(history.map((h) => [h.field, h.oldValue, h.newValue, h.changedBy])).toEqual([
      ["rag", null, "amber", leader.id],
      ["rag", "amber", "red", leader.id],
    ]);
  });
});
