/** Re-extraction from stored Yjs state: the tables are derived, so emptying them and re-extracting gives them back. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actions, documentRollups, findings, judgements, priorities, rollupRedAreas, statusHistory, targets } from "../../server/db/schema/index.js";
import { createLogger } from "../../server/logger.js";
import { reextractAll } from "../../server/progress/reextract.js";
import { buildDocument, buildSchool, buildUser } from "../factories.js";
import { startTestServer } from "../support.js";
import { appendNodes, block, setBlockAttrs } from "./seedPlans.js";

type Server = Awaited<ReturnType<typeof startTestServer>>;
const TABLES = [priorities, targets, actions, judgements, findings] as const;

describe("re-extraction", () => {
  let server: Server;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.closeAll());

  /**
   * Every row of the derived tables, without when they were written or by whom (that is the
   * edit's metadata, not the document's content). A document with nothing to count may or may
   * not have a rollup row: an empty one equals a missing one.
   */
  async function snapshot() {
    const { db } = server.database;
    const out: unknown[] = [];
    for (const table of TABLES) {
      const rows = (await db.select().from(table)) as Record<string, unknown>[];
      out.push(rows.map(({ createdAt: _c, updatedAt: _u, gradedAt: _g, updatedBy: _b, ...rest }) => rest).sort((a, b) => String(a.blockKey).localeCompare(String(b.blockKey))));
    }
    const rollups = await db.select().from(documentRollups);
    out.push(
      rollups
        .filter((r) => r.actionsTotal + r.targetsTotal > 0)
        .map(({ updatedAt: _u, ...r }) => r)
        .sort((a, b) => a.documentId.localeCompare(b.documentId)),
    );
    out.push((await db.select().from(rollupRedAreas)).sort((a, b) => `${a.documentId}${a.blockType}${a.area}`.localeCompare(`${b.documentId}${b.blockType}${b.area}`)));
    return out;
  }

  it("rebuilds every table from the stored documents, and adds no history twice", async () => {
    const { db } = server.database;
    const school = await buildSchool(db);
    const leader = await buildUser(db, { role: "school_leader", schoolId: school.id });
    const plan = (await buildDocument(db, { schoolId: school.id })).id;
    const sef = (await buildDocument(db, { schoolId: school.id, kind: "sef" })).id;
    const [t, a] = [crypto.randomUUID(), crypto.randomUUID()];
    await appendNodes(server, plan, [
      block("priority", crypto.randomUUID(), "Reading", { area: "curriculum_teaching" }),
      block("target", t, "Reading at 80%", { rag: "amber", current: "70%" }),
      block("action", a, "Phonics", { rag: "red", owners: [leader.id], due: "2020-01-01" }),
      block("finding", crypto.randomUUID(), "Strong phonics teaching", { area: "curriculum_teaching", kind: "strength" }),
    ], leader.id);
    await appendNodes(server, sef, [block("judgement", crypto.randomUUID(), "Evidence", { framework: "ofsted-2025", area: "achievement", grade: "strong_standard" })], leader.id);
    await setBlockAttrs(server, plan, a, { rag: "amber" }, leader.id);
    await server.collab.close(); // rooms unload: their extraction is written and their updates stored
    const before = await snapshot();
    const history = await db.select().from(statusHistory);
    expect((before[2] as unknown[]).length).toBe(1);

    // Nothing to do when the tables already match.
    const logger = createLogger("silent");
    const idle = await reextractAll(db, logger);
    expect(idle).toMatchObject({ documents: 2, blocks: 5, written: 0, deleted: 0, history: 0, failed: [] });

    for (const table of [...TABLES, documentRollups, rollupRedAreas]) await db.delete(table);
    const rebuilt = await reextractAll(db, logger);
    expect(rebuilt).toMatchObject({ documents: 2, blocks: 5, written: 5, history: 0, failed: [] });
    expect(await snapshot()).toEqual(before);
    expect(await db.select().from(statusHistory)).toHaveLength(history.length);
    expect((await db.select().from(actions).where(eq(actions.blockId, a)))[0]).toMatchObject({ rag: "amber", owners: [leader.id] });
  });
});
