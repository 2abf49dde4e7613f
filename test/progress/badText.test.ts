/**
 * Text Postgres cannot store (a NUL, a lone UTF-16 surrogate) in one block is cleaned where it
 * leaves the Y.Doc and becomes a warning on that block: the rest of the document still extracts,
 * and so do later edits. The same text in an audited change is refused at the edge, or cleaned
 * in the audit row, so no change goes unaudited.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeAudit } from "../../server/commands/auditLogger.js";
import { auditLog } from "../../server/db/schema/index.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { apiAs, signIn, startTestServer } from "../support.js";
import { appendNodes, block, waitForBlocks } from "./seedPlans.js";

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let cookie: string;
let schoolId: string;
let leaderId: string;

beforeAll(async () => {
  server = await startTestServer();
  const { db } = server.database;
  schoolId = (await buildSchool(db)).id;
  const leader = await buildUser(db, { role: "trust_admin" });
  leaderId = leader.id;
  cookie = await signIn(server.url, leader.email, TEST_PASSWORD);
});

afterAll(async () => {
  await server?.closeAll();
});

describe("bad text in blocks", () => {
  it("a NUL or lone surrogate in one block is a warning on that block, and the document keeps extracting", async () => {
    const doc = await buildDocument(server.database.db, { schoolId });
    const [good, nul, surrogate, later] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    await appendNodes(server, doc.id, [
      block("target", good, "Reading at 80%", { rag: "amber" }),
      block("action", nul, "Phonics\u0000 training", { rag: "red", status: "in_progress" }),
      block("action", surrogate, "Broken \uD83D emoji", { rag: "green", commentary: "note\u0000" } as never),
    ], leaderId);
    await waitForBlocks(server, cookie, doc.id, (blocks) => {
      const byId = new Map(blocks.map((b) => [b.id, b as typeof b & { warnings: { attribute: string; message: string }[] }]));
      expect(byId.get(good)?.text).toBe("Reading at 80%");
      expect(byId.get(nul)?.text).toBe("Phonics training");
      expect(byId.get(nul)?.warnings.map((w) => w.attribute)).toContain("text");
      expect(byId.get(surrogate)?.text).toBe("Broken \uFFFD emoji");
      expect(byId.get(surrogate)?.warnings.map((w) => w.attribute)).toContain("text");
    });
    // Not stalled: a later edit to the same document is extracted too.
    await appendNodes(server, doc.id, [block("action", later, "Added afterwards", { rag: "amber" })], leaderId);
    await waitForBlocks(server, cookie, doc.id, (blocks) => expect(blocks.map((b) => b.id)).toContain(later));
  });
});

describe("bad text in audited changes", () => {
  it("a lone surrogate in a tier reason is refused with a 400 and changes nothing", async () => {
    const call = apiAs(server.url, cookie);
    const res = await call("POST", `/api/schools/${schoolId}/tier`, { tier: 3, reason: "Because \uD800 of results" });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("invalid_text");
    const school = await (await call("GET", `/api/schools/${schoolId}`)).json();
    expect(JSON.stringify(school)).not.toContain("Because");
  });

  it("an audit entry whose details hold a NUL or lone surrogate is still written, cleaned", async () => {
    const action = `test.bad_text_${crypto.randomUUID()}`;
    await writeAudit(server.database.db, server.deps.logger, {
      action,
      actorId: leaderId,
      details: { reason: "Because \uD800 of\u0000 results", nested: { versionName: "v\uDFFF1" } },
      address: "127.0.0.1",
    });
    const [row] = await server.database.db.select().from(auditLog).where(eq(auditLog.action, action));
    expect(row?.details).toEqual({ reason: "Because \uFFFD of results", nested: { versionName: "v\uFFFD1" } });
  });
});
