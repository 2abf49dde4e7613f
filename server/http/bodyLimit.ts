/**
 * One body limit for the whole API, counted while the body streams (Hono's bodyLimit), so a
 * chunked body with no Content-Length is cut off at the limit instead of read whole first.
 */
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "./context.js";
import { errorBody } from "./errors.js";

/** The largest JSON body any route takes. */
export const MAX_JSON_BODY_BYTES = 256 * 1024;
/** The largest upload (a Word plan and its form framing); a route may refuse less itself. */
export const MAX_UPLOAD_BODY_BYTES = 21 * 1024 * 1024;

export interface ApiBodyLimitOptions {
  jsonBytes?: number;
  uploadBytes?: number;
}

/**
 * Limits every request body: JSON and anything else to `jsonBytes`, a multipart upload from a
 * signed-in person to `uploadBytes`. Runs after the session middleware, so anonymous callers
 * never get the upload allowance.
 */
export function apiBodyLimit(options: ApiBodyLimitOptions = {}): MiddlewareHandler<AppEnv> {
  const { jsonBytes = MAX_JSON_BODY_BYTES, uploadBytes = MAX_UPLOAD_BODY_BYTES } = options;
  const onError: Parameters<typeof bodyLimit>[0]["onError"] = (c) => c.json(errorBody("payload_too_large", "The request body is too large"), 413);
  const json = bodyLimit({ maxSize: jsonBytes, onError });
  const upload = bodyLimit({ maxSize: uploadBytes, onError });
  return async function limitBody(c, next) {
    const multipart = (c.req.header("content-type") ?? "").startsWith("multipart/form-data");
    return (multipart && c.var.actor ? upload : json)(c, next);
  };
}
