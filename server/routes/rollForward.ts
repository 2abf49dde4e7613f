/** Rolling a plan forward into next term (or next year), and the old plan's closing summary. */
import { eq } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { Hono } from "hono";
import { audit } from "../commands/auditLogger.js";
import { documents, planRollForwards } from "../db/schema/index.js";
import { documentResource } from "../documents/loadDocument.js";
import { requireDocument } from "../documents/requireDocument.js";
import type { AppEnv } from "../http/context.js";
import { parseBody, uuidParam } from "../http/validate.js";
import { authorize, can } from "../policies/index.js";
import { rollForwardSchema, rollPlanForward } from "../rollForward/planRoller.js";

export const rollForwardRoutes = new Hono<AppEnv>()
  .post("/documents/:id/roll-forward", async (c) => {
    const id = uuidParam(c, "id");
    const input = await parseBody(c, rollForwardSchema);
    const { actor, doc } = await requireDocument(c, id, "read");
    authorize(actor, "rollForward", documentResource(doc));
    authorize(actor, "createDocument", { type: "school", id: doc.schoolId });
    const { db, logger, progress } = c.var.deps;
    const result = await rollPlanForward(
      {
        db,
        logger,
        onExtracted: (d, stats) => {
          if (stats.written || stats.deleted) progress.publish({ schoolId: d.schoolId, documentId: d.id });
        },
      },
      doc, input, actor.id,
    );
    await audit(c, "document.rolled_forward", { to: result.document.id, carried: result.carried, closed: result.closed.length }, actor.id, { type: "document", id: doc.id });
    void result.extractRows();
    return c.json({ document: { id: result.document.id, title: result.document.title, kind: result.document.kind, academicYear: result.document.academicYear, term: result.document.term, status: result.document.status }, carried: result.carried, closed: result.closed }, 201);
  })
  .get("/documents/:id/roll-forward", async (c) => {
    // The links either way: the plan this one was carried from, and the one it was carried into (with the closing summary).
    const { actor, doc } = await requireDocument(c, uuidParam(c, "id"), "read");
    const { db } = c.var.deps;
    const link = async (mine: AnyPgColumn, other: AnyPgColumn) => {
      const [row] = await db
        .select({ link: planRollForwards, title: documents.title, status: documents.status })
        .from(planRollForwards)
        .innerJoin(documents, eq(documents.id, other))
        .where(eq(mine, doc.id))
        .limit(1);
      if (!row) return null;
      const l = row.link;
      return { documentId: l.fromDocumentId === doc.id ? l.toDocumentId : l.fromDocumentId, title: row.title, status: row.status, carried: l.carried, closed: l.closed, createdAt: l.createdAt.toISOString(), archivedAt: l.archivedAt?.toISOString() ?? null };
    };
    return c.json({
      carriedInto: await link(planRollForwards.fromDocumentId, planRollForwards.toDocumentId),
      carriedFrom: await link(planRollForwards.toDocumentId, planRollForwards.fromDocumentId),
      // So the page shows the roll-forward and review controls only to those who may use them.
      abilities: {
        rollForward: can(actor, "rollForward", documentResource(doc)) && can(actor, "createDocument", { type: "school", id: doc.schoolId }),
        recordReview: can(actor, "recordReview", documentResource(doc)),
      },
    });
  });
