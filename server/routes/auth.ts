/** Sign in, sign out, and who am I. */
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { ROLE_LABELS } from "../../shared/enums.js";
import { isSecureRequest, requireActor } from "../auth/middleware.js";
import { verifyPassword } from "../auth/passwords.js";
import { clearSessionCookie, createSession, invalidateSession, sessionCookie } from "../auth/sessions.js";
import { schools, users } from "../db/schema/index.js";
import type { AppEnv } from "../http/context.js";
import { HttpError } from "../http/errors.js";
import { parseBody } from "../http/validate.js";
import { abilitiesFor } from "../policies/index.js";
import { clientAddress } from "../http/clientAddress.js";
import { audit } from "../commands/auditLogger.js";

const loginSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1024),
});

export const authRoutes = new Hono<AppEnv>()
  .post("/auth/login", async (c) => {
    const { email, password } = await parseBody(c, loginSchema);
    const { db, throttle } = c.var.deps;
    const address = clientAddress(c);
    // The attempt is counted before the password is checked, so parallel guesses cannot overtake the count.
    const wait = await throttle.begin(email, address);
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60);
      c.header("Retry-After", String(wait));
      throw new HttpError(429, "too_many_attempts", `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
    }
    const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
    const ok = await verifyPassword(user?.passwordHash ?? null, password);
    if (!user || !ok) {
      await audit(c, "auth.login_failed", { email }, user?.id ?? null);
      throw new HttpError(401, "invalid_credentials", "That email and password do not match an account");
    }
    await throttle.succeeded(email, address);
    const { token, expiresAt } = await createSession(db, user.id);
    c.header("Set-Cookie", sessionCookie(token, expiresAt, isSecureRequest(c)), { append: true });
    await audit(c, "auth.login", { email }, user.id);
    return c.json({ user: { id: user.id, email: user.email, name: user.name } });
  })
  .post("/auth/logout", async (c) => {
    const sessionId = c.var.sessionId;
    if (sessionId) {
      await invalidateSession(c.var.deps.db, sessionId);
      c.var.deps.hooks.onSessionEnded?.(sessionId);
      // Ends that session's open event streams (document and notification pages).
      if (c.var.actor) c.var.deps.people.publish(c.var.actor.id, { type: "session_ended", sessionId });
    }
    c.header("Set-Cookie", clearSessionCookie(isSecureRequest(c)), { append: true });
    return c.body(null, 204);
  })
  .get("/me", async (c) => {
    const actor = requireActor(c);
    const schoolIds = actor.grants.map((g) => g.schoolId).filter((id): id is string => id !== null);
    const names = new Map<string, string>();
    if (schoolIds.length) {
      const rows = await c.var.deps.db.select({ id: schools.id, name: schools.name }).from(schools);
      for (const r of rows) names.set(r.id, r.name);
    }
    return c.json({
      user: { id: actor.id, email: actor.email, name: actor.name },
      roles: actor.grants.map((g) => ({
        role: g.role,
        label: ROLE_LABELS[g.role],
        schoolId: g.schoolId,
        schoolName: g.schoolId ? names.get(g.schoolId) ?? null : null,
      })),
      abilities: abilitiesFor(actor, { type: "trust" }, ["viewTrust", "managePeople", "editTierScheme", "readAudit"]),
    });
  });
