/** Downloads: one document as Word or tagged PDF, and a school's governor pack. */
import { Hono } from "hono";
import { z } from "zod";
import { termSchema } from "../../shared/enums.js";
import { requireActor } from "../auth/middleware.js";
import { requireDocument } from "../documents/requireDocument.js";
import { exportDocument } from "../export/documentExport.js";
import { governorPack } from "../export/governorPack.js";
import { exportFormatSchema, sendExport } from "../export/respond.js";
import type { AppEnv } from "../http/context.js";
import { HttpError, PermissionDenied } from "../http/errors.js";
import { parseQuery, uuidParam } from "../http/validate.js";
import { can } from "../policies/index.js";
import { todayInEngland } from "../progress/queries/filters.js";
import { loadSchoolsWithTier } from "../schools/loadSchools.js";

const formatQuery = z.object({ format: exportFormatSchema });
const packQuery = z.object({ format: exportFormatSchema, term: termSchema.optional() });

export const exportRoutes = new Hono<AppEnv>()
  .get("/documents/:id/export", async (c) => {
    const id = uuidParam(c, "id");
    const { format } = parseQuery(c, formatQuery);
    const { doc, schoolName } = await requireDocument(c, id, "read");
    const { db, hooks } = c.var.deps;
    return sendExport(c, await exportDocument(db, hooks, doc, schoolName), format);
  })
  .get("/schools/:id/pack", async (c) => {
    const actor = requireActor(c);
    const id = uuidParam(c, "id");
    const query = parseQuery(c, packQuery);
    // Like a document, a school the actor cannot read is not found, so its existence stays private.
    if (!can(actor, "read", { type: "school", id })) throw new PermissionDenied(404, "not_found", "School not found");
    const [row] = await loadSchoolsWithTier(c.var.deps.db, [id]);
    if (!row) throw new HttpError(404, "not_found", "School not found");
    const { db, hooks } = c.var.deps;
    const content = await governorPack(db, hooks, { row, actor, term: query.term ?? null, today: todayInEngland() });
    return sendExport(c, content, query.format);
  });
