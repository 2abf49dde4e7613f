/** Half-termly reviews: record one on a plan; read a plan's or a school's reviews (governors read, never write). */
import { Hono } from "hono";
import { requireActor } from "../auth/middleware.js";
import { audit } from "../commands/auditLogger.js";
import { documentResource } from "../documents/loadDocument.js";
import { requireDocument } from "../documents/requireDocument.js";
import type { AppEnv } from "../http/context.js";
import { parseBody, uuidParam } from "../http/validate.js";
import { authorize } from "../policies/index.js";
import { documentReviews, reviewWithItems, schoolReviews } from "../reviews/reviewQueries.js";
import { recordReview, reviewInputSchema } from "../reviews/reviewRecorder.js";

export const reviewRoutes = new Hono<AppEnv>()
  .post("/documents/:id/reviews", async (c) => {
    const id = uuidParam(c, "id");
    const input = await parseBody(c, reviewInputSchema);
    const { actor, doc } = await requireDocument(c, id, "read");
    authorize(actor, "recordReview", documentResource(doc));
    const row = await recordReview(c.var.deps.db, doc, input, actor.id);
    await audit(c, input.close ? "review.closed" : "review.recorded", { halfTerm: row.halfTerm, academicYear: row.academicYear }, actor.id, { type: "document", id: doc.id });
    return c.json({ review: await reviewWithItems(c.var.deps.db, row.id) });
  })
  .get("/documents/:id/reviews", async (c) => {
    const { doc } = await requireDocument(c, uuidParam(c, "id"), "read");
    return c.json({ reviews: await documentReviews(c.var.deps.db, doc.id) });
  })
  .get("/schools/:id/reviews", async (c) => {
    const actor = requireActor(c);
    const id = uuidParam(c, "id");
    authorize(actor, "read", { type: "school", id });
    return c.json(await schoolReviews(c.var.deps.db, id));
  });
