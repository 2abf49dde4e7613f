/** The academy card and the trust dashboard: read-only views over the extracted progress tables. */
import { Hono } from "hono";
import { requireActor } from "../auth/middleware.js";
import type { AppEnv } from "../http/context.js";
import { HttpError } from "../http/errors.js";
import { uuidParam } from "../http/validate.js";
import { authorize } from "../policies/index.js";
import { todayInEngland } from "../progress/queries/filters.js";
import { schoolCard } from "../progress/queries/schoolCard.js";
import { trustDashboardBody, trustDashboardGzip } from "../flags/dashboardCache.js";
import { loadSchoolsWithTier } from "../schools/loadSchools.js";

/** Whether Accept-Encoding takes gzip (named, or `*`, with a q above 0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(",").some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return (name === "gzip" || name === "*") && (q === undefined || Number(q.slice(2)) > 0);
  });
}

export const progressDashboardRoutes = new Hono<AppEnv>()
  .get("/schools/:id/card", async (c) => {
    const actor = requireActor(c);
    const id = uuidParam(c, "id");
    const [row] = await loadSchoolsWithTier(c.var.deps.db, [id]);
    if (!row) throw new HttpError(404, "not_found", "School not found");
    // Governors and viewers see their own school's card; trust roles see every school's.
    authorize(actor, "read", { type: "school", id });
    const school = { id, name: row.school.name, phase: row.school.phase, tier: row.tier ? { level: row.tier.level, name: row.tier.name } : null };
    return c.json(await schoolCard(c.var.deps.db, school, { actorId: actor.id, today: todayInEngland() }));
  })
  .get("/dashboard/trust", async (c) => {
    const actor = requireActor(c);
    authorize(actor, "viewTrust", { type: "trust" });
    const today = todayInEngland();
    // Each row carries its early-warning flags (issue 13); unchanged facts are answered from the last computation,
    // gzipped once with it when the client takes gzip (the compress middleware leaves an encoded body alone).
    const json = { "content-type": "application/json; charset=UTF-8", vary: "Accept-Encoding" };
    if (acceptsGzip(c.req.header("accept-encoding"))) {
      const gzipped = await trustDashboardGzip(c.var.deps.db, today);
      return c.body(new Uint8Array(gzipped.buffer as ArrayBuffer, gzipped.byteOffset, gzipped.byteLength), 200, { ...json, "content-encoding": "gzip" });
    }
    return c.body(await trustDashboardBody(c.var.deps.db, today), 200, json);
  });
