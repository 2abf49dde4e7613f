/** Loads a document for a route and checks the actor may do `action` to it (404 when not even readable). */
import type { Context } from "hono";
import { requireActor } from "../auth/middleware.js";
import type { AppEnv } from "../http/context.js";
import { HttpError } from "../http/errors.js";
import { authorize, type Action } from "../policies/index.js";
import { documentResource, loadDocument } from "./loadDocument.js";

export async function requireDocument(c: Context<AppEnv>, id: string, action: Action) {
  const actor = requireActor(c);
  const row = await loadDocument(c.var.deps.db, id);
  if (!row) throw new HttpError(404, "not_found", "Document not found");
  const resource = documentResource(row.doc, row.tier);
  authorize(actor, action, resource);
  return { actor, doc: row.doc, schoolName: row.schoolName, resource };
}
