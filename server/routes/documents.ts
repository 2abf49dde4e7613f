/** Documents: list, create and read. The text itself travels over /collab. */
import { and, desc, eq, inArray, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { academicYearSchema, documentKindSchema } from "../../shared/enums.js";
import { requireActor } from "../auth/middleware.js";
import { createDocument, createDocumentSchema } from "../commands/documentCreator.js";
import { documents, schools } from "../db/schema/index.js";
import { documentResource, loadDocument } from "../documents/loadDocument.js";
import { latestApproval } from "../documents/latestApproval.js";
import type { AppEnv } from "../http/context.js";
import { HttpError } from "../http/errors.js";
import { parseBody, parseQuery, uuidParam } from "../http/validate.js";
import { abilitiesFor, approvalBodyFor, authorize, readableSchools } from "../policies/index.js";
import type { ApprovalSubject } from "../policies/approval.js";
import { presentDocument } from "../presenters/document.js";

const listQuery = z.object({
  schoolId: z.string().uuid().optional(),
  kind: documentKindSchema.optional(),
  year: academicYearSchema.optional(),
});

export const documentRoutes = new Hono<AppEnv>()
  .get("/documents", async (c) => {
    const actor = requireActor(c);
    const query = parseQuery(c, listQuery);
    const readable = readableSchools(actor);
    if (query.schoolId && readable !== "all" && !readable.includes(query.schoolId)) {
      throw new HttpError(403, "forbidden", "You do not have permission to see that school's documents");
    }
    const where: SQL[] = [];
    if (query.schoolId) where.push(eq(documents.schoolId, query.schoolId));
    else if (readable !== "all") {
      if (!readable.length) return c.json({ documents: [] });
      where.push(inArray(documents.schoolId, readable));
    }
    if (query.kind) where.push(eq(documents.kind, query.kind));
    if (query.year) where.push(eq(documents.academicYear, query.year));
    const rows = await c.var.deps.db
      .select({ doc: documents, schoolName: schools.name })
      .from(documents)
      .innerJoin(schools, eq(schools.id, documents.schoolId))
      .where(and(...where))
      .orderBy(desc(documents.updatedAt))
      .limit(500);
    return c.json({ documents: rows.map((r) => presentDocument(r.doc, r.schoolName)) });
  })
  .post("/documents", async (c) => {
    const actor = requireActor(c);
    const input = await parseBody(c, createDocumentSchema);
    const { db, hooks } = c.var.deps;
    const [school] = await db.select({ id: schools.id }).from(schools).where(eq(schools.id, input.schoolId)).limit(1);
    if (!school) throw new HttpError(404, "not_found", "School not found");
    authorize(actor, "createDocument", { type: "school", id: input.schoolId });
    const doc = await createDocument(db, input, actor.id);
    await hooks.onDocumentCreated?.(doc, actor);
    return c.json(presentDocument(doc), 201);
  })
  .get("/documents/:id", async (c) => {
    const actor = requireActor(c);
    const row = await loadDocument(c.var.deps.db, uuidParam(c, "id"));
    if (!row) throw new HttpError(404, "not_found", "Document not found");
    const resource = documentResource(row.doc, row.tier);
    authorize(actor, "read", resource);
    return c.json({
      document: {
        ...presentDocument(row.doc, row.schoolName),
        approvalBody: approvalBodyFor(resource as ApprovalSubject),
        // The record of the approval it stands on (latest approved version), or null.
        approval: row.doc.status === "approved" ? await latestApproval(c.var.deps.db, row.doc.id) : null,
      },
      abilities: abilitiesFor(actor, resource, ["update", "comment", "review", "approve", "requestChanges"]),
    });
  });
