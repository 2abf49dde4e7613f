/**
 * GET /healthz (the process is alive) and GET /readyz (the database answers and every migration
 * in migrations/ is applied), for load balancers and orchestrators: unauthenticated, one query.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { Hono } from "hono";
import { MIGRATIONS_DIR } from "../paths.js";
import { rowsOf } from "../db/rows.js";
import type { AppEnv } from "./context.js";
import { errorBody } from "./errors.js";

/** How many migrations this build ships, from drizzle-kit's journal (read once). */
let expected: number | null = null;
function expectedMigrations(): number {
  expected ??= (JSON.parse(readFileSync(join(MIGRATIONS_DIR, "meta", "_journal.json"), "utf8")) as { entries: unknown[] }).entries.length;
  return expected;
}

/** The health routes, mounted at the root beside /api. */
export const healthRoutes = new Hono<AppEnv>()
  .get("/healthz", (c) => {
    c.header("Cache-Control", "no-store");
    return c.json({ status: "ok" });
  })
  .get("/readyz", async (c) => {
    c.header("Cache-Control", "no-store");
    // Before the database is asked: a draining process must leave the balancer's rotation at once.
    if (c.var.deps.hooks.draining?.()) return c.json(errorBody("not_ready", "Shutting down"), 503);
    const want = expectedMigrations();
    let applied: number;
    try {
      const rows = rowsOf<{ applied: number | string }>(await c.var.deps.db.execute(sql`select count(*) as applied from drizzle.__drizzle_migrations`));
      applied = Number(rows[0]?.applied ?? 0);
    } catch (err) {
      c.var.deps.logger.warn("readiness check failed", { err: String(err) });
      return c.json(errorBody("not_ready", "The database is not reachable"), 503);
    }
    if (applied < want) return c.json(errorBody("not_ready", `${want - applied} migration(s) not applied yet`), 503);
    // Redis down is reported but still ready: the process serves its own clients, and the
    // others catch up from the log once it is back; turning every process away would be worse.
    const bus = c.var.deps.bus;
    const redis = bus?.kind === "redis" ? { redis: bus.connected() ? "ok" : "unreachable" } : {};
    return c.json({ status: "ready", database: "ok", migrations: applied, ...redis });
  });
