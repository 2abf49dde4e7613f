/** zod at the boundary: parse a JSON body, a query string or a path parameter, or fail with a clear 4xx. */
import type { Context } from "hono";
import type { z } from "zod";
import { findUnsafeText } from "../../shared/text.js";
import { MAX_JSON_BODY_BYTES as MAX_BODY_BYTES } from "./bodyLimit.js";
import { HttpError, validationError } from "./errors.js";
import { idSchema } from "./schemas.js";

/** A NUL or lone surrogate anywhere in the input is refused, even in a field a schema forgot. */
function refuseUnsafeText(value: unknown): void {
  const path = findUnsafeText(value);
  if (!path) return;
  const where = path.length ? `${path.join(".")}: ` : "";
  throw new HttpError(400, "invalid_text", `${where}Remove the invisible control characters (NUL or a broken emoji)`);
}

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
  refuseUnsafeText(json);
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** Parses the query string against `schema`. */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const query = c.req.query();
  refuseUnsafeText(query);
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** Parses one path parameter against `schema`; a value that cannot name anything is simply not found. */
export function parseParam<S extends z.ZodType>(c: Context, name: string, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.param(name) ?? "");
  if (!parsed.success) throw new HttpError(404, "not_found", "Not found");
  return parsed.data;
}

/** Parses a path parameter that must be a UUID; anything else is simply not found. */
export function uuidParam(c: Context, name: string): string {
  return (parseParam(c, name, idSchema) as string).toLowerCase();
}
