/** Tier cadence and check-ins (the trust's school-improvement model), and the audit log. */
import { and, desc, eq, lt, sql, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { requireActor } from "../auth/middleware.js";
import { audit } from "../commands/auditLogger.js";
import { auditLog, documents, schoolCheckins, schools, tiers, users } from "../db/schema/index.js";
import type { AppEnv } from "../http/context.js";
import { HttpError } from "../http/errors.js";
import { intString, isoDateSchema, queryTextSchema, textSchema } from "../http/schemas.js";
import { parseBody, parseParam, parseQuery, uuidParam } from "../http/validate.js";
import { authorize, can } from "../policies/index.js";
import { presentTier } from "../presenters/school.js";
import { loadSchoolsWithTier, loadTierHistory } from "../schools/loadSchools.js";
import { CHECKIN_KINDS, describeCadence, nextCheckins } from "../schools/supportCadence.js";

const tierSchema = z.object({
  name: textSchema(60).trim().min(1),
  description: textSchema(500).trim().default(""),
  ceoOneToOneWeeks: z.number().int().min(1).max(52),
  healthChecksPerYear: z.number().int().min(1).max(12),
});

const checkinSchema = z.object({
  kind: z.enum(CHECKIN_KINDS),
  heldOn: isoDateSchema,
  notes: textSchema(5000).default(""),
});

const auditQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  action: queryTextSchema.max(60).optional(),
  /** Whose acts: the person who did them. */
  actorId: z.string().uuid().optional(),
  /** Acts about the school itself or about one of its documents. */
  schoolId: z.string().uuid().optional(),
});

export const supportRoutes = new Hono<AppEnv>()
  .put("/tiers/:level", async (c) => {
    const actor = requireActor(c);
    const level = parseParam(c, "level", intString({ min: 1, max: 20 }));
    const body = await parseBody(c, tierSchema);
    authorize(actor, "editTierScheme", { type: "trust" });
    const [row] = await c.var.deps.db.update(tiers).set(body).where(eq(tiers.level, level)).returning();
    if (!row) throw new HttpError(404, "not_found", "No such tier");
    await audit(c, "tier_scheme.changed", { level, ...body }, actor.id, { type: "tier", id: String(level) });
    return c.json({ tier: presentTier(row) });
  })
  .get("/schools/:id/support", async (c) => {
    const actor = requireActor(c);
    const id = uuidParam(c, "id");
    const [school] = await loadSchoolsWithTier(c.var.deps.db, [id]);
    if (!school) throw new HttpError(404, "not_found", "School not found");
    authorize(actor, "read", { type: "school", id });
    const held = await c.var.deps.db
      .select({ id: schoolCheckins.id, kind: schoolCheckins.kind, heldOn: schoolCheckins.heldOn, notes: schoolCheckins.notes, recordedBy: users.name })
      .from(schoolCheckins)
      .leftJoin(users, eq(users.id, schoolCheckins.recordedBy))
      .where(eq(schoolCheckins.schoolId, id))
      .orderBy(desc(schoolCheckins.heldOn));
    const tier = school.tier;
    const [latestTier] = await loadTierHistory(c.var.deps.db, id);
    return c.json({
      tier: presentTier(tier),
      cadence: tier ? describeCadence(tier) : null,
      next: tier && latestTier ? nextCheckins(tier, held, latestTier.setAt) : [],
      checkins: held,
      abilities: { recordCheckin: can(actor, "setTier", { type: "school", id }) },
    });
  })
  .post("/schools/:id/checkins", async (c) => {
    const actor = requireActor(c);
    const id = uuidParam(c, "id");
    const body = await parseBody(c, checkinSchema);
    const [school] = await loadSchoolsWithTier(c.var.deps.db, [id]);
    if (!school) throw new HttpError(404, "not_found", "School not found");
    authorize(actor, "setTier", { type: "school", id });
    const [row] = await c.var.deps.db.insert(schoolCheckins).values({ schoolId: id, ...body, recordedBy: actor.id }).returning();
    await audit(c, "school.checkin_recorded", { kind: body.kind, heldOn: body.heldOn }, actor.id, { type: "school", id });
    return c.json({ checkin: row }, 201);
  })
  .get("/audit", async (c) => {
    const actor = requireActor(c);
    const query = parseQuery(c, auditQuery);
    authorize(actor, "readAudit", { type: "trust" });
    const where: SQL[] = [];
    if (query.before) where.push(lt(auditLog.id, query.before));
    if (query.action) where.push(eq(auditLog.action, query.action));
    if (query.actorId) where.push(eq(auditLog.actorId, query.actorId));
    // The subject is stored as text (a tier's level, a comment's id): join only where it names a document or a school.
    const subjectDoc = and(eq(auditLog.subjectType, "document"), sql`${documents.id}::text = ${auditLog.subjectId}`);
    const subjectSchool = sql`${schools.id} = coalesce(${documents.schoolId}, case when ${auditLog.subjectType} = 'school' then ${auditLog.subjectId}::uuid end, case when ${auditLog.details}->>'schoolId' ~ '^[0-9a-f-]{36}$' then (${auditLog.details}->>'schoolId')::uuid end)`;
    if (query.schoolId) where.push(eq(schools.id, query.schoolId));
    const rows = await c.var.deps.db
      .select({ entry: auditLog, actorName: users.name, actorEmail: users.email, documentTitle: documents.title, schoolId: schools.id, schoolName: schools.name })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .leftJoin(documents, subjectDoc)
      .leftJoin(schools, subjectSchool)
      .where(and(...where))
      .orderBy(desc(auditLog.id))
      .limit(query.limit);
    return c.json({
      entries: rows.map(({ entry, actorName, actorEmail, documentTitle, schoolId, schoolName }) => ({
        id: entry.id, at: entry.at.toISOString(), action: entry.action, actor: entry.actorId ? { id: entry.actorId, name: actorName, email: actorEmail } : null,
        subjectType: entry.subjectType, subjectId: entry.subjectId, details: entry.details, address: entry.address,
        // Names, not ids: what the entry was about, as people know it.
        document: documentTitle ? { id: entry.subjectId, title: documentTitle } : null,
        school: schoolId ? { id: schoolId, name: schoolName } : null,
      })),
      nextBefore: rows.length === query.limit ? rows.at(-1)!.entry.id : null,
    });
  });
