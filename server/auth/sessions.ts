/**
 * Sessions after Lucia's documented design, on @oslojs (the `lucia` package is deprecated).
 * The cookie carries `<id>.<secret>`; the table stores the id and SHA-256(secret), compared in
 * constant time. Expiry slides: a session used in its second half is extended.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { sessions, users } from "../db/schema/index.js";
import { hashesEqual, hashToken, randomToken } from "./tokens.js";

export const SESSION_COOKIE = "trellis_session";
const DAY = 24 * 60 * 60 * 1000;
export const SESSION_TTL_MS = 30 * DAY;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

export interface ValidSession {
  id: string;
  userId: string;
  expiresAt: Date;
  /** True when the expiry moved and the cookie should be re-issued. */
  refreshed: boolean;
}

/** Creates a session and returns the token to put in the cookie. */
export async function createSession(db: Db, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const id = randomToken(15);
  const secret = randomToken(20);
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db.insert(sessions).values({ id, secretHash: hashToken(secret), userId, expiresAt });
  return { token: `${id}.${secret}`, expiresAt };
}

/** Returns the session and user behind a cookie token, or null; expired sessions are deleted. */
export async function validateSessionToken(
  db: Db,
  token: string,
): Promise<{ session: ValidSession; user: SessionUser } | null> {
  const [id, secret, extra] = token.split(".");
  if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 64) return null;
  const rows = await db
    .select({ session: sessions, user: { id: users.id, email: users.email, name: users.name } })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id))
    .limit(1);
  const row = rows[0];
  if (!row || !hashesEqual(hashToken(secret), row.session.secretHash)) return null;
  const now = Date.now();
  if (row.session.expiresAt.getTime() <= now) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  let expiresAt = row.session.expiresAt;
  let refreshed = false;
  if (expiresAt.getTime() - now < SESSION_TTL_MS / 2) {
    expiresAt = new Date(now + SESSION_TTL_MS);
    refreshed = true;
    await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id));
  }
  return { session: { id, userId: row.session.userId, expiresAt, refreshed }, user: row.user };
}

/** Ends one session (sign out). */
export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** The Set-Cookie value for a session; Secure when served over https. */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const parts = [
    `${SESSION_COOKIE}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Expires=${expiresAt.toUTCString()}`,
    `Max-Age=${Math.floor((expiresAt.getTime() - Date.now()) / 1000)}`,
  ];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

/** The Set-Cookie value that removes the session cookie. */
export function clearSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? "; Secure" : ""}`;
}

/** Reads the session token from a Cookie header (HTTP requests and WebSocket upgrades alike). */
export function readSessionToken(cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const eqAt = part.indexOf("=");
    if (eqAt < 0) continue;
    if (part.slice(0, eqAt).trim() === SESSION_COOKIE) return part.slice(eqAt + 1).trim() || null;
  }
  return null;
}
