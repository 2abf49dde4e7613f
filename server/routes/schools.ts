/** Schools, their tiers and their people. */
import { asc, eq, isNull, or } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { ROLE_LABELS, type Role } from "../../shared/enums.js";
import { requireActor } from "../auth/middleware.js";
import { audit } from "../commands/auditLogger.js";
import { memberships, schoolTiers, tiers, users } from "../db/schema/index.js";
import { notifyTierChanged } from "../notifications/tierNotifications.js";
import type { AppEnv } from "../http/context.js";
import { HttpError } from "../http/errors.js";
import { parseBody, uuidParam } from "../http/validate.js";
import { abilitiesFor, authorize, readableSchools } from "../policies/index.js";
import { presentSchool, presentTier } from "../presenters/school.js";
import { loadSchoolsWithTier, loadTierHistory } from "../schools/loadSchools.js";

const setTierSchema = z.object({
  tier: z.number().int().min(1).max(20),
  reason: z.string().trim().min(3, "Give a reason of at least 3 characters").max(2000),
});

async function findSchool(c: { var: AppEnv["Variables"] }, id: string) {
  const [row] = await loadSchoolsWithTier(c.var.deps.db, [id]);
  if (!row) throw new HttpError(404, "not_found", "School not found");
  return row;
}

export const schoolRoutes = new Hono<AppEnv>()
  .get("/tiers", async (c) => {
    requireActor(c);
    const rows = await c.var.deps.db.select().from(tiers).orderBy(asc(tiers.level));
    return c.json({ tiers: rows.map(presentTier) });
  })
  .get("/schools", async (c) => {
    const actor = requireActor(c);
    const rows = await loadSchoolsWithTier(c.var.deps.db, readableSchools(actor));
    return c.json({ schools: rows.map((r) => presentSchool(r.school, r.tier)) });
  })
  .get("/schools/:id", async (c) => {
    const actor = requireActor(c);
    const id = uuidParam(c, "id");
    const row = await findSchool(c, id);
    const resource = { type: "school", id } as const;
    authorize(actor, "read", resource);
    const history = await loadTierHistory(c.var.deps.db, id);
    return c.json({
      school: {
        ...presentSchool(row.school, row.tier),
        tierHistory: history.map((h) => ({ ...h, setAt: h.setAt.toISOString() })),
      },
      abilities: abilitiesFor(actor, resource, ["setTier", "createDocument"]),
    });
  })
  .post("/schools/:id/tier", async (c) => {
    const actor = requireActor(c);
    const id = uuidParam(c, "id");
    const body = await parseBody(c, setTierSchema);
    await findSchool(c, id);
    authorize(actor, "setTier", { type: "school", id });
    const { db } = c.var.deps;
    const [tier] = await db.select().from(tiers).where(eq(tiers.level, body.tier)).limit(1);
    if (!tier) throw new HttpError(400, "invalid_request", `tier: there is no tier ${body.tier}`);
    const before = await findSchool(c, id);
    await db.insert(schoolTiers).values({ schoolId: id, tier: body.tier, reason: body.reason, setBy: actor.id });
    await audit(c, "school.tier_changed", { from: before.tier?.level ?? null, to: body.tier, reason: body.reason }, actor.id, { type: "school", id });
    const row = await findSchool(c, id);
    if (before.tier?.level !== body.tier) {
      await notifyTierChanged(db, c.var.deps.notifier, { schoolId: id, schoolName: row.school.name, tierName: tier.name, level: tier.level, reason: body.reason, actorId: actor.id });
    }
    return c.json({ school: presentSchool(row.school, row.tier) }, 201);
  })
  .get("/schools/:id/people", async (c) => {
    const actor = requireActor(c);
    const id = uuidParam(c, "id");
    await findSchool(c, id);
    authorize(actor, "read", { type: "school", id });
    // Trust staff are listed too: a trust lead can own an action and a trustee can be @mentioned.
    const rows = await c.var.deps.db
      .select({ id: users.id, name: users.name, email: users.email, role: memberships.role, schoolId: memberships.schoolId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(or(eq(memberships.schoolId, id), isNull(memberships.schoolId)))
      .orderBy(asc(users.name));
    const byUser = new Map<string, (typeof rows)[number]>();
    for (const r of rows) {
      // Someone with both a school and a trust role is shown by their role in this school.
      if (!byUser.has(r.id) || r.schoolId) byUser.set(r.id, r);
    }
    return c.json({
      people: [...byUser.values()].map((r) => ({
        id: r.id, name: r.name, email: r.email, role: r.role, roleLabel: ROLE_LABELS[r.role as Role], scope: r.schoolId ? "school" : "trust",
      })),
    });
  });
