/** Turns a valid invitation into an account (or a new role for an existing one) in one transaction. */
import { and, count, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { Role } from "../../shared/enums.js";
import type { Db } from "../db/client.js";
import { invitations, memberships, users } from "../db/schema/index.js";
import { HttpError } from "../http/errors.js";
import { hashPassword } from "../auth/passwords.js";
import { assertStrongPassword } from "../auth/passwordStrength.js";
import { hashToken } from "../auth/tokens.js";
import { isSetupInvitation, openSetupInvitations, SETUP_LOCK_KEY } from "../bootstrap.js";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Whether anyone has an account yet; a setup link only works while nobody does. */
async function anyAccounts(db: Pick<Db, "select">): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) > 0;
}

/** The pending, unexpired invitation behind a token, or null; a setup link is dead once anyone has an account. */
export async function findOpenInvitation(db: Db, token: string) {
  const [row] = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.tokenHash, hashToken(token)), isNull(invitations.acceptedAt), gt(invitations.expiresAt, new Date())))
    .limit(1);
  if (row && isSetupInvitation(row) && (await anyAccounts(db))) return null;
  return row ?? null;
}

export interface AcceptInput {
  token: string;
  password: string;
  name?: string;
  email?: string;
}

/** Accepts an invitation; returns the user id to sign in. Single use: a second accept finds nothing. */
export async function acceptInvitation(db: Db, input: AcceptInput): Promise<{ userId: string }> {
  const invite = await findOpenInvitation(db, input.token);
  if (!invite) throw new HttpError(410, "invitation_invalid", "This invitation link has expired or has already been used");
  const email = (invite.email ?? input.email ?? "").toLowerCase();
  if (!email) throw new HttpError(400, "invalid_request", "email: an email address is needed");
  const name = input.name?.trim() || invite.name || email;
  assertStrongPassword(input.password, [email, name]);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    if (isSetupInvitation(invite)) {
      // Setup links race each other (and a restart minting a new one): one lock, then "is the trust still empty?".
      await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK_KEY})`);
      if (await anyAccounts(tx)) throw new HttpError(410, "invitation_invalid", "This setup link is no longer valid: the trust already has an admin");
      await tx.delete(invitations).where(and(openSetupInvitations, ne(invitations.id, invite.id)));
    }
    // Claim the invitation first, so two concurrent accepts cannot both succeed.
    const claimed = await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(and(eq(invitations.id, invite.id), isNull(invitations.acceptedAt)))
      .returning({ id: invitations.id });
    if (!claimed.length) throw new HttpError(410, "invitation_invalid", "This invitation link has already been used");
    const [existing] = await tx.select().from(users).where(eq(users.email, email)).limit(1);
    let userId: string;
    if (existing) {
      if (existing.passwordHash) {
        throw new HttpError(409, "account_exists", "An account with this email already exists: sign in instead, and ask an admin to add the role");
      }
      userId = existing.id;
      await tx.update(users).set({ name, passwordHash }).where(eq(users.id, userId));
    } else {
      const [created] = await tx.insert(users).values({ email, name, passwordHash }).returning({ id: users.id });
      userId = created!.id;
    }
    await tx
      .insert(memberships)
      .values({ userId, role: invite.role as Role, schoolId: invite.schoolId })
      .onConflictDoNothing();
    await tx.update(invitations).set({ acceptedBy: userId }).where(eq(invitations.id, invite.id));
    return { userId };
  });
}
