/**
 * Response headers: security headers on everything (Hono's secureHeaders), no-store on the API,
 * and long immutable caching for the client's content-hashed assets.
 */
import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { isSecureRequest } from "../auth/middleware.js";
import type { AppEnv } from "./context.js";

/** Vite names every file under /assets by its content hash, so a URL never changes meaning. */
const IMMUTABLE = "public, max-age=31536000, immutable";
const HSTS = "max-age=31536000; includeSubDomains";

/**
 * CSP with scripts from this origin only, no framing, nosniff and a strict referrer; HSTS only
 * when the request came over https (sending it over plain http would be ignored, or lock out a
 * local install).
 */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  const headers = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // ProseMirror and Tiptap write style attributes (widths, positions); no inline scripts are allowed.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", "data:", "blob:"],
      fontSrc: ["'self'", "data:"],
      // 'self' covers the same-origin /collab WebSocket and the event streams.
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    strictTransportSecurity: false,
    xFrameOptions: "DENY",
    referrerPolicy: "strict-origin-when-cross-origin",
    crossOriginEmbedderPolicy: false,
  });
  return async function security(c, next) {
    await headers(c, next);
    if (isSecureRequest(c)) c.header("Strict-Transport-Security", HSTS);
  };
}

/** API answers are per person and change: never cached by a browser or proxy, unless a route says otherwise. */
export function noStore(): MiddlewareHandler<AppEnv> {
  return async function apiNoStore(c, next) {
    await next();
    if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
  };
}

/** Hashed assets are cached for a year; index.html (served for every client route) is revalidated each time. */
export function staticCaching(): MiddlewareHandler<AppEnv> {
  return async function cacheStatic(c, next) {
    await next();
    // A page written for its reader (clientPage) says so itself.
    if (c.res.status !== 200 || c.res.headers.has("Cache-Control")) return;
    c.header("Cache-Control", c.req.path.startsWith("/assets/") ? IMMUTABLE : "no-cache");
  };
}
