/** Hono middleware for sessions and CSRF, written as small named factories. */
import type { Context, MiddlewareHandler } from "hono";
import { errorBody, HttpError } from "../http/errors.js";
import type { AppEnv } from "../http/context.js";
import { loadActor } from "../policies/actor.js";
import type { Actor } from "../policies/index.js";
import { readSessionToken, sessionCookie, validateSessionToken } from "./sessions.js";

/** Whether cookies should carry Secure: forced by SECURE_COOKIES, else when the request came over https. */
export function isSecureRequest(c: Context<AppEnv>): boolean {
  const forced = c.var.deps.env.SECURE_COOKIES;
  if (forced !== undefined) return forced;
  const proto = c.req.header("x-forwarded-proto") ?? new URL(c.req.url).protocol.replace(":", "");
  return proto === "https";
}

/** Loads the session and actor, if any, and slides the cookie's expiry when the session moved. */
export function sessionMiddleware(): MiddlewareHandler<AppEnv> {
  return async function session(c, next) {
    c.set("actor", null);
    c.set("sessionId", null);
    const token = readSessionToken(c.req.header("cookie"));
    if (token) {
      const found = await validateSessionToken(c.var.deps.db, token);
      if (found) {
        c.set("actor", await loadActor(c.var.deps.db, found.user));
        c.set("sessionId", found.session.id);
        if (found.session.refreshed) {
          c.header("Set-Cookie", sessionCookie(token, found.session.expiresAt, isSecureRequest(c)), { append: true });
        }
      }
    }
    await next();
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses cross-site state-changing requests. Browsers send Sec-Fetch-Site or Origin on every
 * POST; a request with neither is not from a browser, so it cannot be a forged cross-site one.
 */
export function csrfMiddleware(): MiddlewareHandler<AppEnv> {
  return async function csrf(c, next) {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const site = c.req.header("sec-fetch-site");
    if (site && site !== "same-origin" && site !== "none") {
      return c.json(errorBody("csrf", "Cross-site request refused"), 403);
    }
    const origin = c.req.header("origin");
    if (!site && origin) {
      const host = c.req.header("x-forwarded-host") ?? c.req.header("host") ?? new URL(c.req.url).host;
      let originHost: string | null = null;
      try {
        originHost = new URL(origin).host;
      } catch {
        originHost = null;
      }
      if (originHost !== host) return c.json(errorBody("csrf", "Cross-site request refused"), 403);
    }
    return next();
  };
}

/** The signed-in actor, or a 401 for everyone else. */
export function requireActor(c: Context<AppEnv>): Actor {
  const actor = c.var.actor;
  if (!actor) throw new HttpError(401, "unauthenticated", "Sign in to continue");
  return actor;
}
