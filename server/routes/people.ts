/** Trust admins manage people: invitations and memberships. The invite link is shown to the admin to pass on. */
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { isTrustRole, ROLE_LABELS, roleSchema, type Role } from "../../shared/enums.js";
import { isSecureRequest, requireActor } from "../auth/middleware.js";
import { createSession, sessionCookie } from "../auth/sessions.js";
import { hashToken, randomToken } from "../auth/tokens.js";
import { audit } from "../commands/auditLogger.js";
import { acceptInvitation, findOpenInvitation, INVITATION_TTL_MS } from "../commands/invitationAccepter.js";
import { invitations, memberships, schools, users } from "../db/schema/index.js";
import type { AppEnv } from "../http/context.js";
import { HttpError } from "../http/errors.js";
import { parseBody, uuidParam } from "../http/validate.js";
import { authorize } from "../policies/index.js";
import { emailInvitation } from "../mail/invitationEmail.js";

const grantSchema = z
  .object({ role: roleSchema, schoolId: z.string().uuid().nullish() })
  .refine((g) => isTrustRole(g.role) === !g.schoolId, {
    message: "Trust roles have no school; school roles need one",
    path: ["schoolId"],
  });

const inviteSchema = z.intersection(
  z.object({ email: z.string().trim().toLowerCase().email().max(320), name: z.string().trim().min(1).max(200) }),
  grantSchema,
);

const acceptSchema = z.object({
  // Length and strength are judged by assertStrongPassword, which explains its refusal.
  password: z.string().max(1024),
  name: z.string().trim().min(1).max(200).optional(),
  email: z.string().trim().toLowerCase().email().max(320).optional(),
});

const tokenParam = z.string().regex(/^[a-z2-7]{16,64}$/);

async function assertSchoolExists(c: { var: AppEnv["Variables"] }, schoolId: string | null | undefined) {
  if (!schoolId) return;
  const [s] = await c.var.deps.db.select({ id: schools.id }).from(schools).where(eq(schools.id, schoolId)).limit(1);
  if (!s) throw new HttpError(400, "invalid_request", "schoolId: no such school");
}

function inviteLink(c: { req: { url: string }; var: AppEnv["Variables"] }, token: string): string {
  const base = c.var.deps.env.PUBLIC_URL ?? new URL(c.req.url).origin;
  return `${base.replace(/\/$/, "")}/invite/${token}`;
}

export const peopleRoutes = new Hono<AppEnv>()
  .get("/people", async (c) => {
    authorize(requireActor(c), "managePeople", { type: "trust" });
    const { db } = c.var.deps;
    const rows = await db
      .select({ user: { id: users.id, name: users.name, email: users.email }, membership: memberships, schoolName: schools.name })
      .from(users)
      .leftJoin(memberships, eq(memberships.userId, users.id))
      .leftJoin(schools, eq(schools.id, memberships.schoolId))
      .orderBy(asc(users.name));
    const people = new Map<string, { id: string; name: string; email: string; memberships: unknown[] }>();
    for (const r of rows) {
      const person = people.get(r.user.id) ?? { ...r.user, memberships: [] };
      if (r.membership) {
        person.memberships.push({ id: r.membership.id, role: r.membership.role, roleLabel: ROLE_LABELS[r.membership.role as Role], schoolId: r.membership.schoolId, schoolName: r.schoolName });
      }
      people.set(r.user.id, person);
    }
    return c.json({ people: [...people.values()] });
  })
  .post("/memberships", async (c) => {
    const actor = requireActor(c);
    const body = await parseBody(c, z.intersection(z.object({ userId: z.string().uuid() }), grantSchema));
    authorize(actor, "managePeople", { type: "trust" });
    await assertSchoolExists(c, body.schoolId);
    const { db } = c.var.deps;
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, body.userId)).limit(1);
    if (!user) throw new HttpError(400, "invalid_request", "userId: no such person");
    const [row] = await db.insert(memberships).values({ userId: body.userId, role: body.role, schoolId: body.schoolId ?? null }).onConflictDoNothing().returning();
    if (!row) throw new HttpError(409, "already_member", "That person already holds that role");
    await audit(c, "membership.added", { userId: body.userId, role: body.role, schoolId: body.schoolId ?? null }, actor.id, { type: "membership", id: row.id });
    await c.var.deps.hooks.onAccessChanged?.(body.userId);
    c.var.deps.people.publish(body.userId, { type: "access_changed" });
    return c.json({ membership: row }, 201);
  })
  .delete("/memberships/:id", async (c) => {
    const actor = requireActor(c);
    authorize(actor, "managePeople", { type: "trust" });
    const id = uuidParam(c, "id");
    const [row] = await c.var.deps.db.delete(memberships).where(eq(memberships.id, id)).returning();
    if (!row) throw new HttpError(404, "not_found", "Membership not found");
    await audit(c, "membership.removed", { userId: row.userId, role: row.role, schoolId: row.schoolId }, actor.id, { type: "membership", id });
    await c.var.deps.hooks.onAccessChanged?.(row.userId);
    c.var.deps.people.publish(row.userId, { type: "access_changed" });
    return c.body(null, 204);
  })
  .get("/invitations", async (c) => {
    authorize(requireActor(c), "managePeople", { type: "trust" });
    const rows = await c.var.deps.db
      .select({ invite: invitations, schoolName: schools.name })
      .from(invitations)
      .leftJoin(schools, eq(schools.id, invitations.schoolId))
      .where(isNull(invitations.acceptedAt))
      .orderBy(desc(invitations.createdAt));
    return c.json({
      invitations: rows.map(({ invite, schoolName }) => ({
        id: invite.id, email: invite.email, name: invite.name, role: invite.role, schoolId: invite.schoolId, schoolName,
        expiresAt: invite.expiresAt.toISOString(), expired: invite.expiresAt.getTime() < Date.now(),
      })),
    });
  })
  .post("/invitations", async (c) => {
    const actor = requireActor(c);
    const body = await parseBody(c, inviteSchema);
    authorize(actor, "managePeople", { type: "trust" });
    await assertSchoolExists(c, body.schoolId);
    const token = randomToken(20);
    const [row] = await c.var.deps.db
      .insert(invitations)
      .values({
        tokenHash: hashToken(token), email: body.email, name: body.name, role: body.role, schoolId: body.schoolId ?? null,
        invitedBy: actor.id, expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      })
      .returning();
    await audit(c, "invitation.created", { email: body.email, role: body.role, schoolId: body.schoolId ?? null }, actor.id, { type: "invitation", id: row!.id });
    const link = inviteLink(c, token);
    const [school] = body.schoolId ? await c.var.deps.db.select({ name: schools.name }).from(schools).where(eq(schools.id, body.schoolId)).limit(1) : [];
    // The invitee gets it by email; the link is still shown, for the admin to pass on if the email goes astray.
    await emailInvitation(c.var.deps.db, c.var.deps.notifier.mail, { email: body.email, name: body.name, role: body.role, schoolName: school?.name ?? null, invitedBy: actor.name, link, expiresAt: row!.expiresAt });
    return c.json({ invitation: { id: row!.id, email: row!.email, role: row!.role, schoolId: row!.schoolId, expiresAt: row!.expiresAt.toISOString() }, link, emailed: true }, 201);
  })
  .delete("/invitations/:id", async (c) => {
    const actor = requireActor(c);
    authorize(actor, "managePeople", { type: "trust" });
    const id = uuidParam(c, "id");
    const { db } = c.var.deps;
    // Deleting the row kills the link: only its hash was stored, so nothing else can revive it.
    const [row] = await db.delete(invitations).where(and(eq(invitations.id, id), isNull(invitations.acceptedAt))).returning();
    if (!row) {
      const [used] = await db.select({ id: invitations.id }).from(invitations).where(eq(invitations.id, id)).limit(1);
      if (used) throw new HttpError(409, "invitation_used", "That invitation has already been accepted; remove the person's role instead");
      throw new HttpError(404, "not_found", "Invitation not found");
    }
    await audit(c, "invitation.revoked", { email: row.email, role: row.role, schoolId: row.schoolId }, actor.id, { type: "invitation", id });
    return c.body(null, 204);
  })
  .get("/invitations/:token", async (c) => {
    const token = tokenParam.safeParse(c.req.param("token"));
    const invite = token.success ? await findOpenInvitation(c.var.deps.db, token.data) : null;
    if (!invite) throw new HttpError(410, "invitation_invalid", "This invitation link has expired or has already been used");
    let schoolName: string | null = null;
    if (invite.schoolId) {
      const [s] = await c.var.deps.db.select({ name: schools.name }).from(schools).where(and(eq(schools.id, invite.schoolId))).limit(1);
      schoolName = s?.name ?? null;
    }
    return c.json({ invitation: { email: invite.email, name: invite.name, role: invite.role, roleLabel: ROLE_LABELS[invite.role as Role], schoolName, needsEmail: !invite.email } });
  })
  .post("/invitations/:token/accept", async (c) => {
    const token = tokenParam.safeParse(c.req.param("token"));
    const body = await parseBody(c, acceptSchema);
    if (!token.success) throw new HttpError(410, "invitation_invalid", "This invitation link has expired or has already been used");
    const { db } = c.var.deps;
    const { userId } = await acceptInvitation(db, { token: token.data, ...body });
    const session = await createSession(db, userId);
    c.header("Set-Cookie", sessionCookie(session.token, session.expiresAt, isSecureRequest(c)), { append: true });
    await audit(c, "invitation.accepted", {}, userId);
    return c.json({ userId }, 201);
  });
