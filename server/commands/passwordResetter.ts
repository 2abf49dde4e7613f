/**
 * Password reset by email: a single-use link that expires in an hour. Asking always answers the
 * same way (the email only goes when the account exists); using the link sets a strong new
 * password and ends every session of that person, so a stolen session dies with the old password.
 */
import { and, eq, gt, isNull } from "drizzle-orm";
import { assertStrongPassword } from "../auth/passwordStrength.js";
import { hashPassword } from "../auth/passwords.js";
import { hashToken, randomToken } from "../auth/tokens.js";
import type { Db } from "../db/client.js";
import { passwordResets, sessions, users } from "../db/schema/index.js";
import { HttpError } from "../http/errors.js";
import { enqueueMail, type MailQueue } from "../mail/MailQueue.js";
import { renderEmail } from "../mail/render.js";

export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;

const expired = () => new HttpError(410, "reset_invalid", "This reset link has expired or has already been used. Ask for a new one.");

/** Emails a reset link when the address belongs to someone; does nothing visible otherwise. */
export async function requestPasswordReset(db: Db, mail: MailQueue, email: string, url: (path: string) => string): Promise<void> {
  const [user] = await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.email, email)).limit(1);
  if (!user) return;
  const token = randomToken(20);
  await db.transaction(async (tx) => {
    await tx.insert(passwordResets).values({ tokenHash: hashToken(token), userId: user.id, expiresAt: new Date(Date.now() + PASSWORD_RESET_TTL_MS) });
    const content = renderEmail({
      name: user.name,
      subject: "Reset your Trellis password",
      lines: [
        "Someone (we hope you) asked to reset the password of your Trellis account.",
        "The link works once, for one hour. If you did not ask, ignore this email: your password stays as it is.",
      ],
      links: [{ label: "Choose a new password", url: url(`/reset-password/${token}`) }],
    });
    await enqueueMail(tx as unknown as Db, { to: user.email, ...content });
  });
  mail.wake();
}

/** The account a live reset token belongs to, or a 410. */
export async function findReset(db: Db, token: string) {
  const [row] = await db
    .select({ id: passwordResets.id, userId: users.id, email: users.email, name: users.name })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(and(eq(passwordResets.tokenHash, hashToken(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, new Date())))
    .limit(1);
  if (!row) throw expired();
  return row;
}

/** Sets the new password, uses up the link and ends every session; returns the person and the sessions ended. */
export async function resetPassword(db: Db, token: string, password: string): Promise<{ userId: string; endedSessions: string[] }> {
  const reset = await findReset(db, token);
  assertStrongPassword(password, [reset.email, reset.name]);
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    // Claiming the row in the same statement that checks it keeps the link single-use under a race.
    const [claimed] = await tx
      .update(passwordResets)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResets.id, reset.id), isNull(passwordResets.usedAt)))
      .returning({ id: passwordResets.id });
    if (!claimed) throw expired();
    await tx.update(users).set({ passwordHash }).where(eq(users.id, reset.userId));
    const ended = await tx.delete(sessions).where(eq(sessions.userId, reset.userId)).returning({ id: sessions.id });
    return { userId: reset.userId, endedSessions: ended.map((s) => s.id) };
  });
}
