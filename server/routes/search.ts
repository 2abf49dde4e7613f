/** GET /api/search?q=&schoolId=&kind=: documents, blocks and comment threads the caller may read. */
import { Hono } from "hono";
import { z } from "zod";
import { documentKindSchema } from "../../shared/enums.js";
import type { SearchResponse } from "../../shared/search/hits.js";
import { requireActor } from "../auth/middleware.js";
import type { AppEnv } from "../http/context.js";
import { parseQuery } from "../http/validate.js";
import { authorize, readableSchools } from "../policies/index.js";
import { search } from "../search/searchQuery.js";

const searchQuerySchema = z.object({
  q: z.string().trim().min(1, "Type something to search for").max(200),
  schoolId: z.uuid().optional(),
  kind: documentKindSchema.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const searchRoutes = new Hono<AppEnv>().get("/search", async (c) => {
  const actor = requireActor(c);
  const q = parseQuery(c, searchQuerySchema);
  if (q.schoolId) authorize(actor, "read", { type: "school", id: q.schoolId });
  const schools = q.schoolId ? [q.schoolId] : readableSchools(actor);
  const found = schools === "all" || schools.length ? await search(c.var.deps.db, { q: q.q, schools, kind: q.kind, limit: q.limit }) : { hits: [], truncated: false };
  return c.json({ q: q.q, ...found } satisfies SearchResponse);
});
