/** zod at the boundary: parse a JSON body or a query string, or fail with a clear 400. */
import type { Context } from "hono";
import type { z } from "zod";
import { HttpError, validationError } from "./errors.js";

const MAX_BODY_BYTES = 256 * 1024;

/** Parses the JSON body against `schema`. Malformed JSON is a 400, never a 500. */
export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const length = Number(c.req.header("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) throw new HttpError(413, "payload_too_large", "The request body is too large");
  const text = await c.req.text();
  if (text.length > MAX_BODY_BYTES) throw new HttpError(413, "payload_too_large", "The request body is too large");
  let json: unknown;
  try {
    json = text.length ? JSON.parse(text) : {};
  } catch {
    throw new HttpError(400, "invalid_json", "The request body is not valid JSON");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** Parses the query string against `schema`. */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** Parses a path parameter that must be a UUID; anything else is simply not found. */
export function uuidParam(c: Context, name: string): string {
  const value = c.req.param(name) ?? "";
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) {
    throw new HttpError(404, "not_found", "Not found");
  }
  return value.toLowerCase();
}
