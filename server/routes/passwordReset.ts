/** POST /api/auth/password-reset {email} (always the same answer), then the link's page: check the token, set a new password. */
import { Hono } from "hono";
import { z } from "zod";
import { isSecureRequest } from "../auth/middleware.js";
import { createSession, sessionCookie } from "../auth/sessions.js";
import { audit } from "../commands/auditLogger.js";
import { findReset, requestPasswordReset, resetPassword } from "../commands/passwordResetter.js";
import type { AppEnv } from "../http/context.js";
import { clientAddress } from "../http/clientAddress.js";
import { HttpError } from "../http/errors.js";
import { parseBody } from "../http/validate.js";

const requestSchema = z.object({ email: z.string().trim().toLowerCase().email("Give the email address you sign in with").max(320) });
const resetSchema = z.object({ password: z.string().min(1, "Choose a new password").max(1024) });
const tokenParam = z.string().regex(/^[a-z2-7]{16,64}$/);

const SAME_ANSWER = { message: "If that address belongs to an account, we have emailed it a link to reset the password. The link works for an hour." };

function token(c: { req: { param(name: string): string | undefined } }): string {
  const parsed = tokenParam.safeParse(c.req.param("token"));
  if (!parsed.success) throw new HttpError(410, "reset_invalid", "This reset link has expired or has already been used. Ask for a new one.");
  return parsed.data;
}

export const passwordResetRoutes = new Hono<AppEnv>()
  .post("/auth/password-reset", async (c) => {
    const { email } = await parseBody(c, requestSchema);
    const { db, notifier, logger, throttle } = c.var.deps;
    const address = clientAddress(c);
    // Not awaited: an address with an account must take as long to answer as one without (the limit included).
    notifier.track(
      throttle
        .allowReset(email, address)
        .then((allowed) => {
          if (allowed) return requestPasswordReset(db, notifier.mail, email, (path) => notifier.url(path));
          logger.warn("password reset: request over the limit, no email sent", { address });
        })
        .catch((err) => logger.error("password reset: could not queue the email", { err: String(err) })),
    );
    return c.json(SAME_ANSWER, 202);
  })
  .get("/auth/password-reset/:token", async (c) => {
    const reset = await findReset(c.var.deps.db, token(c));
    return c.json({ email: reset.email });
  })
  .post("/auth/password-reset/:token", async (c) => {
    const t = token(c);
    const { password } = await parseBody(c, resetSchema);
    const { db, hooks } = c.var.deps;
    const { userId, endedSessions } = await resetPassword(db, t, password);
    for (const id of endedSessions) hooks.onSessionEnded?.(id);
    const session = await createSession(db, userId);
    c.header("Set-Cookie", sessionCookie(session.token, session.expiresAt, isSecureRequest(c)), { append: true });
    await audit(c, "auth.password_reset", { endedSessions: endedSessions.length }, userId);
    return c.json({ userId });
  });
