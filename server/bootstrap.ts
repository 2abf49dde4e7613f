/** First-run data every deployment needs: the default tier scheme, and a setup link when nobody can sign in. */
import { and, count, eq, isNull, sql } from "drizzle-orm";
import { DEFAULT_TIERS } from "../shared/tiers.js";
import type { Db } from "./db/client.js";
import { invitations, tiers, users } from "./db/schema/index.js";
import { hashToken, randomToken } from "./auth/tokens.js";

/** Inserts the default tiers when the trust has none yet. */
export async function ensureTierScheme(db: Db): Promise<void> {
  const [row] = await db.select({ n: count() }).from(tiers);
  if ((row?.n ?? 0) > 0) return;
  await db.insert(tiers).values(DEFAULT_TIERS.map((t) => ({ ...t }))).onConflictDoNothing();
}

/** How long a first-admin setup link stays usable. */
export const SETUP_LINK_TTL_MS = 24 * 60 * 60 * 1000;

/** Serialises everything that mints or consumes setup links, across processes. */
export const SETUP_LOCK_KEY = 0x7e11_5e7;

/** A setup invitation is the one nobody sent: no inviter and no email, for the first trust admin. */
export function isSetupInvitation(invite: { invitedBy: string | null; email: string | null; role: string }): boolean {
  return invite.invitedBy === null && invite.email === null && invite.role === "trust_admin";
}

/** The rows isSetupInvitation describes that nobody has used yet. */
export const openSetupInvitations = and(
  isNull(invitations.acceptedAt),
  isNull(invitations.invitedBy),
  isNull(invitations.email),
  eq(invitations.role, "trust_admin"),
);

/**
 * On an empty database, makes a one-time invitation for the first trust admin and returns its
 * path. Only the newest link is live: each start retires the links printed before it, since
 * the console that showed them may be gone. A production start never creates a default password.
 */
export async function setupLinkIfEmpty(db: Db): Promise<string | null> {
  const token = randomToken(20);
  const minted = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK_KEY})`);
    const [row] = await tx.select({ n: count() }).from(users);
    if ((row?.n ?? 0) > 0) return false;
    await tx.delete(invitations).where(openSetupInvitations);
    await tx.insert(invitations).values({ tokenHash: hashToken(token), role: "trust_admin", expiresAt: new Date(Date.now() + SETUP_LINK_TTL_MS) });
    return true;
  });
  return minted ? `/invite/${token}` : null;
}
