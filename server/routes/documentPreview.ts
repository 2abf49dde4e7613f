/** GET /documents/:id/preview: the document's text as a plain tree, painted before the editor loads. */
import { Hono } from "hono";
import type { DocumentPreview } from "../../shared/documentPreview.js";
import { requireActor } from "../auth/middleware.js";
import { previewOf } from "../documents/documentPreview.js";
import { documentResource, loadDocument } from "../documents/loadDocument.js";
import { readDocumentState, userNames } from "../export/documentExport.js";
import type { AppEnv } from "../http/context.js";
import { HttpError } from "../http/errors.js";
import { uuidParam } from "../http/validate.js";
import { authorize } from "../policies/index.js";

export const documentPreviewRoutes = new Hono<AppEnv>().get("/documents/:id/preview", async (c) => {
  const actor = requireActor(c);
  const { db, hooks } = c.var.deps;
  const row = await loadDocument(db, uuidParam(c, "id"));
  if (!row) throw new HttpError(404, "not_found", "Document not found");
  authorize(actor, "read", documentResource(row.doc, row.tier));
  // The open room's state when there is one, so the preview includes edits not yet stored.
  const ydoc = await readDocumentState(db, hooks, row.doc.id);
  try {
    const { content, ownerIds } = previewOf(ydoc);
    const names = Object.fromEntries(await userNames(db, ownerIds));
    return c.json({ content, names } satisfies DocumentPreview);
  } finally {
    ydoc.destroy();
  }
});
