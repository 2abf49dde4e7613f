/** First-run data every deployment needs: the default tier scheme, and a setup link when nobody can sign in. */
import { count } from "drizzle-orm";
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

/**
 * On an empty database, makes a one-time invitation for the first trust admin and returns its
 * path. A production start never creates a default password.
 */
export async function setupLinkIfEmpty(db: Db): Promise<string | null> {
  const [row] = await db.select({ n: count() }).from(users);
  if ((row?.n ?? 0) > 0) return null;
  const token = randomToken(20);
  await db.insert(invitations).values({
    tokenHash: hashToken(token),
    role: "trust_admin",
    expiresAt: new Date(Date.now() + 24 * 60 * 60 * 1000),
  });
  return `/invite/${token}`;
}
