/**
 * Progress data: a document's extracted blocks, and the action and target lists with their CSV
 * exports. Every list is limited to the schools the policy module lets the caller read.
 */
import type { Context } from "hono";
import { Hono } from "hono";
import { requireActor } from "../auth/middleware.js";
import { requireDocument } from "../documents/requireDocument.js";
import type { AppEnv } from "../http/context.js";
import { parseQuery, uuidParam } from "../http/validate.js";
import { authorize, readableSchools, type Actor } from "../policies/index.js";
import { actionsCsv, CSV_MAX_ROWS, csvFilename, targetsCsv } from "../progress/csv.js";
import { listActions, type ListScope } from "../progress/queries/actionList.js";
import { documentBlocks } from "../progress/queries/documentBlocks.js";
import { actionQuerySchema, csvLink, targetQuerySchema, todayInEngland } from "../progress/queries/filters.js";
import { listTargets } from "../progress/queries/targetList.js";
import { progressDashboardRoutes } from "./progressDashboard.js";

/** The caller's readable schools, after checking any school or document the query names. */
async function listScope(c: Context<AppEnv>, actor: Actor, q: { schoolId?: string; documentId?: string }): Promise<ListScope> {
  if (q.schoolId) authorize(actor, "read", { type: "school", id: q.schoolId });
  if (q.documentId) await requireDocument(c, q.documentId, "read");
  return { schools: readableSchools(actor), actorId: actor.id, today: todayInEngland() };
}

function csvResponse(c: Context<AppEnv>, body: string, filename: string) {
  return c.body(body, 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${filename}"`,
    "Cache-Control": "no-store",
  });
}

/** Links in an export are absolute, so they still work from a spreadsheet. */
const baseUrl = (c: Context<AppEnv>) => c.var.deps.env.PUBLIC_URL ?? new URL(c.req.url).origin;

async function actionsEndpoint(c: Context<AppEnv>, asCsv: boolean) {
  const actor = requireActor(c);
  const q = parseQuery(c, actionQuerySchema);
  const scope = await listScope(c, actor, q);
  if (asCsv || q.format === "csv") {
    const { rows } = await listActions(c.var.deps.db, q, scope, { limit: CSV_MAX_ROWS, offset: 0 });
    return csvResponse(c, actionsCsv(rows, baseUrl(c)), csvFilename("actions", scope.today));
  }
  const { rows, total } = await listActions(c.var.deps.db, q, scope, q);
  return c.json({ actions: rows, total, limit: q.limit, offset: q.offset, csv: csvLink("/api/actions.csv", c.req.query()) });
}

async function targetsEndpoint(c: Context<AppEnv>, asCsv: boolean) {
  const actor = requireActor(c);
  const q = parseQuery(c, targetQuerySchema);
  const scope = await listScope(c, actor, q);
  if (asCsv || q.format === "csv") {
    const { rows } = await listTargets(c.var.deps.db, q, scope, { limit: CSV_MAX_ROWS, offset: 0 });
    return csvResponse(c, targetsCsv(rows, baseUrl(c)), csvFilename("targets", scope.today));
  }
  const { rows, total } = await listTargets(c.var.deps.db, q, scope, q);
  return c.json({ targets: rows, total, limit: q.limit, offset: q.offset, csv: csvLink("/api/targets.csv", c.req.query()) });
}

export const progressRoutes = new Hono<AppEnv>()
  .get("/documents/:id/blocks", async (c) => {
    const { doc } = await requireDocument(c, uuidParam(c, "id"), "read");
    return c.json({ documentId: doc.id, blocks: await documentBlocks(c.var.deps.db, doc.id) });
  })
  .get("/actions", (c) => actionsEndpoint(c, false))
  .get("/actions.csv", (c) => actionsEndpoint(c, true))
  .get("/targets", (c) => targetsEndpoint(c, false))
  .get("/targets.csv", (c) => targetsEndpoint(c, true))
  .route("/", progressDashboardRoutes);
